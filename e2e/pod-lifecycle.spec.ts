import type { V1Pod } from '@kubernetes/client-node';
import { OverviewPage } from './pages/overview';
import { expect, test } from './fixtures';

/** The acceptance: a deletion is on screen within a second of running kubectl. */
const TERMINATING_WITHIN_MS = 1_000;

interface PodList {
  items: V1Pod[];
}

const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const ownerUid = (p: V1Pod) => p.metadata?.ownerReferences?.find((r) => r.controller)?.uid;

test('a pod deleted with kubectl is Terminating within 1 s, then gone, then replaced', async ({
  page,
  kubectl,
}) => {
  const overview = new OverviewPage(page);
  await overview.openOverview();
  await overview.expectLive();

  // This first kubectl call also fills its discovery cache, so the timed one is a plain DELETE.
  const webPods = async () =>
    (
      JSON.parse(
        await kubectl('get', 'pods', '-n', 'shop', '-l', 'app=web', '-o', 'json'),
      ) as PodList
    ).items;
  let victim: V1Pod | undefined;
  await expect
    .poll(async () => {
      victim = (await webPods()).find((p) => isReady(p) && !p.metadata?.deletionTimestamp);
      return victim !== undefined;
    })
    .toBe(true);
  const name = victim?.metadata?.name ?? '';
  const owner = victim === undefined ? undefined : ownerUid(victim);
  await expect(overview.podTile(name, 'Running', 'Ready')).toBeVisible();
  const before = new Set((await webPods()).map((p) => p.metadata?.name));

  const startedAt = Date.now();
  const deleted = kubectl('delete', 'pod', '-n', 'shop', name, '--wait=false');
  await expect(overview.podTile(name, 'Terminating')).toBeVisible({
    timeout: TERMINATING_WITHIN_MS,
  });
  const elapsed = Date.now() - startedAt;
  test.info().annotations.push({ type: 'terminating shown after', description: `${elapsed} ms` });
  expect(elapsed).toBeLessThanOrEqual(TERMINATING_WITHIN_MS);
  expect(await deleted).toContain(`pod "${name}" deleted`);

  await expect(overview.podTile(name)).toHaveCount(0);
  let replacement = '';
  await expect
    .poll(async () => {
      const fresh = (await webPods()).find(
        (p) => !before.has(p.metadata?.name) && ownerUid(p) === owner,
      );
      replacement = fresh?.metadata?.name ?? '';
      return replacement;
    })
    .not.toBe('');
  await expect(overview.podTile(replacement, 'Running', 'Ready')).toBeVisible();
});
