import type { Locator, Page } from '@playwright/test';

import { expect, SIM_CONTEXT, test } from './fixtures';
import { Shell } from './pages/shell';
import { literal } from './support/regex';
import { clusterPicture, DEMO_BLOCKED_BUDGETS, demoSettled } from './support/cluster-objects';

/** The Budgets view: one article per PodDisruptionBudget, named `namespace/name`. */
class BudgetsPage extends Shell {
  constructor(page: Page) {
    super(page);
  }

  /** The headline of a budget: "0 allowed disruptions — Blocked: …". */
  headline(ref: string): Locator {
    return this.budget(ref).getByRole('paragraph').filter({ hasText: 'allowed disruption' });
  }

  budget(ref: string): Locator {
    return this.page.getByRole('article', { name: ref, exact: true });
  }

  lint(ref: string, title: string): Locator {
    return this.budget(ref)
      .getByRole('region', { name: /^Lints/ })
      .getByRole('listitem', { name: title, exact: true });
  }

  /** The names of the pods a budget lists as selected. */
  async selectedPods(ref: string): Promise<string[]> {
    const name = ref.split('/')[1] ?? ref;
    const list = this.budget(ref).getByRole('list', { name: `Pods selected by ${name}` });
    return (await list.getByRole('link').allTextContents()).sort();
  }
}

test('the Budgets view shows each demo budget, what blocks it and why', async ({ page, sim }) => {
  await demoSettled(sim);
  const { budgets } = await clusterPicture(sim);
  const view = new BudgetsPage(page);
  await view.open('budgets');
  await view.expectLive();

  await expect(page.getByRole('article')).toHaveCount(budgets.length);
  for (const { ref } of budgets) await expect(view.budget(ref)).toBeVisible();

  // 0 allowed is a clear "Blocked", and api (minAvailable 2 of 2 pods) can never pass.
  const api = view.budget('shop/api');
  await expect(view.headline('shop/api')).toHaveText(/^0 allowed disruptions — Blocked\b/);
  await expect(api).not.toContainText('N/A');
  await expect(view.lint('shop/api', 'Never passable')).toContainText('Fix:');
  const why = api.getByRole('region', { name: 'Why blocked' });
  await expect(why.getByRole('list', { name: 'Options' })).toContainText(
    'Delete the pod directly (last resort)',
  );

  // search (app=search) and backend (tier=backend) select the same two pods.
  const search = await view.selectedPods('shop/search');
  expect(search).toHaveLength(2);
  expect(await view.selectedPods('shop/backend')).toEqual(search);
  for (const ref of ['shop/search', 'shop/backend']) {
    await expect(view.lint(ref, 'Several budgets select its pods')).toBeVisible();
  }

  const web = view.budget('shop/web');
  await expect(view.headline('shop/web')).toHaveText('1 allowed disruption — evictions pass');
  await expect(web.getByText('Allows 1', { exact: true })).toBeVisible();
  await expect(web.getByText('maxUnavailable: 1')).toBeVisible();

  // Off-screen cards skip rendering (content-visibility: auto); a full-page picture needs them all.
  await page.addStyleTag({ content: 'article { content-visibility: visible !important; }' });
  await page.screenshot({ path: 'test-results/budgets.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await api.screenshot({ path: 'test-results/budgets-api-dark.png' });
});

test('the Budgets view follows its filters in the URL and links to the pods', async ({ page }) => {
  const view = new BudgetsPage(page);
  await page.goto(`/clusters/${SIM_CONTEXT}/budgets?show=blocked&namespace=shop`);
  await view.expectLive();
  await expect(page.getByRole('combobox', { name: 'Show' })).toHaveValue('blocked');
  await expect(page.getByRole('article')).toHaveCount(DEMO_BLOCKED_BUDGETS.length);

  await page.goto(`/clusters/${SIM_CONTEXT}/budgets?namespace=kube-system`);
  await expect(
    page.getByRole('status').filter({ hasText: 'No PodDisruptionBudget in namespace kube-system' }),
  ).toBeVisible();

  await view.open('budgets');
  await expect(view.budget('shop/web').getByRole('link').first()).toBeVisible();
  const [pod] = await view.selectedPods('shop/web');
  await view
    .budget('shop/web')
    .getByRole('link', { name: pod ?? '', exact: true })
    .click();
  // The pod's own page, not the label-filtered Pods view.
  await expect(page).toHaveURL(
    new RegExp(`/clusters/${literal(SIM_CONTEXT)}/pods/shop/${literal(pod ?? '')}$`),
  );
  await expect(page.getByRole('heading', { level: 1, name: `shop/${pod ?? ''}` })).toBeVisible();
});
