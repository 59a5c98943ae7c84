import type { Page } from '@playwright/test';

import { expect, SIM_CONTEXT, test } from './fixtures';
import { EvictInWords } from './pages/evict-words';
import { demoSettled } from './support/cluster-objects';
import { LANGS, wordsOf } from './support/words';

/**
 * The interface in Japanese: chosen from the browser's language, or switched in the header and
 * kept. Every view of the demo cluster is rendered in Japanese without a missing message (which
 * next-intl shows as its key, e.g. `Budgets.title`) and without text overflowing the page or
 * its boxes; each is kept as a screenshot (`test-results/ja-<view>.png`).
 */

const ja = wordsOf('ja');
const en = wordsOf('en');

const VIEWS = ['overview', 'pods', 'budgets', 'retries', 'timelines', 'nodes'] as const;

/** Text that looks like a message key next-intl could not find: `Group.key` or `Group.a.b`. */
const MISSING_KEY = /\b(?:[A-Z][A-Za-z]+)(?:\.[A-Za-z][\w-]*)+\b/g;

/**
 * A screenshot of the whole page as a reader scrolling it sees it: the viewport made as tall as
 * the page first, since off-screen cards skip painting (content-visibility) until scrolled to.
 */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(height, 12_000) });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
  await page.setViewportSize(size);
}

/** Keys that leaked, and elements whose content is wider than themselves (clipped or spilling). */
async function problems(
  page: Page,
  within = 'main',
): Promise<{ keys: string[]; overflowing: string[] }> {
  const text = await page.locator(within).innerText();
  const keys = (text.match(MISSING_KEY) ?? []).filter((k) => !/\.(com|io|dev|yaml)$/.test(k));
  const overflowing = await page.evaluate((selector) => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('<html>');
    for (const el of document.querySelectorAll<HTMLElement>(`${selector} *`)) {
      const style = getComputedStyle(el);
      // Scrolling boxes are meant to scroll, and a cut with an ellipsis (its full text in a
      // title) is meant to cut; other boxes must fit their text.
      if (/(auto|scroll)/.test(style.overflowX) || style.textOverflow === 'ellipsis') continue;
      if (el.closest('pre, svg') || el.classList.contains('sr-only')) continue;
      // A table's rows may be wider than the box that scrolls them; their cells must still fit.
      if (['table', 'rowgroup', 'row'].includes(el.getAttribute('role') ?? '')) continue;
      const parent = el.parentElement;
      if (parent !== null && /(auto|scroll)/.test(getComputedStyle(parent).overflowX)) continue;
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        out.push(`${el.tagName.toLowerCase()}: ${(el.textContent ?? '').slice(0, 60)}`);
      }
    }
    return out;
  }, within);
  return { keys, overflowing };
}

test.describe('in Japanese from the browser', () => {
  test.use({ locale: LANGS.ja });

  test('every view speaks Japanese, with nothing missing or overflowing', async ({ page, sim }) => {
    test.setTimeout(90_000);
    await demoSettled(sim);
    // Something in every view: a web pod evicted (a timeline), an api pod blocked and kept
    // retrying (a pending retry, why blocked), both from the Japanese Evict dialog.
    await page.goto(`/clusters/${SIM_CONTEXT}/pods?namespace=shop`);
    const shop = new EvictInWords(page, ja, 'shop');
    await shop.evict(await shop.firstShown('web-'), ja('EvictWords.headline.evicted'));
    const api = await shop.firstShown('api-');
    await shop.evict(api, ja('EvictWords.headline.queuedBy', { budget: 'api' }), {
      keepRetrying: true,
      keepOpen: true,
    });
    await shoot(page, 'ja-evict-blocked');
    expect(await problems(page, 'dialog'), 'evict dialog').toEqual({ keys: [], overflowing: [] });
    await page.keyboard.press('Escape');
    await page.goto(`/clusters/${SIM_CONTEXT}/pods/shop/${api}`);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(api) })).toBeVisible();
    await shoot(page, 'ja-pod');
    expect(await problems(page), 'pod page').toEqual({ keys: [], overflowing: [] });
    for (const view of VIEWS) {
      await page.goto(`/clusters/${SIM_CONTEXT}/${view}`);
      const heading = ja(`Views.${view}.label`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      // Wait for the live data the view shows (its table, cards or map) before judging it.
      const live = ja('WatchHealth.name', { headline: ja('WatchHealth.headline.Live') });
      await expect(page.getByRole('status', { name: live })).toBeVisible({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      await shoot(page, `ja-${view}`);
      expect(await problems(page), view).toEqual({ keys: [], overflowing: [] });
    }
    await page.goto('/walkthroughs');
    await expect(
      page.getByRole('heading', { level: 1, name: ja('Walkthroughs.heading') }),
    ).toBeVisible();
    await shoot(page, 'ja-walkthroughs');
    expect(await problems(page), 'walkthroughs').toEqual({ keys: [], overflowing: [] });
  });
});

test('the language can be switched in the header and is kept', async ({ page }) => {
  await page.goto(`/clusters/${SIM_CONTEXT}/budgets`);
  await expect(
    page.getByRole('heading', { level: 1, name: en('Views.budgets.label') }),
  ).toBeVisible();
  await page.getByRole('combobox', { name: en('LanguageSwitcher.label') }).selectOption('ja');
  await expect(
    page.getByRole('heading', { level: 1, name: ja('Views.budgets.label') }),
  ).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole('heading', { level: 1, name: ja('Views.budgets.label') }),
  ).toBeVisible();
  await expect(page.getByRole('combobox', { name: ja('LanguageSwitcher.label') })).toHaveValue(
    'ja',
  );
  await page.getByRole('combobox', { name: ja('LanguageSwitcher.label') }).selectOption('en');
  await expect(
    page.getByRole('heading', { level: 1, name: en('Views.budgets.label') }),
  ).toBeVisible();
});

test('the language route refuses bad input and other sites, setting nothing', async ({
  request,
  app,
}) => {
  const own = { Origin: new URL(app.url).origin };
  const bad = await request.post('/api/locale', { data: { locale: 'fr' }, headers: own });
  expect(bad.status()).toBe(400);
  expect(bad.headers()['set-cookie']).toBeUndefined();
  const elsewhere = await request.post('/api/locale', {
    data: { locale: 'ja' },
    headers: { Origin: 'https://elsewhere.example' },
  });
  expect(elsewhere.status()).toBe(400);
  expect(elsewhere.headers()['set-cookie']).toBeUndefined();
  const ok = await request.post('/api/locale', { data: { locale: 'ja' }, headers: own });
  expect(ok.status()).toBe(200);
  expect(ok.headers()['set-cookie']).toContain('NEXT_LOCALE=ja');
});
