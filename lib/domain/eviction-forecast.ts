import { isUnprocessed } from './budget-state';
import { needsHas } from './budgets';
import type { BudgetView, PodView } from './views';

/** Above this many `disruptedPods` entries the API server refuses to use a budget (403). */
const MAX_DISRUPTED_PODS = 2000;

/**
 * What the API server will most likely do with an eviction of a pod, from the live model,
 * following the handler's order (§2 steps C–D):
 * - `exempt`: finished, Pending or already terminating pods are evicted without any budget;
 * - `no-budget`: no budget selects it: evicted;
 * - `multiple-budgets`: refused with 500, whatever the budgets say;
 * - `unhealthy-skip`: a not-Ready pod evicted without using the budget (`AlwaysAllow`, or
 *   `IfHealthyBudget` while the budget has its desired healthy pods);
 * - `stale`: refused with 429 and Retry-After 10 until the controller processes the budget;
 * - `forbidden`: refused with 403, the budget's status is unusable;
 * - `blocked`: refused with 429, the budget allows 0;
 * - `allowed`: evicted, using one of the budget's allowed disruptions.
 * The cluster's own verdict (a dry run) is the authority; this says why, before asking.
 */
export type EvictionForecast =
  | { readonly kind: 'exempt'; readonly why: 'finished' | 'pending' | 'terminating' }
  | { readonly kind: 'no-budget' }
  | { readonly kind: 'multiple-budgets'; readonly budgets: readonly BudgetView[] }
  | {
      readonly kind: 'unhealthy-skip';
      readonly budget: BudgetView;
      readonly why: 'always-allow' | 'healthy-budget';
    }
  | { readonly kind: 'stale' | 'forbidden' | 'blocked'; readonly budget: BudgetView }
  | { readonly kind: 'allowed'; readonly budget: BudgetView; readonly allowed: number };

function exemption(pod: PodView): 'finished' | 'pending' | 'terminating' | null {
  if (pod.deletionTimestamp !== null) return 'terminating';
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return 'finished';
  return pod.phase === 'Pending' ? 'pending' : null;
}

/** The eviction handler's check of one budget, once the pod is known to need it. */
function checkBudget(pod: PodView, budget: BudgetView): EvictionForecast {
  if (!pod.isReady) {
    if (budget.unhealthyPodEvictionPolicy === 'AlwaysAllow') {
      return { kind: 'unhealthy-skip', budget, why: 'always-allow' };
    }
    if (budget.currentHealthy >= budget.desiredHealthy && budget.desiredHealthy > 0) {
      return { kind: 'unhealthy-skip', budget, why: 'healthy-budget' };
    }
  }
  if (isUnprocessed(budget)) return { kind: 'stale', budget };
  const tooMany = Object.keys(budget.disruptedPods).length > MAX_DISRUPTED_PODS;
  if (budget.disruptionsAllowed < 0 || tooMany) return { kind: 'forbidden', budget };
  if (budget.disruptionsAllowed === 0) return { kind: 'blocked', budget };
  return { kind: 'allowed', budget, allowed: budget.disruptionsAllowed };
}

/**
 * Forecasts the eviction of `pod` given the budgets that select it (`budgetsOf`).
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#how-api-initiated-eviction-works
 */
export function forecastEviction(
  pod: PodView,
  podBudgets: readonly BudgetView[],
): EvictionForecast {
  const exempt = exemption(pod);
  if (exempt !== null) return { kind: 'exempt', why: exempt };
  const [budget, ...others] = podBudgets;
  if (budget === undefined) return { kind: 'no-budget' };
  if (others.length > 0) return { kind: 'multiple-budgets', budgets: podBudgets };
  return checkBudget(pod, budget);
}

const EXEMPT_WORDS = {
  finished: 'The pod has finished: it is evicted at once, without consulting any budget.',
  pending: 'The pod is Pending: it is evicted without consulting any budget.',
  terminating:
    'The pod is already terminating: evicting it again succeeds without consulting any budget (it may only shorten the grace period).',
} as const;

/** A forecast in plain words, naming the budget and its numbers. */
export function forecastWords(forecast: EvictionForecast): string {
  switch (forecast.kind) {
    case 'exempt':
      return EXEMPT_WORDS[forecast.why];
    case 'no-budget':
      return 'No disruption budget selects this pod: the eviction will be accepted.';
    case 'multiple-budgets':
      return `Budgets ${forecast.budgets.map((b) => b.name).join(', ')} all select this pod: the API server refuses its eviction with 500 (a configuration error).`;
    case 'unhealthy-skip':
      return forecast.why === 'always-allow'
        ? `The pod is not Ready and budget ${forecast.budget.name} has unhealthyPodEvictionPolicy AlwaysAllow: evicted without using the budget.`
        : `The pod is not Ready and budget ${forecast.budget.name} has the healthy pods it needs (${needsHas(forecast.budget)}): evicted without using the budget.`;
    case 'stale':
      return `Budget ${forecast.budget.name} has not been processed by the disruption controller since its last change: refused (429) until it is.`;
    case 'forbidden':
      return `Budget ${forecast.budget.name} has a status the API server refuses to use: refused (403).`;
    case 'blocked':
      return `Budget ${forecast.budget.name} allows 0 disruptions (${needsHas(forecast.budget)}): refused (429).`;
    case 'allowed':
      return `Budget ${forecast.budget.name} allows ${forecast.allowed} (${needsHas(forecast.budget)}): the eviction will be accepted and use one.`;
    default: {
      const unknown: never = forecast;
      return unknown;
    }
  }
}
