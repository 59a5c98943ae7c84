import { selectsPod } from './budget-selection';
import { isDisruptionPending } from './budgets';
import type { BudgetView, PodView } from './views';

/**
 * Why a selected pod does not count towards a budget's `currentHealthy`, in the order the
 * controller's rules apply (§4.4):
 * - `terminating`: it has a deletion timestamp (evicted or deleted); its replacement counts
 *   once Ready;
 * - `evicted`: the API server accepted its eviction less than two minutes ago
 *   (`disruptedPods`) and it is not yet terminating;
 * - `pending`: not running yet, e.g. a replacement being scheduled or started;
 * - `not-ready`: running (or of unknown phase) without the `Ready` condition: starting, failing
 *   its readiness probe or crash-looping.
 */
export type ConsumerReason = 'terminating' | 'evicted' | 'pending' | 'not-ready';

/** A pod that uses up part of a budget, and why. */
export interface BudgetConsumer {
  readonly pod: PodView;
  readonly reason: ConsumerReason;
}

function consumerReason(
  pod: PodView,
  budget: Pick<BudgetView, 'disruptedPods'>,
  now: number,
): ConsumerReason | null {
  if (pod.deletionTimestamp !== null) return 'terminating';
  if (isDisruptionPending(budget.disruptedPods[pod.name], now)) return 'evicted';
  if (pod.isReady) return null;
  switch (pod.phase) {
    case 'Pending':
      return 'pending';
    case 'Running':
    case 'Unknown':
      return 'not-ready';
    // A finished pod is replaced, not waited for: its replacement is the one that counts.
    case 'Succeeded':
    case 'Failed':
      return null;
    default: {
      const unknown: never = pod.phase;
      return unknown;
    }
  }
}

/**
 * The pods of `pods` that `budget` selects but the disruption controller does not count as
 * healthy, with why, at `now` (epoch ms): what stands between a blocked budget and its next
 * allowed disruption. Finished (Succeeded/Failed) pods are left out.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#how-disruption-budgets-work
 */
export function budgetConsumers(
  budget: BudgetView,
  pods: Iterable<PodView>,
  now: number,
): BudgetConsumer[] {
  const consumers: BudgetConsumer[] = [];
  for (const pod of pods) {
    if (!selectsPod(budget, pod)) continue;
    const reason = consumerReason(pod, budget, now);
    if (reason !== null) consumers.push({ pod, reason });
  }
  return consumers;
}
