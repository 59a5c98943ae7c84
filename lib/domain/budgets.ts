import type { BudgetView, ConditionView, IntOrPercent, PodView } from './views';

/**
 * PodDisruptionBudget arithmetic, following the disruption controller and the eviction
 * subresource of ../shared/docs/eviction-semantics.md §2 and §4: how a spec resolves against
 * the expected pods, which pods count as healthy, and what a budget's status means for an
 * eviction now.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */

/** `"N%"`, the only string form the API server accepts for the two fields. */
const PERCENT = /^(\d+)%$/;

/** How long the controller keeps a `disruptedPods` entry for a pod that is not yet deleting. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/**
 * A `minAvailable` or `maxUnavailable` value as a pod count of `total`, as the disruption
 * controller scales it (`GetScaledValueFromIntOrPercent(…, roundUp=true)`): an integer as is
 * (not clamped to `total`), a percentage of `total` rounded up. null for a string that is not
 * a percentage, on which the controller's sync fails.
 */
export function scaledValue(value: IntOrPercent, total: number): number | null {
  if (typeof value === 'number') return value;
  const percent = PERCENT.exec(value);
  return percent === null ? null : Math.ceil((Number(percent[1]) * total) / 100);
}

/** The rule a budget's spec sets; `maxUnavailable` wins if both are set, as in the controller. */
export type BudgetRule =
  | { readonly field: 'maxUnavailable' | 'minAvailable'; readonly value: IntOrPercent }
  | { readonly field: null };

/** The rule of a budget's spec. */
export function budgetRule(spec: Pick<BudgetView, 'minAvailable' | 'maxUnavailable'>): BudgetRule {
  if (spec.maxUnavailable !== null) return { field: 'maxUnavailable', value: spec.maxUnavailable };
  if (spec.minAvailable !== null) return { field: 'minAvailable', value: spec.minAvailable };
  return { field: null };
}

/** The pod counts the controller resolves a spec against. */
export interface PodCounts {
  /** Pods the selector selects, in any phase, with a controller or not. */
  readonly selected: number;
  /** The sum of `spec.replicas` of the distinct controllers of those pods. */
  readonly scale: number;
}

/** What the controller expects of a budget: `status.expectedPods` and `status.desiredHealthy`. */
export interface BudgetTarget {
  readonly expectedPods: number;
  readonly desiredHealthy: number;
}

/**
 * expectedPods and desiredHealthy as the disruption controller computes them (§4.3): an
 * integer `minAvailable` is the desired count and expects the selected pods; a percentage
 * `minAvailable` or any `maxUnavailable` expects the controllers' replicas, percentages
 * rounded up, desiredHealthy never below 0; without a rule, 0 and 0. null for a malformed
 * percentage (the controller then fails its sync and allows 0 disruptions).
 */
export function budgetTarget(
  spec: Pick<BudgetView, 'minAvailable' | 'maxUnavailable'>,
  counts: PodCounts,
): BudgetTarget | null {
  const rule = budgetRule(spec);
  if (rule.field === null) return { expectedPods: 0, desiredHealthy: 0 };
  if (rule.field === 'minAvailable' && typeof rule.value === 'number') {
    return { expectedPods: counts.selected, desiredHealthy: rule.value };
  }
  const scaled = scaledValue(rule.value, counts.scale);
  if (scaled === null) return null;
  const desiredHealthy =
    rule.field === 'minAvailable' ? scaled : Math.max(0, counts.scale - scaled);
  return { expectedPods: counts.scale, desiredHealthy };
}

/**
 * `disruptionsAllowed` as the controller computes it (§4.4): currentHealthy − desiredHealthy,
 * and 0 when that is not positive or when no pods are expected.
 */
export function disruptionsAllowed(
  counts: Pick<BudgetView, 'expectedPods' | 'desiredHealthy' | 'currentHealthy'>,
): number {
  const room = counts.currentHealthy - counts.desiredHealthy;
  return counts.expectedPods <= 0 || room <= 0 ? 0 : room;
}

/**
 * Whether a `disruptedPods` entry still holds at `now` (epoch ms): the API server accepted
 * the pod's eviction less than two minutes ago. An unreadable time holds no pod back.
 */
export function isDisruptionPending(acceptedAt: string | undefined, now: number): boolean {
  if (acceptedAt === undefined) return false;
  const time = Date.parse(acceptedAt);
  return !Number.isNaN(time) && time + DELETION_TIMEOUT_MS >= now;
}

/**
 * Whether the controller counts `pod` towards `currentHealthy`: Ready, not terminating, and
 * not awaiting the deletion of an accepted eviction (`disruptedPods`). Phase is not looked at.
 */
export function isCountedHealthy(
  pod: PodView,
  disruptedPods: Readonly<Record<string, string>>,
  now: number,
): boolean {
  return (
    pod.isReady &&
    pod.deletionTimestamp === null &&
    !isDisruptionPending(disruptedPods[pod.name], now)
  );
}

/** The `DisruptionAllowed` condition the controller keeps on a budget, if any. */
export function disruptionCondition(budget: Pick<BudgetView, 'conditions'>): ConditionView | null {
  return budget.conditions.find((c) => c.type === 'DisruptionAllowed') ?? null;
}

/** "needs 2 healthy pods, has 1": the words of the API server's 429 cause, shortened. */
export function needsHas(budget: Pick<BudgetView, 'desiredHealthy' | 'currentHealthy'>): string {
  const pods = budget.desiredHealthy === 1 ? 'pod' : 'pods';
  return `needs ${budget.desiredHealthy} healthy ${pods}, has ${budget.currentHealthy}`;
}
