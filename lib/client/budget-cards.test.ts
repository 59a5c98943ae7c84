import { describe, expect, it } from 'vitest';

import { indexBudgets } from '@/lib/domain/budget-selection';
import type { BudgetView, PodView } from '@/lib/domain/views';

import { budgetCardBuilder, budgetTone, type BudgetCard } from './budget-cards';
import { readBudgetQuery, selectBudgetCards } from './budget-query';
import { toSelection } from './budget-selection';
import { budgetView, podView } from './test-views';

const NOW = Date.parse('2026-11-28T10:00:00Z');

const web = budgetView('web', { maxUnavailable: 1, minAvailable: null });
const api = budgetView('api', {
  selector: { matchLabels: { app: 'api' }, matchExpressions: [] },
  minAvailable: 2,
  expectedPods: 2,
  desiredHealthy: 2,
  currentHealthy: 2,
  disruptionsAllowed: 0,
});
const search = budgetView('search', {
  selector: { matchLabels: { app: 'search' }, matchExpressions: [] },
});
const backend = budgetView('backend', {
  selector: { matchLabels: { tier: 'backend' }, matchExpressions: [] },
  minAvailable: 1,
});
const other = budgetView('other', { namespace: 'ops', selector: null });
const budgets = [web, api, search, backend, other];

const pods: PodView[] = [
  podView('web-2'),
  podView('web-1'),
  podView('api-1', { labels: { app: 'api' } }),
  podView('api-2', { labels: { app: 'api' } }),
  podView('search-1', { labels: { app: 'search', tier: 'backend' } }),
];

function builder(list: readonly BudgetView[] = budgets) {
  return budgetCardBuilder(indexBudgets(list.map(toSelection)));
}

const byName = (cards: readonly BudgetCard[], name: string) => {
  const card = cards.find((c) => c.budget.name === name);
  if (card === undefined) throw new Error(`no card ${name}`);
  return card;
};

describe('budgetCardBuilder', () => {
  it('finds each budget its pods, lints and, while it allows none, what blocks it', () => {
    const cards = builder()(budgets, pods, NOW);
    const webCard = byName(cards, 'web');
    expect(webCard.pods.map((p) => p.name)).toEqual(['web-1', 'web-2']);
    expect(webCard.selector).toBe('app=web');
    expect(webCard.state).toEqual({ kind: 'allows', allowed: 1 });
    expect(webCard.blockedBy).toBeNull();

    const apiCard = byName(cards, 'api');
    expect(apiCard.state.kind).toBe('never');
    expect(apiCard.tone).toBe('failed');
    expect(apiCard.lints.map((l) => l.code)).toEqual(['never-passable']);
    expect(apiCard.blockedBy?.options.map((o) => o.code)).toContain('delete-pod');

    for (const name of ['search', 'backend']) {
      expect(byName(cards, name).pods.map((p) => p.name)).toEqual(['search-1']);
      expect(byName(cards, name).lints.map((l) => l.code)).toContain('multiple-budgets');
    }
    expect(byName(cards, 'other').lints.map((l) => l.code)).toEqual(['selects-nothing']);
  });

  it('keeps the card of a budget whose budget and pods did not change', () => {
    const cardsOf = builder();
    const first = cardsOf(budgets, pods, NOW);
    const changed = podView('api-2', { labels: { app: 'api' }, isReady: false });
    const second = cardsOf(budgets, [...pods.slice(0, 3), changed, pods[4]!], NOW + 60_000);
    expect(byName(second, 'web')).toBe(byName(first, 'web'));
    expect(byName(second, 'api')).not.toBe(byName(first, 'api'));
    expect(byName(second, 'api').readyPods).toBe(1);
  });

  it('rebuilds a blocked card when the time moves on, as its lints depend on it', () => {
    const cardsOf = builder();
    const first = cardsOf(budgets, pods, NOW);
    const second = cardsOf(budgets, pods, NOW + 15_000);
    expect(byName(second, 'api')).not.toBe(byName(first, 'api'));
    expect(byName(second, 'search')).toBe(byName(first, 'search'));
  });

  it('lists disruptedPods by name with the time the eviction was accepted', () => {
    const disrupted = budgetView('web', {
      disruptedPods: { 'web-2': '2026-11-28T09:59:30Z', 'web-1': 'not a time' },
    });
    const [card] = builder([disrupted])([disrupted], pods, NOW);
    expect(card?.disrupted).toEqual([
      { name: 'web-1', acceptedAt: null },
      { name: 'web-2', acceptedAt: Date.parse('2026-11-28T09:59:30Z') },
    ]);
  });
});

describe('budgetTone', () => {
  it.each([
    [{ kind: 'allows', allowed: 1 } as const, 'healthy'],
    [{ kind: 'blocked' } as const, 'waiting'],
    [{ kind: 'never', cause: 'max-unavailable-zero' } as const, 'failed'],
    [{ kind: 'stale', cause: 'unprocessed' } as const, 'waiting'],
    [{ kind: 'stale', cause: 'sync-failed', message: null } as const, 'failed'],
  ])('%o is %s', (state, tone) => {
    expect(budgetTone(state)).toBe(tone);
  });
});

describe('selectBudgetCards', () => {
  const cards = builder()(budgets, pods, NOW);
  const names = (search: string) =>
    selectBudgetCards(cards, readBudgetQuery(new URLSearchParams(search))).cards.map(
      (c) => `${c.budget.namespace}/${c.budget.name}`,
    );

  it('orders by namespace and name, and filters by namespace and show', () => {
    expect(names('')).toEqual(['ops/other', 'shop/api', 'shop/backend', 'shop/search', 'shop/web']);
    expect(names('namespace=ops')).toEqual(['ops/other']);
    expect(names('show=blocked&namespace=shop')).toEqual(['shop/api']);
    expect(names('show=lints&namespace=shop')).toEqual(['shop/api', 'shop/backend', 'shop/search']);
    expect(names('show=bogus&namespace=ops')).toEqual(['ops/other']);
  });

  it('counts the scope before the show filter, 0 included', () => {
    const query = readBudgetQuery(new URLSearchParams('namespace=shop&show=blocked'));
    expect(selectBudgetCards(cards, query).summary).toEqual({
      total: 4,
      allowing: 3,
      blocked: 1,
      neverPassable: 1,
      withLints: 3,
    });
  });
});
