import { expect, test } from './fixtures';
import { Learner } from './pages/walkthroughs';
import { LANGS, type Lang } from './support/words';

/**
 * The eight walkthroughs as a learner does them, in English and in Japanese (the browser's
 * language picks the interface's): each on its own embedded cluster named after it, every step
 * done in the UI or by running the kubectl line the page shows, every step ticking, then
 * Finish removes its cluster. The dashboard's own cluster is never evicted from.
 */

/** What the Evict dialog's result says, in the learner's language. */
const said = (l: Learner) => ({
  evicted: l.w('EvictWords.headline.evicted'),
  wouldEvict: l.w('EvictWords.headline.would-evict'),
  blocked: (budget: string) => l.w('EvictWords.headline.blockedBy', { budget }),
  queued: (budget: string) => l.w('EvictWords.headline.queuedBy', { budget }),
  severalBudgets: l.w('EvictWords.headline.multiple-budgets'),
  deleted: l.w('EvictWords.headline.deleted'),
});

for (const lang of Object.keys(LANGS) as Lang[]) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale: LANGS[lang] });

    let untouched: Awaited<ReturnType<import('./support/sim').Sim['evictions']>>;
    test.beforeEach(async ({ sim }) => {
      untouched = await sim.evictions();
    });
    test.afterEach(async ({ sim }) => {
      expect(await sim.evictions()).toEqual(untouched);
    });

    test('1, evict a pod with no budget: the dry run, the eviction, the six steps', async ({
      page,
      env,
    }) => {
      test.setTimeout(90_000);
      const l = new Learner(page, lang, 'no-budget', env.workDir);
      await l.start();
      await expect(l.step('dry-run')).toHaveAttribute('aria-current', 'step');

      const [pod = ''] = await l.podsShown('solo-', 1);
      await l.evict(pod, said(l).evicted, { verdict: said(l).wouldEvict, keepOpen: true });

      await l.expectDone(3);
      await page.screenshot({ path: `test-results/walkthrough-${lang}.png`, fullPage: true });
      await l.finish();
    });

    test('2, a budget that allows one: 201, then 429, then it passes when Ready', async ({
      page,
      env,
    }) => {
      test.setTimeout(120_000);
      const l = new Learner(page, lang, 'one-allowed', env.workDir);
      await l.start();
      await l.expectDone(1);
      const [first = '', second = ''] = await l.podsShown('web-', 3);
      await l.evict(first, said(l).evicted);
      await l.evict(second, said(l).blocked('web'));
      await l.evict(second, said(l).queued('web'), { keepRetrying: true });
      await l.finish();
    });

    test('3, two budgets select one pod: 500, the selector fixed with kubectl, then 201', async ({
      page,
      env,
    }) => {
      test.setTimeout(120_000);
      const l = new Learner(page, lang, 'two-budgets', env.workDir);
      await l.start();
      await l.expectDone(1);
      const [pod = ''] = await l.podsShown('api-', 2);
      await l.evict(pod, said(l).severalBudgets);
      await l.expectDone(2, 20_000);
      await l.runShown('fix-selector');
      await l.expectDone(3, 20_000);
      await l.open('pods');
      await l.evict(pod, said(l).evicted);
      await l.finish();
    });

    test('4, stuck: one eviction, the 429 loop, cancel the retry, then delete the pod', async ({
      page,
      env,
    }) => {
      test.setTimeout(180_000);
      const l = new Learner(page, lang, 'stuck', env.workDir);
      await l.start();
      const [first = '', second = '', third = ''] = await l.podsShown('shop-', 3);
      await l.waitReady('shop');
      await l.evict(first, said(l).evicted);
      await l.expectDone(1);
      // The replacement runs but never turns Ready: the budget stays at 0.
      await l.expectDone(2);
      await l.open('pods');
      await l.evict(second, said(l).queued('shop'), { keepRetrying: true });
      // Drainboard sends nothing more while the budget shows 0: Retry now draws the next 429.
      await l.open('retries');
      const ref = `learn/${second}`;
      await page.getByRole('button', { name: l.w('Retries.retryNowName', { ref }) }).click();
      await l.expectDone(3);

      await l.open('retries');
      await page.getByRole('button', { name: l.w('Retries.cancelName', { ref }) }).click();
      await l.expectDone(4);

      await l.open('pods');
      const dialog = await l.evict(third, said(l).blocked('shop'), { keepOpen: true });
      const remove = dialog.getByRole('region', { name: l.w('Evict.delete.name') });
      await remove.getByRole('textbox', { name: l.w('Evict.delete.typeName') }).fill(third);
      await remove.getByRole('button', { name: l.w('Evict.delete.delete') }).click();
      await expect(remove.getByLabel(l.w('Evict.delete.result'))).toContainText(said(l).deleted);
      await l.finish();
    });

    test('5, a long grace period: the next eviction waits for the grace window', async ({
      page,
      env,
    }) => {
      test.setTimeout(120_000);
      const l = new Learner(page, lang, 'grace', env.workDir);
      await l.start();
      await l.podsShown('slow-', 2);
      await l.waitReady('slow');
      await l.evict('slow-1', said(l).evicted);
      await l.open('timelines');
      await page.getByRole('link', { name: 'learn/slow-1', exact: true }).first().click();
      await expect(page).toHaveURL(/\/clusters\/grace\/timelines\//);
      await l.expectDone(2);

      await l.open('pods');
      await l.evict('slow-0', said(l).blocked('slow'));
      await l.evict('slow-0', said(l).queued('slow'), { keepRetrying: true });
      await l.expectDone(4, 40_000);
      await l.finish();
    });

    test('6, unhealthy pods: 429 under IfHealthyBudget, 201 after AlwaysAllow', async ({
      page,
      env,
    }) => {
      test.setTimeout(120_000);
      const l = new Learner(page, lang, 'unhealthy', env.workDir);
      await l.start();
      expect(await l.runShown('see-crashloop')).toMatch(/flaky/);
      await l.expectDone(1);
      const [pod = ''] = await l.podsShown('flaky-', 2);
      await l.evict(pod, said(l).blocked('flaky'));
      await l.expectDone(2);
      await l.runShown('always-allow');
      await l.expectDone(3);
      await l.open('pods');
      await l.evict(pod, said(l).evicted);
      await l.finish();
    });

    test('7, a safe node drain: plan, run, the three stages, uncordon', async ({ page, env }) => {
      test.setTimeout(150_000);
      const l = new Learner(page, lang, 'safe-drain', env.workDir);
      await l.start();
      await l.open('nodes');
      await page.getByRole('checkbox', { name: l.w('Nodes.select', { node: 'node-1' }) }).check();
      await page.getByRole('button', { name: l.w('Drains.options.plan') }).click();
      const start = page.getByRole('button', { name: l.w('Drains.start.start') });
      await expect(start).toBeEnabled({ timeout: 20_000 });
      await start.click();
      await expect(page).toHaveURL(/\/clusters\/safe-drain\/drains\/\d+/);
      await expect(
        page.getByRole('progressbar', { name: l.w('Drains.progress.ready') }),
      ).toHaveAttribute('aria-valuenow', /\d+/);
      await l.expectDone(3, 90_000);
      await l.runShown('uncordon');
      await l.finish();
    });

    test('8, kubectl drain in a terminal, seen in Drainboard', async ({ page, env }) => {
      test.setTimeout(180_000);
      const l = new Learner(page, lang, 'kubectl-drain', env.workDir);
      await l.start();
      await l.expectDone(0);
      await l.podsShown('web-', 4);
      const drain = await l.startShown('drain');
      let out = '';
      drain.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      drain.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => drain.on('exit', resolve));

      await l.expectDone(2, 30_000);
      await l.open('budgets');
      await l.open('timelines');
      await l.expectDone(4, 90_000);
      expect(await exited).toBe(0);
      expect(out).toContain('node/node-2 drained');
      await l.runShown('uncordon');
      await l.finish();
    });
  });
}
