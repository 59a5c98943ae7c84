import type { BudgetView, PodView } from '@/lib/domain/views';

import { compareText, inOrder } from './compare-text';
import { podStatus, type Tone } from './pod-status';

/** Budgets at a glance: how many, how many allow a disruption now, and which block. */
export interface BudgetGlance {
  readonly total: number;
  readonly allowing: number;
  /** Budgets with `disruptionsAllowed` 0: every eviction they cover is refused (429). */
  readonly blocked: readonly BudgetView[];
}

const inScope = (namespace: string | null) => (o: { namespace: string }) =>
  namespace === null || o.namespace === namespace;

/**
 * Counts the budgets of `namespace` (all when null). A budget blocks when the disruption
 * controller allows 0 disruptions.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#how-disruption-budgets-work
 */
export function glanceBudgets(
  budgets: Iterable<BudgetView>,
  namespace: string | null,
): BudgetGlance {
  const scoped = [...budgets].filter(inScope(namespace));
  const blocked = scoped
    .filter((b) => b.disruptionsAllowed === 0)
    .sort(
      inOrder(
        (a, b) => compareText(a.namespace, b.namespace),
        (a, b) => compareText(a.name, b.name),
      ),
    );
  return {
    total: scoped.length,
    allowing: scoped.filter((b) => b.disruptionsAllowed > 0).length,
    blocked,
  };
}

/** Pods counted by the colour of their state. */
export type PodGlance = Readonly<Record<Tone, number>> & { readonly total: number };

/** Counts per pod list, so that only the lists a batch changed are counted again. */
const counted = new WeakMap<readonly PodView[], PodGlance>();

function countPods(pods: readonly PodView[]): PodGlance {
  let counts = counted.get(pods);
  if (counts === undefined) {
    const tally = { healthy: 0, waiting: 0, progress: 0, failed: 0, inactive: 0, total: 0 };
    for (const pod of pods) tally[podStatus(pod).tone]++;
    tally.total = pods.length;
    counts = tally;
    counted.set(pods, counts);
  }
  return counts;
}

/** The pods of the node map's groups (every pod of its scope) counted by state. */
export function glancePods(groups: readonly { readonly pods: readonly PodView[] }[]): PodGlance {
  const sum = { healthy: 0, waiting: 0, progress: 0, failed: 0, inactive: 0, total: 0 };
  for (const group of groups) {
    const counts = countPods(group.pods);
    for (const key of Object.keys(sum) as (keyof PodGlance)[]) sum[key] += counts[key];
  }
  return sum;
}
