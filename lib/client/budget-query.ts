import type { BudgetCard } from './budget-cards';
import { compareText, inOrder } from './compare-text';
import { readNamespace, type ParamReader } from './pod-query';

/** Which budgets the Budgets view lists (`?show=`). */
export const BUDGET_SHOWS = ['all', 'blocked', 'lints'] as const;
export type BudgetShow = (typeof BUDGET_SHOWS)[number];

/** What the Budgets view shows, read from the URL: `?namespace=&show=`. */
export interface BudgetQuery {
  readonly namespace: string | null;
  readonly show: BudgetShow;
}

/** Reads the Budgets view's query; an absent or unknown `show` lists every budget. */
export function readBudgetQuery(params: ParamReader): BudgetQuery {
  const show = BUDGET_SHOWS.find((s) => s === params.get('show')) ?? 'all';
  return { namespace: readNamespace(params), show };
}

/** The budgets of a scope counted by what they mean for an eviction now. */
export interface BudgetSummary {
  readonly total: number;
  readonly allowing: number;
  /** Allowing 0 disruptions, whatever the reason (blocked, never passable, stale). */
  readonly blocked: number;
  readonly neverPassable: number;
  readonly withLints: number;
}

const byName = inOrder<BudgetCard>(
  (a, b) => compareText(a.budget.namespace, b.budget.namespace),
  (a, b) => compareText(a.budget.name, b.budget.name),
);

/** Whether a card passes the `show` filter. */
function shows(card: BudgetCard, show: BudgetShow): boolean {
  switch (show) {
    case 'all':
      return true;
    case 'blocked':
      return card.budget.disruptionsAllowed === 0;
    case 'lints':
      return card.lints.length > 0;
    default: {
      const unknown: never = show;
      return unknown;
    }
  }
}

/** The cards of the query's namespace, counted, then filtered and ordered by namespace and name. */
export function selectBudgetCards(
  cards: readonly BudgetCard[],
  query: BudgetQuery,
): { summary: BudgetSummary; cards: BudgetCard[] } {
  const scoped = cards.filter(
    (c) => query.namespace === null || c.budget.namespace === query.namespace,
  );
  const summary: BudgetSummary = {
    total: scoped.length,
    allowing: scoped.filter((c) => c.budget.disruptionsAllowed > 0).length,
    blocked: scoped.filter((c) => c.budget.disruptionsAllowed === 0).length,
    neverPassable: scoped.filter((c) => c.state.kind === 'never').length,
    withLints: scoped.filter((c) => c.lints.length > 0).length,
  };
  return { summary, cards: scoped.filter((c) => shows(c, query.show)).sort(byName) };
}
