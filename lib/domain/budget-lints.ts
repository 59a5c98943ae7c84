import { budgetConsumers } from './budget-consumers';
import { budgetsOf, indexBudgets, podsSelectedBy, type BudgetIndex } from './budget-selection';
import {
  budgetState,
  isUnprocessed,
  neverCause,
  neverWords,
  type NeverCause,
  type NeverFacts,
} from './budget-state';
import { disruptionCondition, needsHas } from './budgets';
import { MULTIPLE_BUDGETS_MESSAGE } from './eviction-outcome';
import { formatSelector } from './selectors';
import type { BudgetView, PodView } from './views';

/** The stable codes of the budget lints; the UI and tests key on these, never on the words. */
export type BudgetLintCode =
  | 'selects-nothing'
  | 'never-passable'
  | 'multiple-budgets'
  | 'unhealthy-pods-blocked'
  | 'status-stale'
  | 'blocked-too-long';

/** A length of time in its largest whole unit: minutes below 2 hours, hours below 2 days. */
export interface Span {
  readonly unit: 'minute' | 'hour' | 'day';
  readonly count: number;
}

/** The healthy pods a budget needs and has, as its words name them. */
type HealthCounts = Pick<BudgetView, 'desiredHealthy' | 'currentHealthy'>;

/** The values a lint's words are made of, by code: what another language renders them from. */
type LintFacts =
  | {
      readonly code: 'selects-nothing';
      /** The selector as `kubectl get -l` reads it; null when the budget has none. */
      readonly selector: string | null;
      readonly namespace: string;
    }
  | { readonly code: 'never-passable'; readonly cause: NeverCause; readonly rule: NeverFacts }
  | { readonly code: 'multiple-budgets'; readonly others: readonly string[] }
  | { readonly code: 'unhealthy-pods-blocked'; readonly counts: HealthCounts }
  | {
      readonly code: 'status-stale';
      readonly cause: 'unprocessed';
      readonly generation: number;
      readonly observedGeneration: number | null;
    }
  | {
      readonly code: 'status-stale';
      readonly cause: 'sync-failed';
      readonly message: string | null;
    }
  | {
      readonly code: 'blocked-too-long';
      readonly blockedFor: Span;
      /** The condition's `lastTransitionTime`, as the cluster wrote it. */
      readonly since: string;
      readonly counts: HealthCounts;
    };

/** What every lint has besides its code and facts. */
interface LintCommon {
  /** `error`: evictions it covers fail whatever the pods do; `warning`: worth a look. */
  readonly severity: 'error' | 'warning';
  readonly budget: Pick<BudgetView, 'uid' | 'namespace' | 'name'>;
  /** The pods (of the budget's namespace) it is about; empty when about the whole budget. */
  readonly pods: readonly string[];
  readonly explanation: string;
  readonly fix: string;
  /** The Kubernetes documentation behind the explanation. */
  readonly docs: string;
}

/** A problem with a PodDisruptionBudget, why it matters, and what to do. */
export type BudgetLint = LintCommon & LintFacts;

/** What the lints look at besides the budget. */
export interface LintContext {
  /** The pods of the budgets' namespaces (more is fine). */
  readonly pods: readonly PodView[];
  /** Every budget of those namespaces, to find pods that several budgets select. */
  readonly budgets: readonly BudgetView[];
  /** Epoch ms. */
  readonly now: number;
  /** How long 0 allowed disruptions may last before `blocked-too-long`. */
  readonly blockedThresholdMs: number;
}

/** The default for `LintContext.blockedThresholdMs`: ten minutes. */
export const BLOCKED_TOO_LONG_MS = 10 * 60_000;

const DOCS = {
  pdb: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget',
  eviction:
    'https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#how-api-initiated-eviction-works',
  unhealthy:
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy',
  status:
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#check-the-status-of-the-pdb',
} as const;

type LintBody = Omit<LintCommon, 'budget'> & LintFacts;

const healthCounts = ({ desiredHealthy, currentHealthy }: HealthCounts): HealthCounts => ({
  desiredHealthy,
  currentHealthy,
});

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const list = (names: readonly string[]) => names.join(', ');

function selectsNothing(budget: BudgetView, selected: readonly PodView[]): LintBody | null {
  if (selected.length > 0) return null;
  const selector = budget.selector === null ? null : formatSelector(budget.selector);
  const explanation =
    selector === null
      ? 'The budget has no selector. In policy/v1 a missing selector selects no pods, so it protects nothing.'
      : `Its selector ${selector} selects no pod in namespace ${budget.namespace}, so it protects nothing: evictions of the pods it was meant for are not limited.`;
  return {
    code: 'selects-nothing',
    selector,
    namespace: budget.namespace,
    severity: 'warning',
    pods: [],
    explanation,
    fix: `Set spec.selector to the labels of the workload's pod template (as in the Deployment's or StatefulSet's selector), and create the budget in the pods' namespace; {} selects every pod of the namespace.`,
    docs: DOCS.pdb,
  };
}

const NEVER_FIX: Readonly<Record<NeverCause, string>> = {
  'no-rule': 'Set maxUnavailable (e.g. 1) or minAvailable below the number of replicas.',
  'max-unavailable-zero':
    'If the workload must never be disrupted voluntarily, this is intended: plan maintenance around it. Otherwise allow one disruption at a time with maxUnavailable: 1 (or a percentage, which rounds up).',
  'min-available-all':
    'Scale the workload above minAvailable, or lower minAvailable below the number of replicas (percentages round up: 95 % of 10 is 10), or use maxUnavailable: 1.',
};

function neverPassable(budget: BudgetView): LintBody | null {
  const cause = neverCause(budget);
  if (cause === null) return null;
  return {
    code: 'never-passable',
    cause,
    rule: {
      minAvailable: budget.minAvailable,
      maxUnavailable: budget.maxUnavailable,
      desiredHealthy: budget.desiredHealthy,
      expectedPods: budget.expectedPods,
    },
    severity: 'error',
    pods: [],
    explanation: `${neverWords(budget, cause)} Every eviction of a Ready pod it selects is refused (429), so a drain of a node running one of them never completes.`,
    fix: NEVER_FIX[cause],
    docs: DOCS.pdb,
  };
}

function multipleBudgets(
  budget: BudgetView,
  selected: readonly PodView[],
  index: BudgetIndex<BudgetView>,
): LintBody | null {
  const pods: string[] = [];
  const others = new Set<string>();
  for (const pod of selected) {
    const rivals = budgetsOf(pod, index).filter((b) => b.uid !== budget.uid);
    if (rivals.length === 0) continue;
    pods.push(pod.name);
    for (const rival of rivals) others.add(rival.name);
  }
  if (pods.length === 0) return null;
  return {
    code: 'multiple-budgets',
    others: [...others],
    severity: 'error',
    pods,
    explanation: `${plural(pods.length, 'pod')} it selects (${list(pods)}) ${pods.length === 1 ? 'is' : 'are'} also selected by ${list([...others])}. The eviction API does not support a pod with several budgets: every eviction of a running one fails with 500 "${MULTIPLE_BUDGETS_MESSAGE}", and a drain stops on it.`,
    fix: 'Make the selectors disjoint so that each pod has exactly one budget (e.g. a label only one of them selects), or delete the redundant budget.',
    docs: DOCS.eviction,
  };
}

function unhealthyPodsBlocked(
  budget: BudgetView,
  now: number,
  pods: readonly PodView[],
): LintBody | null {
  if (budget.unhealthyPodEvictionPolicy !== 'IfHealthyBudget') return null;
  // With IfHealthyBudget a not-Ready pod is evicted anyway while the budget is healthy.
  const isHealthy = budget.currentHealthy >= budget.desiredHealthy && budget.desiredHealthy > 0;
  if (budget.disruptionsAllowed > 0 || isHealthy) return null;
  const names = budgetConsumers(budget, pods, now)
    .filter((c) => c.reason === 'not-ready')
    .map((c) => c.pod.name);
  if (names.length === 0) return null;
  return {
    code: 'unhealthy-pods-blocked',
    counts: healthCounts(budget),
    severity: 'warning',
    pods: names,
    explanation: `${plural(names.length, 'pod')} it selects (${list(names)}) ${names.length === 1 ? 'is' : 'are'} running but not Ready, so the budget ${needsHas(budget)} and allows 0 disruptions. Under unhealthyPodEvictionPolicy IfHealthyBudget (the default) a running pod that is not Ready may be evicted only while the budget has the healthy pods it needs, so these pods cannot be evicted either: a drain waits until they become Ready.`,
    fix: 'If evicting pods that are already not Ready cannot hurt the application (they get no traffic), set spec.unhealthyPodEvictionPolicy: AlwaysAllow, as the Kubernetes docs recommend for misbehaving applications during a drain. Keep IfHealthyBudget if a not-Ready pod may still hold what the application needs (e.g. a quorum member catching up), and find out why the pods are not Ready.',
    docs: DOCS.unhealthy,
  };
}

function statusStale(budget: BudgetView): LintBody | null {
  const condition = disruptionCondition(budget);
  if (isUnprocessed(budget)) {
    return {
      code: 'status-stale',
      cause: 'unprocessed',
      generation: budget.generation,
      observedGeneration: budget.observedGeneration,
      severity: 'warning',
      pods: [],
      explanation: `Its status was computed for generation ${budget.observedGeneration ?? 'none'} but its spec is at generation ${budget.generation}: the disruption controller has not processed it. Until it does, the API server refuses every eviction it covers with 429 ("The disruption budget ${budget.name} is still being processed by the server.", retry after 10 s).`,
      fix: 'Check that the disruption controller is running: it is part of kube-controller-manager (its pod in kube-system and its logs). Test clusters without a controller manager never process budgets.',
      docs: DOCS.status,
    };
  }
  if (condition?.reason !== 'SyncFailed') return null;
  return {
    code: 'status-stale',
    cause: 'sync-failed',
    message: condition.message,
    severity: 'error',
    pods: [],
    explanation: `The disruption controller failed to compute its status${condition.message === null ? '' : ` ("${condition.message}")`}. It then allows 0 disruptions, so every eviction it covers is refused (429) until a sync succeeds.`,
    fix: `Fix what the message names. "found no controllers for pod": a selected pod's owner is missing. "does not implement the scale subresource": the pods' controller (e.g. a DaemonSet) has no replica count, so a percentage or maxUnavailable cannot be resolved; use an integer minAvailable. Otherwise read the kube-controller-manager logs.`,
    docs: DOCS.status,
  };
}

/** A duration in its largest whole unit: minutes, then hours, then days. */
function spanOf(ms: number): Span {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 120) return { unit: 'minute', count: minutes };
  const hours = Math.floor(minutes / 60);
  return hours < 48
    ? { unit: 'hour', count: hours }
    : { unit: 'day', count: Math.floor(hours / 24) };
}

function blockedTooLong(budget: BudgetView, context: LintContext): LintBody | null {
  if (budgetState(budget).kind !== 'blocked') return null;
  const condition = disruptionCondition(budget);
  if (condition?.status !== 'False' || condition.lastTransitionTime === null) return null;
  const since = Date.parse(condition.lastTransitionTime);
  const blockedFor = context.now - since;
  if (Number.isNaN(since) || blockedFor < context.blockedThresholdMs) return null;
  const span = spanOf(blockedFor);
  return {
    code: 'blocked-too-long',
    blockedFor: span,
    since: condition.lastTransitionTime,
    counts: healthCounts(budget),
    severity: 'warning',
    pods: [],
    explanation: `It has allowed 0 disruptions for ${plural(span.count, span.unit)} (since ${condition.lastTransitionTime}): it ${needsHas(budget)}, and every eviction of a Ready pod it selects has been refused since.`,
    fix: 'Look at the pods consuming it: wait for replacements to become Ready, fix the pods that are not Ready, or scale the workload up. Relax the budget only if the application can take it.',
    docs: DOCS.status,
  };
}

function lintWith(
  budget: BudgetView,
  context: LintContext,
  index: BudgetIndex<BudgetView>,
): BudgetLint[] {
  const selected = podsSelectedBy(budget, context.pods);
  const bodies = [
    selectsNothing(budget, selected),
    neverPassable(budget),
    multipleBudgets(budget, selected, index),
    unhealthyPodsBlocked(budget, context.now, selected),
    statusStale(budget),
    blockedTooLong(budget, context),
  ];
  const { uid, namespace, name } = budget;
  return bodies.flatMap((body) =>
    body === null ? [] : [{ ...body, budget: { uid, namespace, name } }],
  );
}

/**
 * The lints of one budget, in a fixed order (the codes' order above).
 * @see ../shared/docs/eviction-semantics.md §2–4
 */
export function lintBudget(budget: BudgetView, context: LintContext): BudgetLint[] {
  return lintWith(budget, context, indexBudgets(context.budgets));
}

/** The lints of every budget of `context`, budget by budget. */
export function lintBudgets(context: LintContext): BudgetLint[] {
  const index = indexBudgets(context.budgets);
  return context.budgets.flatMap((budget) => lintWith(budget, context, index));
}

/**
 * The lints that bear on evicting `pod`: those of the budgets that select it (`podBudgets`,
 * from `budgetsOf`) that are about the whole budget or name the pod.
 */
export function lintsForPod(
  lints: readonly BudgetLint[],
  pod: Pick<PodView, 'name'>,
  podBudgets: readonly Pick<BudgetView, 'uid'>[],
): BudgetLint[] {
  const uids = new Set(podBudgets.map((b) => b.uid));
  return lints.filter(
    (l) => uids.has(l.budget.uid) && (l.pods.length === 0 || l.pods.includes(pod.name)),
  );
}
