import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { kubectlEnv } from '../lib/sim/testing';
import { EvictPage, evictDialog } from './pages/evict';
import { expect, test } from './fixtures';

/**
 * Walkthroughs as a learner does them, in English, each on its own embedded cluster named
 * after it: 1 — open the Evict dialog (its dry run ticks the first step), evict, and wait for
 * the timeline to end with the replacement Ready; 2 — a first eviction passes, a second gets the
 * budget's 429, and the same pod, with "Keep retrying", passes once the replacement is Ready;
 * 3 — two budgets: the 500, the shown `kubectl patch` run as shown, then the eviction passes.
 * Finishing removes the walkthrough's cluster.
 */

/** Starts a walkthrough from its page; its progress bar. */
async function startWalkthrough(page: Page, title: string, id: string) {
  await page.goto('/walkthroughs');
  await page.getByRole('link', { name: new RegExp(title) }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByText(`Cluster: ${id}`)).toBeVisible({ timeout: 30_000 });
  return page.getByRole('progressbar', { name: 'Progress' });
}

/** Evicts a pod from its row in the walkthrough cluster's Pods view; the dialog, closed after. */
async function evictFromRow(page: Page, pod: string, keepRetrying: boolean, result: string) {
  const pods = new EvictPage(page);
  await pods.evictButton('learn', pod).click();
  const dialog = pods.dialog('learn', pod);
  await expect(dialog).toBeVisible();
  if (keepRetrying) {
    await dialog.getByRole('checkbox', { name: 'Keep retrying if blocked' }).check();
  }
  await evictDialog.submit(dialog).click();
  await expect(evictDialog.result(dialog)).toContainText(result);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('walkthrough 1, evict a pod with no budget, ticks each step as the learner does it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const progress = await startWalkthrough(page, 'Evict a pod with no budget', 'no-budget');
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  const steps = page.getByRole('list', { name: 'steps' });
  await expect(steps.getByRole('article', { name: 'Ask first: a dry run' })).toHaveAttribute(
    'aria-current',
    'step',
  );

  // In the walkthrough's own cluster: the Evict dialog asks for a dry run first.
  await page.goto('/clusters/no-budget/pods?namespace=learn');
  const evict = page.getByRole('button', { name: /^Evict learn\/solo-/ });
  await evict.click();
  const dialog = page.getByRole('dialog', { name: /^Evict learn\/solo-/ });
  await expect(evictDialog.verdict(dialog)).toContainText(
    'Dry run: the cluster would evict this pod',
    {
      timeout: 15_000,
    },
  );
  await evictDialog.submit(dialog).click();
  await expect(evictDialog.result(dialog)).toContainText('Evicted');

  await page.goto('/walkthroughs/no-budget');
  await expect(progress).toHaveAttribute('aria-valuenow', '3', { timeout: 30_000 });
  await expect(page.getByText('Every step is done. Finish to remove its cluster.')).toBeVisible();
  await page.screenshot({ path: 'test-results/walkthrough-en.png', fullPage: true });

  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByText('Finished', { exact: true })).toBeVisible();
  const clusters = (await (await page.request.get('/api/clusters')).json()) as { name: string }[];
  expect(clusters.map((c) => c.name)).not.toContain('no-budget');
});

test('walkthrough 2, a budget that allows one: 201, then 429, then it passes when Ready', async ({
  page,
  sim,
}) => {
  test.setTimeout(120_000);
  // The dashboard's own cluster (not the walkthrough's) is left alone.
  const untouched = await sim.evictions();
  const progress = await startWalkthrough(page, 'A budget that allows one', 'one-allowed');
  // Step 1 ticks once the three pods are Ready and the budget allows one.
  await expect(progress).toHaveAttribute('aria-valuenow', '1', { timeout: 30_000 });

  await page.goto('/clusters/one-allowed/pods?namespace=learn');
  const buttons = page.getByRole('button', { name: /^Evict learn\/web-/ });
  await expect(buttons).toHaveCount(3);
  const [first = '', second = ''] = (
    await Promise.all([0, 1].map((i) => buttons.nth(i).getAttribute('aria-label')))
  ).map((label) => (label ?? '').replace('Evict learn/', ''));
  await evictFromRow(page, first, false, 'Evicted');
  await evictFromRow(page, second, false, 'Blocked by budget web');
  await evictFromRow(page, second, true, 'Pending retry: blocked by budget web');

  await page.goto('/walkthroughs/one-allowed');
  await expect(progress).toHaveAttribute('aria-valuenow', '4', { timeout: 40_000 });
  await expect(page.getByText('Every step is done. Finish to remove its cluster.')).toBeVisible();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByText('Finished', { exact: true })).toBeVisible();
  expect(await sim.evictions()).toEqual(untouched);
});

/** Runs a step's kubectl line exactly as the page shows it, in a shell. */
async function runShown(page: Page, step: string, home: string): Promise<void> {
  const line = await page.getByRole('article', { name: step }).locator('code').textContent();
  expect(line).toMatch(/^kubectl --kubeconfig \S+ /);
  await promisify(execFile)('bash', ['-c', line ?? ''], { env: kubectlEnv(home), timeout: 30_000 });
}

test('walkthrough 3, two budgets select one pod: 500, the selector fixed with kubectl, then 201', async ({
  page,
  env,
}) => {
  test.setTimeout(120_000);
  const progress = await startWalkthrough(page, 'Two budgets, one pod: 500', 'two-budgets');
  await expect(progress).toHaveAttribute('aria-valuenow', '1', { timeout: 30_000 });

  await page.goto('/clusters/two-budgets/pods?namespace=learn');
  const buttons = page.getByRole('button', { name: /^Evict learn\/api-/ });
  await expect(buttons).toHaveCount(2);
  const pod = ((await buttons.first().getAttribute('aria-label')) ?? '').replace(
    'Evict learn/',
    '',
  );
  await evictFromRow(page, pod, false, 'Several budgets select this pod');

  await page.goto('/walkthroughs/two-budgets');
  await expect(progress).toHaveAttribute('aria-valuenow', '2', { timeout: 20_000 });
  await runShown(page, 'Narrow the backend budget', env.workDir);
  await expect(progress).toHaveAttribute('aria-valuenow', '3', { timeout: 20_000 });

  await page.goto('/clusters/two-budgets/pods?namespace=learn');
  await evictFromRow(page, pod, false, 'Evicted');
  await page.goto('/walkthroughs/two-budgets');
  await expect(progress).toHaveAttribute('aria-valuenow', '4', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByText('Finished', { exact: true })).toBeVisible();
});
