import 'server-only';

import { selectsPod } from '@/lib/domain/budget-selection';
import type { BudgetMoment } from '@/lib/domain/eviction-attempts';
import type { BudgetView, PodView } from '@/lib/domain/views';

/** The live model's pods and budgets of one cluster, as they were just before an attempt. */
export interface LiveState {
  pods: readonly PodView[];
  budgets: readonly BudgetView[];
}

/** The budget an attempt concerned, with its numbers when the live model had them. */
export type BudgetRecord = { name: string; status: BudgetMoment | null };

function momentOf(b: BudgetView): BudgetMoment {
  return {
    generation: b.generation,
    observedGeneration: b.observedGeneration,
    disruptionsAllowed: b.disruptionsAllowed,
    currentHealthy: b.currentHealthy,
    desiredHealthy: b.desiredHealthy,
    expectedPods: b.expectedPods,
    disruptedPods: b.disruptedPods,
  };
}

/**
 * The budget to record with an attempt on pod `uid` (`namespace`/`pod`): the one the cluster
 * named, else the single budget of the live model that selects the pod (none or several:
 * nothing to name). Its numbers come from `live`, taken before the Eviction was sent.
 */
export function budgetRecord(
  live: LiveState | undefined,
  target: { namespace: string; pod: string; uid: string },
  named: string | undefined,
): BudgetRecord | null {
  const inNamespace = (live?.budgets ?? []).filter((b) => b.namespace === target.namespace);
  if (named !== undefined) {
    const budget = inNamespace.find((b) => b.name === named);
    return { name: named, status: budget ? momentOf(budget) : null };
  }
  const pod =
    live?.pods.find((p) => p.uid === target.uid) ??
    live?.pods.find((p) => p.namespace === target.namespace && p.name === target.pod);
  if (pod === undefined) return null;
  const selecting = inNamespace.filter((b) => selectsPod(b, pod));
  const only = selecting.length === 1 ? selecting[0] : undefined;
  return only ? { name: only.name, status: momentOf(only) } : null;
}
