import { budgetsOf, indexBudgets, selectsPod, type BudgetIndex } from './budget-selection';
import { disruptionCondition } from './budgets';
import { formatDuration } from './duration';
import {
  type Phrase,
  type Remedy,
  type RetryView,
  type StuckItem,
  type StuckKind,
} from './retries';
import { diagnoseBudget, finding, phrase, timeMs, type BudgetDiagnosis } from './stuck-diagnosis';
import { diagnoseNodePods, diagnoseTerminating, isEvictable } from './stuck-pods';
import type { BudgetView, NodeView, OwnerView, PodView } from './views';

export {
  diagnoseBudget,
  NEVER_READY_MS,
  type BudgetDiagnosis,
  type DiagnosisContext,
} from './stuck-diagnosis';

/**
 * The stuck monitor's pure half (issue 6): what has made no progress for longer than its
 * threshold — a pending retry, a budget at 0 allowed disruptions, a pod past its deletion
 * deadline, a cordoned node that still holds evictable pods — with why and what to do, in the
 * words of the Kubernetes docs' "Troubleshooting stuck evictions". Nothing here reads a clock.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#troubleshooting-stuck-evictions
 */

/** How long each kind of condition may last before it is stuck, in ms. */
export interface StuckThresholds {
  readonly retryMs: number;
  readonly budgetMs: number;
  /** Past the deletion deadline (`deletionTimestamp`, which already includes the grace). */
  readonly terminatingMs: number;
  readonly nodeMs: number;
}

export const DEFAULT_STUCK_THRESHOLDS: StuckThresholds = {
  retryMs: 5 * 60_000,
  budgetMs: 5 * 60_000,
  terminatingMs: 30_000,
  nodeMs: 5 * 60_000,
};

/** What the monitor looks at; times are epoch ms. */
export interface StuckInput {
  readonly pods: readonly PodView[];
  readonly budgets: readonly BudgetView[];
  readonly nodes: readonly NodeView[];
  readonly owners: readonly OwnerView[];
  readonly retries: readonly RetryView[];
  readonly now: number;
  readonly thresholds: StuckThresholds;
  /**
   * Budget uid → since when it has been seen at 0 allowed disruptions, where the cluster gives
   * no time: the `DisruptionAllowed` condition's `lastTransitionTime` when it is `False` comes
   * first, then this map, else now.
   */
  readonly zeroSince: ReadonlyMap<string, number>;
  /** Node name → since when it has been seen cordoned; else now. */
  readonly cordonedSince: ReadonlyMap<string, number>;
}

const PAUSE_AND_INVESTIGATE: Remedy = {
  code: 'pause-and-investigate',
  title: 'Pause and investigate',
  detail:
    'Pause the automation causing it (a drain, an autoscaler) and investigate the application: why its pods are not Ready or not going away. Restart the operation once the application is healthy again.',
  titlePhrase: phrase('remedy.pauseTitle'),
  detailPhrase: phrase('remedy.pauseDetail'),
};

const WAIT_THEN_DELETE: Remedy = {
  code: 'wait-then-delete',
  title: 'Wait, then delete the pod directly',
  detail:
    'Wait, then delete the pod directly: it bypasses the budget, so the application may lose availability.',
  titlePhrase: phrase('remedy.deleteTitle'),
  detailPhrase: phrase('remedy.deleteDetail'),
};

const WAIT_THEN_FORCE: Remedy = {
  code: 'wait-then-delete',
  title: 'Wait, then force-delete the pod',
  detail:
    'Wait, then delete the pod with grace period 0 and --force: the API server removes it without waiting for the kubelet, so its containers may still run on the node (for a StatefulSet, two pods with one identity). Finalizers still hold it until removed.',
  titlePhrase: phrase('remedy.forceTitle'),
  detailPhrase: phrase('remedy.forceDetail'),
};

/** The docs' two remedies around the specific fixes (each once), gentlest first. */
function remedies(fixes: readonly Remedy[], last: Remedy = WAIT_THEN_DELETE): Remedy[] {
  const unique = fixes.filter(
    (f, i) => fixes.findIndex((g) => g.title === f.title && g.detail === f.detail) === i,
  );
  return [PAUSE_AND_INVESTIGATE, ...unique, last];
}

interface Scan {
  readonly input: StuckInput;
  readonly index: BudgetIndex<BudgetView>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The oldest pending retry entry blocked by one of `budgets`, for the item's link. */
function pendingRetryOf(budgets: readonly BudgetView[], { input }: Scan): number | null {
  const waiting = input.retries
    .filter(
      (r) =>
        r.state === 'pending' &&
        budgets.some((b) => b.namespace === r.namespace && b.name === r.budget),
    )
    .sort((a, b) => (timeMs(a.createdAt) ?? 0) - (timeMs(b.createdAt) ?? 0) || a.id - b.id);
  return waiting[0]?.id ?? null;
}

/** Why a retry entry's pod stays blocked: its named budget, else the one that selects it. */
function retryFindings(entry: RetryView, scan: Scan): BudgetDiagnosis {
  const pod = scan.input.pods.find((p) => p.uid === entry.uid);
  const answer =
    entry.lastAnswer === null ? null : (entry.lastAnswer.cause ?? entry.lastAnswer.message);
  const last = answer === null ? '' : `; the last answer: ${answer}`;
  const lastPhrase = answer === null ? '' : phrase('diagnosis.lastAnswer', { answer });
  const unknown = (text: string, said: Phrase): BudgetDiagnosis => ({
    diagnoses: [finding('unknown', `${text}${last}`, said, [entry.pod])],
    fixes: [],
  });
  if (pod === undefined) {
    return unknown(
      `pod ${entry.pod} (uid ${entry.uid}) is gone: the entry ends at its next attempt`,
      phrase('diagnosis.podGone', { pod: entry.pod, uid: entry.uid, last: lastPhrase }),
    );
  }
  const selecting = budgetsOf(pod, scan.index);
  const budget = selecting.find((b) => b.name === entry.budget) ?? selecting[0];
  if (budget === undefined) {
    return unknown(
      `no budget selects ${pod.name} now`,
      phrase('diagnosis.noBudget', { pod: pod.name, last: lastPhrase }),
    );
  }
  return diagnoseBudget(budget, scan.input, [pod]);
}

function retryItem(entry: RetryView, scan: Scan): StuckItem | null {
  const { now, thresholds } = scan.input;
  const created = timeMs(entry.createdAt);
  if (entry.state !== 'pending' || created === null) return null;
  if (now - created <= thresholds.retryMs) return null;
  const { diagnoses, fixes } = retryFindings(entry, scan);
  return {
    kind: 'retry',
    key: `retry:${entry.id}`,
    namespace: entry.namespace,
    name: entry.pod,
    retryId: entry.id,
    since: iso(created),
    title: `Eviction of ${entry.namespace}/${entry.pod} pending for ${formatDuration(now - created)} (${entry.attempts} ${entry.attempts === 1 ? 'attempt' : 'attempts'})`,
    titlePhrase: phrase('title.retry', {
      ref: `${entry.namespace}/${entry.pod}`,
      duration: { ms: now - created },
      attempts: entry.attempts,
    }),
    diagnoses,
    remedies: remedies(fixes),
  };
}

/** Since when a budget has allowed 0: the cluster's condition time, else when we saw it. */
function zeroSince(budget: BudgetView, input: StuckInput): number {
  const condition = disruptionCondition(budget);
  const since = condition?.status === 'False' ? timeMs(condition.lastTransitionTime) : null;
  return since ?? input.zeroSince.get(budget.uid) ?? input.now;
}

/** A budget at 0 allowed for too long; one that selects no pod is not stuck (a lint says so). */
function budgetItem(budget: BudgetView, scan: Scan): StuckItem | null {
  const { input } = scan;
  if (budget.disruptionsAllowed !== 0) return null;
  if (!input.pods.some((pod) => selectsPod(budget, pod))) return null;
  const since = zeroSince(budget, input);
  if (input.now - since <= input.thresholds.budgetMs) return null;
  const { diagnoses, fixes } = diagnoseBudget(budget, input);
  return {
    kind: 'budget',
    key: `budget:${budget.namespace}/${budget.name}`,
    namespace: budget.namespace,
    name: budget.name,
    retryId: pendingRetryOf([budget], scan),
    since: iso(since),
    title: `Budget ${budget.namespace}/${budget.name} has allowed 0 disruptions for ${formatDuration(input.now - since)}`,
    titlePhrase: phrase('title.budget', {
      ref: `${budget.namespace}/${budget.name}`,
      duration: { ms: input.now - since },
    }),
    diagnoses,
    remedies: remedies(fixes),
  };
}

/**
 * A pod whose deletion deadline passed more than `terminatingMs` ago. `deletionTimestamp` is
 * the deadline itself (request time + grace, §5), so `since` is the request time.
 */
function terminatingItem(pod: PodView, scan: Scan): StuckItem | null {
  const { input } = scan;
  const deadline = timeMs(pod.deletionTimestamp);
  if (deadline === null || input.now - deadline <= input.thresholds.terminatingMs) return null;
  const since = deadline - (pod.deletionGracePeriodSeconds ?? 0) * 1000;
  const { diagnoses, fixes } = diagnoseTerminating(pod, input.now - deadline, input.nodes);
  return {
    kind: 'terminating',
    key: `terminating:${pod.uid}`,
    namespace: pod.namespace,
    name: pod.name,
    retryId: pendingRetryOf(budgetsOf(pod, scan.index), scan),
    since: iso(since),
    title: `${pod.namespace}/${pod.name} terminating for ${formatDuration(input.now - since)}, ${formatDuration(input.now - deadline)} past its deadline`,
    titlePhrase: phrase('title.terminating', {
      ref: `${pod.namespace}/${pod.name}`,
      duration: { ms: input.now - since },
      overdue: { ms: input.now - deadline },
    }),
    diagnoses,
    remedies: remedies(fixes, WAIT_THEN_FORCE),
  };
}

/** A cordoned node still holding evictable pods for longer than `nodeMs`. */
function nodeItem(node: NodeView, scan: Scan): StuckItem | null {
  const { input } = scan;
  if (!node.isCordoned) return null;
  const left = input.pods.filter((p) => p.nodeName === node.name && isEvictable(p));
  const since = input.cordonedSince.get(node.name) ?? input.now;
  if (left.length === 0 || input.now - since <= input.thresholds.nodeMs) return null;
  const names = left.map((p) => `${p.namespace}/${p.name}`);
  const remaining = finding(
    'evictable-pods-left',
    `${left.length === 1 ? '1 pod is' : `${left.length} pods are`} still on the node: ${names.join(', ')}`,
    phrase('diagnosis.podsLeft', { count: left.length, pods: { list: names } }),
    names,
  );
  const { diagnoses, fixes } = diagnoseNodePods(left, input, scan.index);
  return {
    kind: 'node',
    key: `node:${node.name}`,
    namespace: null,
    name: node.name,
    retryId: null,
    since: iso(since),
    title: `Node ${node.name} cordoned for ${formatDuration(input.now - since)} with ${left.length} ${left.length === 1 ? 'pod' : 'pods'} left to evict`,
    titlePhrase: phrase('title.node', {
      name: node.name,
      duration: { ms: input.now - since },
      count: left.length,
    }),
    diagnoses: [remaining, ...diagnoses],
    remedies: remedies(fixes),
  };
}

/**
 * Everything stuck at `input.now`, oldest `since` first (ties by key): pending retries older
 * than `retryMs`, budgets that select pods and have allowed 0 disruptions for longer than
 * `budgetMs`, pods more than `terminatingMs` past their deletion deadline, and cordoned nodes
 * with evictable pods for longer than `nodeMs`. Each item has at least one diagnosis and the
 * docs' two remedies (pause and investigate; wait, then delete), with specific fixes between.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#troubleshooting-stuck-evictions
 */
export function stuckItems(input: StuckInput): StuckItem[] {
  const scan: Scan = { input, index: indexBudgets(input.budgets) };
  const items = [
    ...input.retries.map((r) => retryItem(r, scan)),
    ...input.budgets.map((b) => budgetItem(b, scan)),
    ...input.pods.map((p) => terminatingItem(p, scan)),
    ...input.nodes.map((n) => nodeItem(n, scan)),
  ].filter((item) => item !== null);
  return items.sort(
    (a, b) =>
      Date.parse(a.since) - Date.parse(b.since) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** How many items of each kind, 0 for absent kinds (for `/api/metrics`). */
export function stuckKindCounts(
  items: readonly Pick<StuckItem, 'kind'>[],
): Record<StuckKind, number> {
  // A literal, so that a new kind fails to compile here until it is counted.
  const counts: Record<StuckKind, number> = { retry: 0, budget: 0, terminating: 0, node: 0 };
  for (const item of items) counts[item.kind]++;
  return counts;
}

const THRESHOLD_VARS: Readonly<Record<keyof StuckThresholds, string>> = {
  retryMs: 'DRAINBOARD_STUCK_RETRY_SECONDS',
  budgetMs: 'DRAINBOARD_STUCK_BUDGET_SECONDS',
  terminatingMs: 'DRAINBOARD_STUCK_TERMINATING_SECONDS',
  nodeMs: 'DRAINBOARD_STUCK_NODE_SECONDS',
};

/** A number of seconds ≥ 0 from `env[name]` in ms; `fallbackMs` when unset or empty. */
function secondsOf(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallbackMs: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallbackMs;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`${name} must be a number of seconds >= 0, not ${JSON.stringify(raw)}`);
  }
  return seconds * 1000;
}

/**
 * The thresholds from `DRAINBOARD_STUCK_{RETRY,BUDGET,TERMINATING,NODE}_SECONDS`; unset or
 * empty → the default. Throws a RangeError naming the variable and its value when one is not
 * a finite number ≥ 0.
 */
export function stuckThresholdsOf(
  env: Readonly<Record<string, string | undefined>>,
): StuckThresholds {
  const of = (key: keyof StuckThresholds) =>
    secondsOf(env, THRESHOLD_VARS[key], DEFAULT_STUCK_THRESHOLDS[key]);
  return {
    retryMs: of('retryMs'),
    budgetMs: of('budgetMs'),
    terminatingMs: of('terminatingMs'),
    nodeMs: of('nodeMs'),
  };
}
