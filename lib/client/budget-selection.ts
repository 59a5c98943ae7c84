import type { BudgetIndex } from '@/lib/domain/budget-selection';
import type { BudgetView, LabelSelectorView } from '@/lib/domain/views';

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

/** Budget selections by namespace, for `budgetsOf` (lib/domain/budget-selection). */
export type SelectionIndex = BudgetIndex<BudgetSelection>;

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
