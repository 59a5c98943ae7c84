import { OverviewPage } from './pages/overview';
import { literal } from './support/regex';
import { clusterPicture, DEMO_BLOCKED_BUDGETS } from './support/cluster-objects';
import { expect, test } from './fixtures';

test('the overview shows the demo cluster: its nodes, every pod on its node, the budgets', async ({
  page,
  sim,
}) => {
  // The demo settles within seconds of its start (the StatefulSet's pods come up one by one):
  // every budget observed, only api and flaky blocked.
  await expect
    .poll(
      async () => {
        const { budgets } = await clusterPicture(sim);
        return budgets
          .filter((b) => b.disruptionsAllowed === 0)
          .map((b) => b.ref)
          .sort();
      },
      { timeout: 30_000 },
    )
    .toEqual(DEMO_BLOCKED_BUDGETS);
  const cluster = await clusterPicture(sim);
  expect(cluster.nodes).toEqual(['node-1', 'node-2', 'node-3']);

  const overview = new OverviewPage(page);
  await overview.openOverview();
  await overview.expectLive();

  for (const node of cluster.nodes) await expect(overview.node(node)).toBeVisible();
  for (const [pod, node] of cluster.podNodes) {
    const region = node === '' ? overview.node('Unscheduled') : overview.node(node);
    await expect(
      region.getByRole('listitem', { name: new RegExp(`^${literal(pod)},`) }),
    ).toBeVisible();
  }
  await expect(overview.podCounts.getByRole('definition').first()).toHaveText(
    String(cluster.podNodes.size),
  );

  const total = cluster.budgets.length;
  const blocked = DEMO_BLOCKED_BUDGETS.length;
  await expect(overview.budgets.getByRole('definition')).toHaveText([
    String(total),
    new RegExp(`\\b${total - blocked}$`),
    new RegExp(`\\b${blocked}$`),
  ]);
  await expect(overview.blockedBudgets.getByRole('listitem')).toHaveCount(blocked);
  for (const ref of DEMO_BLOCKED_BUDGETS) await expect(overview.blockedBudgets).toContainText(ref);

  await page.screenshot({ path: 'test-results/overview.png', fullPage: true });
});

test('the Pods and Nodes views list the demo cluster', async ({ page, sim }) => {
  const cluster = await clusterPicture(sim);
  const overview = new OverviewPage(page);

  await overview.open('pods');
  await overview.expectLive();
  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(pods).toHaveAttribute('aria-rowcount', String(cluster.podNodes.size + 1));
  const [first] = [...cluster.podNodes.keys()].sort();
  await expect(
    pods.getByRole('row', { name: new RegExp(`\\b${literal(first ?? '')}\\b`) }),
  ).toBeVisible();

  await overview.open('nodes');
  const nodes = page.getByRole('table', { name: /^Nodes/ });
  for (const node of cluster.nodes) {
    await expect(nodes.getByRole('rowheader', { name: node })).toBeVisible();
  }
});
