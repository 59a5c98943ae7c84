import type { V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';
import { EvictPage, evictDialog } from './pages/evict';
import type { Sim } from './support/sim';
import { expect, test } from './fixtures';

const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const nameOf = (p: V1Pod) => p.metadata?.name ?? '';
const isLive = (p: V1Pod) => isReady(p) && !p.metadata?.deletionTimestamp;

function podsOf(sim: Sim, namespace: string, labels: string): Promise<V1Pod[]> {
  const query = new URLSearchParams({ labelSelector: labels }).toString();
  return sim.list<V1Pod>(`/api/v1/namespaces/${namespace}/pods?${query}`);
}

async function webBudget(sim: Sim): Promise<V1PodDisruptionBudget | undefined> {
  const budgets = await sim.list<V1PodDisruptionBudget>(
    '/apis/policy/v1/namespaces/shop/poddisruptionbudgets',
  );
  return budgets.find((b) => b.metadata?.name === 'web');
}

/**
 * Waits until shop/web is settled: its 3 pods Ready and none terminating, its budget
 * (maxUnavailable 1) allowing 1 with no eviction pending. Returns the pods' names.
 */
async function settledWeb(sim: Sim): Promise<string[]> {
  let names: string[] = [];
  await expect
    .poll(
      async () => {
        const pods = await podsOf(sim, 'shop', 'app=web');
        const status = (await webBudget(sim))?.status;
        names = pods.filter(isLive).map(nameOf).sort();
        return (
          pods.length === 3 &&
          names.length === 3 &&
          status?.disruptionsAllowed === 1 &&
          Object.keys(status.disruptedPods ?? {}).length === 0
        );
      },
      { timeout: 45_000 },
    )
    .toBe(true);
  return names;
}

test('a dry run changes nothing in the cluster', async ({ page, sim }) => {
  test.setTimeout(60_000);
  const [name = ''] = await settledWeb(sim);
  const pods = new EvictPage(page);
  await pods.openPods({ namespace: 'shop', labels: 'app=web' });
  await pods.expectLive();

  await pods.evictButton('shop', name).click();
  const dialog = pods.dialog('shop', name);
  await expect(dialog).toBeVisible();
  await expect(evictDialog.budgets(dialog)).toContainText('Allowed disruptions 1');
  await expect(evictDialog.verdict(dialog)).toContainText(
    'Dry run: the cluster would evict this pod',
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const pod = (await podsOf(sim, 'shop', 'app=web')).find((p) => nameOf(p) === name);
  expect(pod?.metadata?.deletionTimestamp).toBeUndefined();
  expect(pod?.status?.conditions?.map((c) => c.type)).not.toContain('DisruptionTarget');
  const status = (await webBudget(sim))?.status;
  expect(status?.disruptionsAllowed).toBe(1);
  expect(status?.disruptedPods ?? {}).toEqual({});
});

test('under a budget that allows one: evicted, then the next pod is blocked by the budget', async ({
  page,
  context,
  sim,
}) => {
  test.setTimeout(60_000);
  const [first = '', second = ''] = await settledWeb(sim);
  // The second pod's dialog is open in another tab before the first eviction, so that its
  // eviction is sent before the first pod's replacement is Ready (2 s in the demo).
  const other = new EvictPage(await context.newPage());
  await other.openPod('shop', second);
  await other.expectLive();
  await other.page.getByRole('button', { name: 'Evict', exact: true }).click();
  const secondDialog = other.dialog('shop', second);
  await expect(evictDialog.verdict(secondDialog)).toContainText('would evict');

  const pods = new EvictPage(page);
  await pods.openPods({ namespace: 'shop', labels: 'app=web' });
  await pods.expectLive();
  await pods.evictButton('shop', first).click();
  const firstDialog = pods.dialog('shop', first);
  await evictDialog.submit(firstDialog).click();
  await expect(evictDialog.result(firstDialog)).toContainText(
    'Evicted: the pod will be deleted gracefully',
  );

  await evictDialog.submit(secondDialog).click();
  const result = evictDialog.result(secondDialog);
  await expect(result).toContainText('Blocked by budget web');
  await expect(result).toContainText(/Budget web needs \d+ healthy, has \d+\./);
  await expect(result).toContainText(/The disruption budget web needs \d+ healthy pods/);
  const why = evictDialog.whyBlocked(secondDialog);
  await expect(why).toContainText('Budget web allows 0 disruptions now');
  await expect(why).toContainText('Delete the pod directly (last resort)');
  await expect(why.getByRole('button', { name: 'Delete pod' })).toBeDisabled();

  await evictDialog.close(secondDialog).click();
  const attempts = other.page.getByRole('list', { name: 'Attempts' });
  await expect(attempts.getByRole('listitem')).toHaveCount(2);
  await expect(attempts.getByRole('listitem').first()).toContainText('Blocked by budget web');
  await expect(attempts.getByRole('listitem').last()).toContainText('dry run');
});

test('a pod under two budgets: the dialog warns before sending, the result says several budgets', async ({
  page,
  sim,
}) => {
  const [name = ''] = (await podsOf(sim, 'shop', 'app=search')).map(nameOf);
  const pods = new EvictPage(page);
  await pods.openPods({ namespace: 'shop', labels: 'app=search' });
  await pods.expectLive();
  await pods.evictButton('shop', name).click();
  const dialog = pods.dialog('shop', name);

  await expect(evictDialog.budgets(dialog).getByRole('listitem')).toHaveCount(2);
  await expect(dialog.getByRole('alert').first()).toContainText('Several budgets select this pod');
  await expect(evictDialog.verdict(dialog)).toContainText(
    'Several budgets select this pod: a configuration error',
  );
  await evictDialog.submit(dialog).click();
  await expect(evictDialog.result(dialog)).toContainText(
    'Several budgets select this pod: a configuration error',
  );
  const pod = (await podsOf(sim, 'shop', 'app=search')).find((p) => nameOf(p) === name);
  expect(pod?.metadata?.deletionTimestamp).toBeUndefined();
});

test('blocked for good: why blocked, then Delete pod with its typed confirmation, recorded', async ({
  page,
  sim,
}) => {
  test.setTimeout(60_000);
  // shop/api: minAvailable 2 of 2 replicas, a budget that never allows a disruption.
  let name = '';
  await expect
    .poll(async () => {
      name = (await podsOf(sim, 'shop', 'app=api')).filter(isLive).map(nameOf)[0] ?? '';
      return name;
    })
    .not.toBe('');
  const pods = new EvictPage(page);
  await pods.openPod('shop', name);
  await pods.expectLive();
  await page.getByRole('button', { name: 'Evict', exact: true }).click();
  const dialog = pods.dialog('shop', name);
  await expect(evictDialog.budgets(dialog)).toContainText('Allowed disruptions 0 — blocked');
  await evictDialog.submit(dialog).click();
  await expect(evictDialog.result(dialog)).toContainText('Blocked by budget api');
  const why = evictDialog.whyBlocked(dialog);
  await expect(why).toContainText('Budget api allows 0 disruptions now');

  const remove = why.getByRole('region', { name: 'Delete pod' });
  const confirm = remove.getByRole('textbox', { name: 'Type the pod name to delete it' });
  const button = remove.getByRole('button', { name: 'Delete pod' });
  await confirm.fill(name.slice(0, -1));
  await expect(button).toBeDisabled();
  await confirm.fill(name);
  await button.click();
  await expect(remove.getByLabel('Delete result')).toContainText('Deleted (budgets bypassed)');
  await evictDialog.close(dialog).click();

  const attempts = page.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
  await expect(attempts.first()).toContainText('Deleted (budgets bypassed)');
  await expect(attempts.first()).toContainText(/^.*Delete by /);
  await expect(attempts.nth(1)).toContainText('Blocked by budget api');
  await expect
    .poll(async () => (await podsOf(sim, 'shop', 'app=api')).some((p) => nameOf(p) === name), {
      timeout: 30_000,
    })
    .toBe(false);
});

test('a pod with no budget: evicted, Terminating, gone, and its replacement appears', async ({
  page,
  sim,
}) => {
  const [victim] = (await podsOf(sim, 'kube-system', 'app=node-exporter')).filter(isLive);
  const name = victim === undefined ? '' : nameOf(victim);
  const node = victim?.spec?.nodeName;
  const pods = new EvictPage(page);
  await pods.openPods({ namespace: 'kube-system', labels: 'app=node-exporter' });
  await pods.expectLive();
  await pods.evictButton('kube-system', name).click();
  const dialog = pods.dialog('kube-system', name);
  await expect(dialog).toContainText('No PodDisruptionBudget selects this pod.');
  await expect(evictDialog.verdict(dialog)).toContainText('would evict');
  await expect(evictDialog.podNow(dialog)).toContainText('Running');
  // Within the grace period the app exits after 2 s (the simulator's default).
  await evictDialog.gracePeriod(dialog).fill('5');
  await evictDialog.submit(dialog).click();
  await expect(evictDialog.result(dialog)).toContainText('Evicted');
  await expect(evictDialog.podNow(dialog)).toContainText('Terminating');
  await expect(evictDialog.podNow(dialog)).toContainText('Gone');
  await evictDialog.close(dialog).click();

  await expect(pods.row(name)).toHaveCount(0);
  let replacement = '';
  await expect
    .poll(async () => {
      const fresh = (await podsOf(sim, 'kube-system', 'app=node-exporter')).find(
        (p) => p.spec?.nodeName === node && nameOf(p) !== name,
      );
      replacement = fresh === undefined ? '' : nameOf(fresh);
      return replacement;
    })
    .not.toBe('');
  await expect(pods.row(replacement, 'Running')).toBeVisible();
});

test('bulk eviction of three pods under a budget allowing one: one evicted, two blocked', async ({
  page,
  sim,
}) => {
  test.setTimeout(60_000);
  const names = await settledWeb(sim);
  const pods = new EvictPage(page);
  await pods.openPods({ namespace: 'shop', labels: 'app=web', state: 'Running' });
  await pods.expectLive();
  await expect(pods.table).toHaveAttribute('aria-rowcount', '4');
  await pods.selectAll.check();
  for (const name of names) await expect(pods.selectBox('shop', name)).toBeChecked();
  await pods.evictSelected.click();

  const dialog = pods.bulkDialog(3);
  await dialog.getByRole('button', { name: 'Evict 3 pods', exact: true }).click();
  await expect(dialog.getByRole('status').filter({ hasText: /^Done:/ })).toHaveText(
    'Done: 1 evicted, 2 blocked.',
  );
  const results = await Promise.all(
    names.map((name) => dialog.getByLabel(`Result for shop/${name}`).textContent()),
  );
  expect(results.filter((r) => r?.includes('Evicted: the pod will be deleted'))).toHaveLength(1);
  expect(results.filter((r) => r?.includes('Blocked by budget web'))).toHaveLength(2);
  // One run per dialog: nothing can be sent twice by a second click.
  await expect(dialog.getByRole('button', { name: 'Evict 3 pods', exact: true })).toBeDisabled();
});
