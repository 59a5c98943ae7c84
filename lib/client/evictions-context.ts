import { budgetConsumers, type BudgetConsumer } from '@/lib/domain/budget-consumers';
import {
  BLOCKED_TOO_LONG_MS,
  lintBudgets,
  lintsForPod,
  type BudgetLint,
} from '@/lib/domain/budget-lints';
import { budgetsOf, indexBudgets } from '@/lib/domain/budget-selection';
import { forecastEviction, type EvictionForecast } from '@/lib/domain/eviction-forecast';
import { unblockOptions, type UnblockOption } from '@/lib/domain/unblock-options';
import type { BudgetView, PodView } from '@/lib/domain/views';

/** What the live model says about evicting one pod, before anything is sent. */
export interface EvictionContext {
  /** The budgets that select the pod (more than one: every eviction fails with 500). */
  readonly budgets: readonly BudgetView[];
  readonly forecast: EvictionForecast;
  /** The lints of those budgets that bear on this pod. */
  readonly lints: readonly BudgetLint[];
}

/** The pods and budgets of the live model the context is computed from. */
export interface ModelSlice {
  readonly pods: ReadonlyMap<string, PodView>;
  readonly budgets: ReadonlyMap<string, BudgetView>;
}

function inNamespace<V extends { namespace: string }>(
  views: ReadonlyMap<string, V>,
  ns: string,
): V[] {
  return [...views.values()].filter((v) => v.namespace === ns);
}

/**
 * The budgets selecting `pod`, the cluster's likely verdict and the lints that apply, from
 * the live model at `now` (epoch ms). The dry run is the authority; this explains it.
 */
export function evictionContext(model: ModelSlice, pod: PodView, now: number): EvictionContext {
  const budgets = inNamespace(model.budgets, pod.namespace);
  const pods = inNamespace(model.pods, pod.namespace);
  const podBudgets = budgetsOf(pod, indexBudgets(budgets));
  const lints = lintBudgets({ pods, budgets, now, blockedThresholdMs: BLOCKED_TOO_LONG_MS });
  return {
    budgets: podBudgets,
    forecast: forecastEviction(pod, podBudgets),
    lints: lintsForPod(lints, pod, podBudgets),
  };
}

/** The "why blocked" explanation of one budget: its consumers and the ways past it. */
export interface WhyBlocked {
  readonly budget: BudgetView;
  readonly consumers: readonly BudgetConsumer[];
  readonly options: readonly UnblockOption[];
}

/**
 * Why `budgetName` (as the cluster named it) blocks the pod's eviction: the budget's live
 * numbers, the pods consuming it, and the options with their consequences. null when the
 * model does not hold that budget (e.g. deleted since).
 */
export function whyBlocked(
  model: ModelSlice,
  namespace: string,
  budgetName: string,
  now: number,
): WhyBlocked | null {
  const budget = inNamespace(model.budgets, namespace).find((b) => b.name === budgetName);
  if (budget === undefined) return null;
  const consumers = budgetConsumers(budget, model.pods.values(), now);
  return { budget, consumers, options: unblockOptions(budget, consumers) };
}
