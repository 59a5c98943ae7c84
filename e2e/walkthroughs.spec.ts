import { evictDialog } from './pages/evict';
import { expect, test } from './fixtures';

/**
 * Walkthrough 1 as a learner does it, in English: start it (its own embedded cluster, named
 * after it, appears); open the Evict dialog of its pod (the dry run ticks the first step),
 * evict it (the second), and wait for its timeline to end with the replacement Ready (the
 * third). The demo cluster is left as it was; finishing removes the walkthrough's cluster.
 */

test('walkthrough 1, evict a pod with no budget, ticks each step as the learner does it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/walkthroughs');
  await page.getByRole('link', { name: /Evict a pod with no budget/ }).click();
  await expect(page.getByRole('heading', { name: 'Evict a pod with no budget' })).toBeVisible();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByText('Cluster: no-budget')).toBeVisible({ timeout: 30_000 });
  const progress = page.getByRole('progressbar', { name: 'Progress' });
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
