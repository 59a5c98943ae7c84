import type { BudgetView, LabelSelectorView, PodView } from '@/lib/domain/views';

import { selectorMatches } from './label-selector';
import type { LiveCluster } from './live-stream';

/**
 * What of a budget decides which pods it covers and whether it blocks them: its selector and
 * whether it allows 0 disruptions. Its counts change with every pod that comes and goes;
 * this does not, so rows and tiles built from it survive those changes.
 */
export interface BudgetSelection {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly selector: LabelSelectorView | null;
  /** `disruptionsAllowed` is 0: the API server refuses every eviction it covers (429). */
  readonly isBlocking: boolean;
}

/** The selection of one budget. */
export function toSelection(budget: BudgetView): BudgetSelection {
  const { uid, namespace, name, selector } = budget;
  return { uid, namespace, name, selector, isBlocking: budget.disruptionsAllowed === 0 };
}

const NONE: readonly BudgetSelection[] = [];

/**
 * A stable selector for useLiveCluster: React Query's structural sharing keeps the same array
 * while no budget's selection changed, whatever happens to the budgets' counts.
 */
export function selectBudgetSelections(live: LiveCluster): readonly BudgetSelection[] {
  return live.state === null ? NONE : [...live.state.budgets.values()].map(toSelection);
}

/** Budgets grouped by namespace: a budget only ever selects pods of its own namespace. */
export type BudgetIndex = ReadonlyMap<string, readonly BudgetSelection[]>;

/** Groups budget selections by namespace. */
export function indexBudgets(budgets: Iterable<BudgetSelection>): BudgetIndex {
  const index = new Map<string, BudgetSelection[]>();
  for (const budget of budgets) {
    const list = index.get(budget.namespace);
    if (list === undefined) index.set(budget.namespace, [budget]);
    else list.push(budget);
  }
  return index;
}

/**
 * The PodDisruptionBudgets whose selector selects `pod` (same namespace only). An eviction
 * of a pod with more than one is refused with a 500 by the API server.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#how-api-initiated-eviction-works
 */
export function budgetsOf(pod: PodView, index: BudgetIndex): BudgetSelection[] {
  return (index.get(pod.namespace) ?? []).filter((b) => selectorMatches(b.selector, pod.labels));
}
