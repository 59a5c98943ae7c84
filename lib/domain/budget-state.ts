import {
  budgetRule,
  budgetTarget,
  disruptionCondition,
  scaledValue,
  type BudgetRule,
} from './budgets';
import type { BudgetView } from './views';

/** A budget's numbers as the Budgets view and the evict dialog show them. */
export interface BudgetNumbers {
  readonly rule: BudgetRule;
  /**
   * The rule's value as a pod count of `expectedPods` (percentages rounded up, as the
   * controller does); null without a rule or for a malformed percentage.
   */
  readonly resolved: number | null;
  readonly expectedPods: number;
  readonly desiredHealthy: number;
  readonly currentHealthy: number;
  readonly disruptionsAllowed: number;
}

/** The spec resolved against the status the controller wrote, with that status's counts. */
export function budgetNumbers(budget: BudgetView): BudgetNumbers {
  const rule = budgetRule(budget);
  const { expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed } = budget;
  return {
    rule,
    resolved: rule.field === null ? null : scaledValue(rule.value, expectedPods),
    expectedPods,
    desiredHealthy,
    currentHealthy,
    disruptionsAllowed,
  };
}

/** Why no eviction a budget covers can ever pass, whatever the health of its pods. */
export type NeverCause = 'max-unavailable-zero' | 'min-available-all' | 'no-rule';

/**
 * What a budget means for an eviction now, most telling first: its status cannot be trusted
 * (`stale`), it can never allow one (`never`), it allows none now (`blocked`), or it allows
 * `allowed` more.
 */
export type BudgetState =
  | { readonly kind: 'stale'; readonly cause: 'unprocessed' }
  | { readonly kind: 'stale'; readonly cause: 'sync-failed'; readonly message: string | null }
  | { readonly kind: 'never'; readonly cause: NeverCause }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'allows'; readonly allowed: number };

/**
 * Whether the controller has not processed the budget's latest spec (`observedGeneration` <
 * `generation`; never processed counts as 0). The API server then answers every eviction it
 * covers with 429 and `Retry-After: 10`.
 */
export function isUnprocessed(
  budget: Pick<BudgetView, 'generation' | 'observedGeneration'>,
): boolean {
  return (budget.observedGeneration ?? 0) < budget.generation;
}

/**
 * Why a budget can never allow a disruption, or null: no rule (the controller allows 0), a
 * `maxUnavailable` of 0 (or 0 %), or a `minAvailable` that resolves to at least the expected
 * pods (e.g. 100 %, or 95 % of 10, which rounds up to 10).
 */
export function neverCause(budget: BudgetView): NeverCause | null {
  const rule = budgetRule(budget);
  if (rule.field === null) return 'no-rule';
  // Rounded up, a positive percentage is at least one pod of one or more: resolve against ≥ 1.
  const expected = Math.max(budget.expectedPods, 1);
  const target = budgetTarget(budget, { selected: expected, scale: expected });
  if (target === null || target.desiredHealthy < expected) return null;
  if (rule.field === 'maxUnavailable') return 'max-unavailable-zero';
  return budget.expectedPods > 0 ? 'min-available-all' : null;
}

/**
 * Classifies a budget from its spec and status (§2 step D, §4). `stale` comes first: a status
 * not recomputed for the spec (429 with Retry-After), or the controller's failsafe after a
 * failed sync (`DisruptionAllowed` reason `SyncFailed`, 0 allowed). 0 allowed is `blocked`,
 * never a missing value.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#check-the-status-of-the-pdb
 */
export function budgetState(budget: BudgetView): BudgetState {
  if (isUnprocessed(budget)) return { kind: 'stale', cause: 'unprocessed' };
  const condition = disruptionCondition(budget);
  if (condition?.reason === 'SyncFailed') {
    return { kind: 'stale', cause: 'sync-failed', message: condition.message };
  }
  const never = neverCause(budget);
  if (never !== null) return { kind: 'never', cause: never };
  const allowed = budget.disruptionsAllowed;
  return allowed > 0 ? { kind: 'allows', allowed } : { kind: 'blocked' };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the words of a never-passable budget name: its rule and its counts. */
export type NeverFacts = Pick<
  BudgetView,
  'minAvailable' | 'maxUnavailable' | 'desiredHealthy' | 'expectedPods'
>;

/** Why a budget is never passable, in plain words. */
export function neverWords(budget: NeverFacts, cause: NeverCause): string {
  switch (cause) {
    case 'no-rule':
      return 'Neither minAvailable nor maxUnavailable is set, so the disruption controller allows 0 disruptions.';
    case 'max-unavailable-zero':
      return `maxUnavailable is ${String(budget.maxUnavailable)}: the budget allows no voluntary disruption at all.`;
    case 'min-available-all':
      return `minAvailable ${String(budget.minAvailable)} needs ${budget.desiredHealthy} of ${plural(budget.expectedPods, 'expected pod')} healthy, so evicting any one would leave too few.`;
    default: {
      const unknown: never = cause;
      return unknown;
    }
  }
}
