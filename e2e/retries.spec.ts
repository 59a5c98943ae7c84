import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { EvictPage, evictDialog } from './pages/evict';
import { RetriesPage } from './pages/retries';
import type { Sim } from './support/sim';
import { expect, SIM_CONTEXT, test } from './fixtures';

/**
 * The retry queue in the browser: a blocked eviction kept pending with the budget's message and
 * accepted without any click once the budget has room; a stuck one diagnosed, with the docs'
 * remedies, and cancelled.
 */

// Stuck after 3 s instead of 5 min, so the stuck scenario fits in a test.
test.use({ appEnv: { DRAINBOARD_STUCK_RETRY_SECONDS: '3' } });

/** "Allows one": 3 replicas under maxUnavailable 1, replacements Ready 6 s after they start. */
const ALLOWS_ONE = `apiVersion: v1
kind: Namespace
metadata: {name: one}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: allows-one, namespace: one}
spec:
  replicas: 3
  selector: {matchLabels: {app: allows-one}}
  template:
    metadata:
      labels: {app: allows-one}
      annotations:
        sim.drainboard.dev/start-after: 500ms
        sim.drainboard.dev/ready-after: 6s
        sim.drainboard.dev/shutdown-after: 500ms
    spec:
      containers: [{name: app, image: nginx}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: allows-one, namespace: one}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: allows-one}}
`;

const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const nameOf = (p: V1Pod) => p.metadata?.name ?? '';

/** The names of `count` Ready, not terminating pods of `app` in `namespace`, once there are. */
async function readyPods(
  sim: Sim,
  namespace: string,
  app: string,
  count: number,
): Promise<V1Pod[]> {
  let pods: V1Pod[] = [];
  await expect
    .poll(
      async () => {
        const all = await sim.list<V1Pod>(
          `/api/v1/namespaces/${namespace}/pods?labelSelector=app%3D${app}`,
        );
        pods = all.filter((p) => isReady(p) && !p.metadata?.deletionTimestamp);
        return pods.length;
      },
      { timeout: 45_000 },
    )
    .toBeGreaterThanOrEqual(count);
  return pods;
}

/** Evicts a pod from its row in the Pods view, "Keep retrying if blocked" as asked; the dialog. */
async function evictFromRow(
  pods: EvictPage,
  namespace: string,
  pod: string,
  keepRetrying: boolean,
) {
  await pods.evictButton(namespace, pod).click();
  const dialog = pods.dialog(namespace, pod);
  await expect(dialog).toBeVisible();
  if (keepRetrying)
    await dialog.getByRole('checkbox', { name: 'Keep retrying if blocked' }).check();
  await evictDialog.submit(dialog).click();
  return dialog;
}

test('a blocked eviction waits with the budget’s message and passes without a click when the budget frees', async ({
  page,
  sim,
  env,
  kubectl,
}) => {
  test.setTimeout(90_000);
  const manifest = join(env.workDir, 'allows-one.yaml');
  await writeFile(manifest, ALLOWS_ONE);
  await kubectl('apply', '-f', manifest);
  const [first, second] = (await readyPods(sim, 'one', 'allows-one', 3)).map(nameOf).sort();
  if (first === undefined || second === undefined) throw new Error('no pods');

  const pods = new EvictPage(page);
  await pods.openPods({ namespace: 'one' });
  await pods.expectLive();
  const one = await evictFromRow(pods, 'one', first, true);
  await expect(evictDialog.result(one)).toContainText(
    'Evicted: the pod will be deleted gracefully',
  );
  await evictDialog.close(one).click();
  const two = await evictFromRow(pods, 'one', second, true);
  await expect(evictDialog.result(two)).toContainText(
    'Pending retry: blocked by budget allows-one',
  );
  await two.getByRole('link', { name: /Retries/ }).click();

  const retries = new RetriesPage(page);
  await expect(retries.pendingRow('one', second)).toBeVisible();
  await expect(retries.budget('one', second)).toHaveText('allows-one');
  await expect(retries.message('one', second)).toContainText(
    'The disruption budget allows-one needs 2 healthy pods and has 2 currently',
  );
  await expect(retries.countdown('one', second)).toBeVisible();
  expect(await retries.attempts('one', second)).toBeGreaterThanOrEqual(1);
  await page.screenshot({ path: 'test-results/retries-pending.png', fullPage: true });

  // No click from here on: the first pod's replacement turns Ready, and the queue evicts.
  await expect(retries.pendingRow('one', second)).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => retries.outcomeWord('one', second)).toBe('Evicted');
  const pod = (await sim.list<V1Pod>('/api/v1/namespaces/one/pods')).find(
    (p) => nameOf(p) === second,
  );
  expect(pod === undefined || pod.metadata?.deletionTimestamp !== undefined).toBe(true);
});

test('replacements that never become Ready: stuck with its diagnosis and remedies; cancel removes it', async ({
  page,
  sim,
}) => {
  test.setTimeout(90_000);
  // shop/checkout: minAvailable 2 of 3, and its replacements never become Ready.
  const [first, second] = (await readyPods(sim, 'shop', 'checkout', 3)).map(nameOf).sort();
  if (first === undefined || second === undefined) throw new Error('no pods');
  const pods = new EvictPage(page);
  await pods.openPods({ namespace: 'shop', labels: 'app=checkout' });
  await pods.expectLive();
  const one = await evictFromRow(pods, 'shop', first, false);
  await expect(evictDialog.result(one)).toContainText('Evicted');
  await evictDialog.close(one).click();
  const two = await evictFromRow(pods, 'shop', second, true);
  await expect(evictDialog.result(two)).toContainText('Pending retry: blocked by budget checkout');
  await page.keyboard.press('Escape');

  const retries = new RetriesPage(page);
  await retries.openRetries();
  await expect(retries.pendingRow('shop', second)).toBeVisible();
  await expect(retries.stuckBadge('shop', second)).toBeVisible({ timeout: 20_000 });
  const item = retries.stuckItem('Retry', `shop/${second}`);
  await expect(item).toBeVisible();
  const diagnoses = (await retries.stuckDiagnoses('Retry', `shop/${second}`)).join('\n');
  expect(diagnoses).toMatch(
    /replacement checkout-\S+ (has not become Ready|is running but not Ready)/,
  );
  const remedies = (await retries.stuckRemedies('Retry', `shop/${second}`)).join('\n');
  expect(remedies).toMatch(/Pause/);
  expect(remedies).toMatch(/delete the pod directly/i);

  await page.screenshot({ path: 'test-results/retries-stuck.png', fullPage: true });

  // The same from the API, the metrics and the Overview.
  const stuck = (await (await page.request.get(`/api/clusters/${SIM_CONTEXT}/stuck`)).json()) as {
    kind: string;
    name: string;
    diagnoses: { code: string }[];
    remedies: { code: string }[];
  }[];
  const mine = stuck.find((i) => i.kind === 'retry' && i.name === second);
  expect(mine?.remedies.map((r) => r.code)).toEqual(
    expect.arrayContaining(['pause-and-investigate', 'wait-then-delete']),
  );
  expect(mine?.diagnoses.map((d) => d.code)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^(never-ready|not-ready)$/)]),
  );
  const metrics = await (await page.request.get('/api/metrics')).text();
  expect(metrics).toMatch(
    new RegExp(`drainboard_stuck_items\\{cluster="${SIM_CONTEXT}",kind="retry"\\} [1-9]`),
  );
  await retries.open('overview');
  await expect.poll(() => retries.overviewCount('Stuck')).toBeGreaterThanOrEqual(1);
  await retries.overviewLink.click();

  const attempts = await retries.attempts('shop', second);
  await retries.retryNow('shop', second);
  await expect(retries.actionResult).toContainText(`Retrying shop/${second} now`);
  await expect.poll(() => retries.attempts('shop', second)).toBeGreaterThan(attempts);
  await retries.cancel('shop', second);
  await expect(retries.actionResult).toContainText(`Cancelled the retry of shop/${second}`);
  await expect(retries.pendingRow('shop', second)).toHaveCount(0);
  await expect(item).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(() => retries.outcomeWord('shop', second)).toBe('Cancelled');
  const pod = (await sim.list<V1Pod>('/api/v1/namespaces/shop/pods')).find(
    (p) => nameOf(p) === second,
  );
  expect(pod?.metadata?.deletionTimestamp).toBeUndefined();
});
