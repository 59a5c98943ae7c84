import { budgetsOf, indexBudgets } from './budget-selection';
import {
  drainMessages,
  drainVerdict,
  type DrainFilterOptions,
  type DrainPod,
  type DrainVerdict,
} from './drain-filters';
import { simulateWaves, type WaveEntry } from './drain-waves';
import type { DrainPlan, DrainRequest, DryRunVerdict, PlanNode, PlanPod } from './drains';
import { parseLabelSelector, selectorMatches } from './selectors';
import type { BudgetView, NodeView, OwnerView, PodView } from './views';

/**
 * The plan of a node drain (issue 8), made from the live model without changing anything:
 * what `kubectl drain` would do with each pod of the nodes, and in which waves the budgets let
 * the evictions pass.
 * @see ../shared/docs/eviction-semantics.md §6 (kubectl drain), §2 and §4 (budgets)
 */

/** What a plan is made from. */
export interface DrainPlanInput {
  readonly cluster: string;
  /** Parsed by `DrainRequestSchema`. */
  readonly request: DrainRequest;
  /** Every node of the live model. */
  readonly nodes: readonly NodeView[];
  /** Every pod of the cluster. */
  readonly pods: readonly PodView[];
  readonly budgets: readonly BudgetView[];
  /** ReplicaSets, Deployments, StatefulSets and DaemonSets. */
  readonly owners: readonly OwnerView[];
  /** The cluster's dry-run answers by pod uid, for the pods the caller dry-ran. */
  readonly dryRuns: ReadonlyMap<string, DryRunVerdict>;
  /** Epoch ms. */
  readonly now: number;
}

/** What choosing the pods to evict needs: the plan's input without the dry runs. */
export type DrainCandidatesInput = Omit<DrainPlanInput, 'dryRuns'>;

/** A pod of the drain with kubectl's verdict on it. */
interface Judged {
  readonly pod: PodView;
  readonly node: string;
  readonly drainPod: DrainPod;
  readonly verdict: DrainVerdict;
}

const isTerminal = (pod: DrainPod) => pod.phase === 'Succeeded' || pod.phase === 'Failed';
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What kubectl drain's filters need of a pod. A DaemonSet's pod's DaemonSet exists when the
 * model has a DaemonSet of that namespace and name (kubectl GETs it by name).
 */
export function drainPodOf(pod: PodView, owners: readonly OwnerView[]): DrainPod {
  const owner = pod.owner;
  const daemonSetExists =
    owner?.kind === 'DaemonSet' &&
    owners.some(
      (o) => o.kind === 'DaemonSet' && o.namespace === pod.namespace && o.name === owner.name,
    );
  return {
    namespace: pod.namespace,
    name: pod.name,
    phase: pod.phase,
    deletionTimestamp: pod.deletionTimestamp,
    controller: owner === null ? null : { kind: owner.kind, name: owner.name },
    daemonSetExists,
    isMirror: pod.isMirror,
    hasEmptyDir: pod.hasEmptyDir,
  };
}

/**
 * Whether evicting the pod makes its controller create another: it has one, and it is not a
 * DaemonSet that is gone. A finished pod was already replaced (or is done): nothing comes.
 */
function isReplaced(pod: DrainPod): boolean {
  if (pod.controller === null || isTerminal(pod)) return false;
  return pod.controller.kind !== 'DaemonSet' || pod.daemonSetExists;
}

/**
 * The pods of the requested nodes that `--pod-selector` selects, in kubectl's order: node by
 * node as requested, each node's pods by namespace, then name (the API server's list order).
 * Throws on a selector `DrainRequestSchema` would have refused.
 */
function drainedPods(input: DrainCandidatesInput): { pod: PodView; node: string }[] {
  const selector = parseLabelSelector(input.request.podSelector);
  if (!selector.ok) throw new Error(`pod selector: ${selector.message}`);
  const rank = new Map(input.request.nodes.map((node, i) => [node, i]));
  const rankOf = (pod: { node: string }) => rank.get(pod.node) ?? 0;
  return input.pods
    .flatMap((pod) =>
      pod.nodeName !== null && rank.has(pod.nodeName) ? [{ pod, node: pod.nodeName }] : [],
    )
    .filter(({ pod }) => selectorMatches(selector.value, pod.labels))
    .sort(
      (a, b) =>
        rankOf(a) - rankOf(b) ||
        compareText(a.pod.namespace, b.pod.namespace) ||
        compareText(a.pod.name, b.pod.name),
    );
}

/** kubectl drain's verdict on each pod of the drain, in its order. */
function judge(input: DrainCandidatesInput): Judged[] {
  const { force, ignoreDaemonSets, deleteEmptyDirData } = input.request;
  const options: DrainFilterOptions = {
    force,
    ignoreDaemonSets,
    deleteEmptyDirData,
    skipWaitForDeleteTimeoutSeconds: 0,
  };
  return drainedPods(input).map(({ pod, node }) => {
    const drainPod = drainPodOf(pod, input.owners);
    return { pod, node, drainPod, verdict: drainVerdict(drainPod, options, input.now) };
  });
}

/**
 * The pods kubectl drain would evict, in its order: the ones to dry-run before planning.
 * Throws on a request `DrainRequestSchema` did not parse (a malformed pod selector).
 */
export function evictCandidates(input: DrainCandidatesInput): PodView[] {
  return judge(input).flatMap((j) => (j.verdict.action === 'evict' ? [j.pod] : []));
}

/** A judged pod with its budgets and, if evicted, what the budget simulation needs of it. */
interface Assessed extends Judged {
  readonly budgets: readonly BudgetView[];
  readonly entry: WaveEntry | null;
}

function assess(judged: readonly Judged[], input: DrainPlanInput): Assessed[] {
  const index = indexBudgets(input.budgets);
  return judged.map((j) => {
    const budgets = budgetsOf(j.pod, index);
    const dryRun = input.dryRuns.get(j.pod.uid) ?? null;
    const replaced = isReplaced(j.drainPod);
    const entry = j.verdict.action === 'evict' ? { pod: j.pod, budgets, dryRun, replaced } : null;
    return { ...j, budgets, entry };
  });
}

/** A pod as the plan shows it. */
function planPod(a: Assessed, waves: ReadonlyMap<string, number | null>): PlanPod {
  const { pod, verdict } = a;
  return {
    uid: pod.uid,
    namespace: pod.namespace,
    name: pod.name,
    node: a.node,
    phase: pod.phase,
    owner: a.drainPod.controller,
    action: verdict.action,
    skipWhy: verdict.action === 'skip' ? verdict.why : null,
    message: verdict.action === 'refuse' ? verdict.error : verdict.warning,
    dryRun: a.entry?.dryRun ?? null,
    budgets: a.budgets.map((b) => `${b.namespace}/${b.name}`),
    wave: a.entry === null ? null : (waves.get(pod.uid) ?? null),
    replaced: isReplaced(a.drainPod),
  };
}

/** Every requested node as the model shows it, and the ones it does not have. */
function planNodes(input: DrainPlanInput): { nodes: PlanNode[]; missing: string[] } {
  const byName = new Map(input.nodes.map((node) => [node.name, node]));
  const missing = input.request.nodes.filter((name) => !byName.has(name));
  const nodes = input.request.nodes.map((name) => {
    const node = byName.get(name);
    return { name, isCordoned: node?.isCordoned ?? false, isReady: node?.isReady ?? false };
  });
  return { nodes, missing };
}

/** The request's options, defaults resolved, as the plan echoes them. */
function requestEcho(request: DrainRequest): DrainPlan['request'] {
  const { force, ignoreDaemonSets, deleteEmptyDirData, podSelector } = request;
  const { gracePeriodSeconds, timeoutSeconds } = request;
  return {
    force,
    ignoreDaemonSets,
    deleteEmptyDirData,
    podSelector,
    gracePeriodSeconds,
    timeoutSeconds,
  };
}

/**
 * kubectl's messages node by node, as it drains one node after the other: each node's error
 * lines, and each node's warning line (several joined by a line feed).
 */
function messagesByNode(
  nodes: readonly string[],
  assessed: readonly Assessed[],
): { errors: string[]; warning: string | null } {
  const perNode = nodes.map((node) =>
    drainMessages(
      assessed.filter((a) => a.node === node).map((a) => ({ pod: a.drainPod, verdict: a.verdict })),
    ),
  );
  const warnings = perNode.flatMap((m) => (m.warning === null ? [] : [m.warning]));
  return {
    errors: perNode.flatMap((m) => m.errors),
    warning: warnings.length === 0 ? null : warnings.join('\n'),
  };
}

/**
 * Plans a drain of `input.request.nodes`: kubectl drain's verdict on each pod (§6.2 step 4)
 * with its errors and warnings grouped node by node, as kubectl prints them;
 * the budgets that select each pod; and a simulation of the evictions across the whole drain,
 * trusting each pod's dry run over the model where they disagree. It cannot start when a pod
 * is refused or a node is missing, and cannot finish when an evicted pod never passes (a
 * budget that never reopens, several budgets: 500); `problems` says why in plain sentences.
 * Throws on a request `DrainRequestSchema` did not parse (a malformed pod selector).
 * @see https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/
 */
export function planDrain(input: DrainPlanInput): DrainPlan {
  const assessed = assess(judge(input), input);
  const entries = assessed.flatMap((a) => (a.entry === null ? [] : [a.entry]));
  const { waves, budgets, problems } = simulateWaves(entries);
  const { errors, warning } = messagesByNode(input.request.nodes, assessed);
  const { nodes, missing } = planNodes(input);
  return {
    cluster: input.cluster,
    nodes,
    request: requestEcho(input.request),
    pods: assessed.map((a) => planPod(a, waves)),
    errors,
    warning,
    budgets,
    canStart: assessed.every((a) => a.verdict.action !== 'refuse') && missing.length === 0,
    canFinish: entries.every((e) => waves.get(e.pod.uid) !== null),
    problems: [...errors, ...missing.map((name) => `node ${name} not found`), ...problems],
    plannedAt: new Date(input.now).toISOString(),
  };
}
