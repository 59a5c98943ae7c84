import { selectorMatches } from './selectors';
import type { BudgetView, PodView } from './views';

/** What of a budget decides which pods it selects. */
export type BudgetScope = Pick<BudgetView, 'namespace' | 'selector'>;

/** What of a pod decides which budgets select it. */
export type PodScope = Pick<PodView, 'namespace' | 'labels'>;

/**
 * Whether a PodDisruptionBudget selects `pod`, by the policy/v1 rules the eviction subresource
 * and the disruption controller apply: only pods of the budget's own namespace; a null
 * selector selects none, an empty one every pod of the namespace (labelled or not).
 * @see https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/pod-disruption-budget-v1/#PodDisruptionBudgetSpec
 */
export function selectsPod(budget: BudgetScope, pod: PodScope): boolean {
  return budget.namespace === pod.namespace && selectorMatches(budget.selector, pod.labels);
}

/** The pods of `pods` that `budget` selects, in their order. */
export function podsSelectedBy<P extends PodScope>(budget: BudgetScope, pods: Iterable<P>): P[] {
  return [...pods].filter((pod) => selectsPod(budget, pod));
}

/** Budgets grouped by namespace: a budget only ever selects pods of its own namespace. */
export type BudgetIndex<B extends BudgetScope> = ReadonlyMap<string, readonly B[]>;

/** Groups budgets by namespace, for looking up the budgets of many pods. */
export function indexBudgets<B extends BudgetScope>(budgets: Iterable<B>): BudgetIndex<B> {
  const index = new Map<string, B[]>();
  for (const budget of budgets) {
    const list = index.get(budget.namespace);
    if (list === undefined) index.set(budget.namespace, [budget]);
    else list.push(budget);
  }
  return index;
}

/**
 * The budgets that select `pod`, in index order. An eviction of a Running pod with more than
 * one is refused by the API server with a 500; with none, the pod is not limited by a budget.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#how-api-initiated-eviction-works
 */
export function budgetsOf<B extends BudgetScope>(pod: PodScope, index: BudgetIndex<B>): B[] {
  return (index.get(pod.namespace) ?? []).filter((b) => selectorMatches(b.selector, pod.labels));
}
