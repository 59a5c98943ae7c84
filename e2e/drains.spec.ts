import { DrainsPage } from './pages/drains';
import { expect, SIM_CONTEXT, test } from './fixtures';
import { demoSettled } from './support/cluster-objects';

/**
 * Node drains in the browser: a plan from the cluster's own answers (kubectl's refusals first,
 * then dry runs that pass), a drain of node-3 through its three stages to "safe to power off"
 * and an uncordon; and a drain of node-1 meeting the always-blocked budget, waiting with its
 * reason and ending at its timeout with that pod listed.
 */

const unschedulable = (kubectl: (...args: string[]) => Promise<string>, node: string) =>
  kubectl('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}');

test('plans and runs a drain of node-3 to safe to power off, then uncordons it', async ({
  page,
  kubectl,
  sim,
}) => {
  test.setTimeout(90_000);
  await demoSettled(sim);
  const drains = new DrainsPage(page);
  await drains.open('overview');
  await drains.expectLive(30_000);
  await page.getByRole('link', { name: 'Drain node-3…' }).click();
  await expect(drains.planHeading('node-3')).toBeVisible();
  // Without options kubectl refuses: a pod without controller, emptyDir, a DaemonSet pod.
  await expect(drains.planRow('shop/debug-shell')).toContainText(
    'Pods that declare no controller (use --force to override)',
  );
  await expect(drains.startButton()).toBeDisabled();

  await drains.option('Ignore DaemonSets');
  await drains.option('Delete emptyDir data');
  await drains.option('Force (pods without a controller)');
  await drains.plan();
  await expect(drains.planRow(/shop\/web-/)).toContainText('Would pass');
  await expect(drains.planRow(/kube-system\/node-exporter-/)).toContainText('Skip');
  await expect(drains.startButton()).toBeEnabled();
  await page.screenshot({ path: 'test-results/drain-plan.png', fullPage: true });
  expect(await unschedulable(kubectl, 'node-3')).toBe('');

  await drains.start('node-3');
  await drains.expectFull('Evictions accepted');
  await drains.expectFull('Pods gone');
  await expect(drains.node('node-3').getByText('Safe to power off')).toBeVisible();
  await expect(drains.podRow(/^shop\/web-/)).toContainText('Replacement ready', {
    timeout: 20_000,
  });
  await expect
    .poll(async () => Number(await drains.bar('Replacements Ready').getAttribute('aria-valuenow')))
    .toBeGreaterThan(0);
  await expect(page.getByRole('link', { name: 'Timelines of this drain' })).toBeVisible();
  await page.screenshot({ path: 'test-results/drain-progress.png', fullPage: true });
  expect(await unschedulable(kubectl, 'node-3')).toBe('true');

  await drains.node('node-3').getByRole('button', { name: 'Uncordon' }).click();
  await expect.poll(() => unschedulable(kubectl, 'node-3')).toBe('');
});

test('a drain of node-1 waits on the always-blocked budget and ends at its timeout', async ({
  page,
}) => {
  // After the first test: the demo has settled (api allows no disruption, ever).
  test.setTimeout(90_000);
  const drains = new DrainsPage(page);
  const options = 'ignoreDaemonSets=1&deleteEmptyDirData=1&force=1&timeoutSeconds=12';
  await page.goto(`/clusters/${SIM_CONTEXT}/nodes?plan=node-1&${options}`);
  await expect(drains.planHeading('node-1')).toBeVisible();
  await expect(drains.planRow(/shop\/api-/)).toContainText('Blocked by budget shop/api');
  await expect(drains.planRow(/shop\/search-/)).toContainText('Several budgets');
  await page
    .getByRole('checkbox', { name: 'Start anyway: some pods will wait until the timeout' })
    .check();

  await drains.start('node-1');
  const api = drains.podRow(/^shop\/api-/);
  await expect(api).toContainText('Waiting on budget');
  await expect(api).toContainText('Budget api allows 0 disruptions');
  await expect(page.getByRole('list', { name: 'Pods waiting by budget' })).toContainText(
    'Waiting on budget shop/api: 1 pod',
  );
  await page.screenshot({ path: 'test-results/drain-waiting.png', fullPage: true });

  await expect(page.getByText('Timed out', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(drains.podsLeft()).toContainText(/Still pending: shop\/api-\S+ — .*Budget api/);
  await page.screenshot({ path: 'test-results/drain-timed-out.png', fullPage: true });
});
