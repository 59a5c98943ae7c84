import { Shell } from './pages/shell';
import { expect, test } from './fixtures';

test('the server is live and the shell names the cluster', async ({ page, request }) => {
  const health = await request.get('/api/healthz');
  expect(health.ok()).toBe(true);
  expect(await health.json()).toEqual({ status: 'ok' });

  const shell = new Shell(page);
  await shell.open('pods');
  await expect(page.getByRole('heading', { level: 1, name: 'Pods' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Cluster' })).toHaveValue('drainboard-sim');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Pods' })).toHaveAttribute('aria-current', 'page');
});
