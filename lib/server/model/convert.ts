import 'server-only';

import type {
  V1ContainerStatus,
  V1LabelSelector,
  V1Node,
  V1ObjectMeta,
  V1Pod,
  V1PodDisruptionBudget,
} from '@kubernetes/client-node';

import type {
  BudgetView,
  ConditionView,
  ContainerView,
  LabelSelectorView,
  NodeView,
  OwnerRefView,
  PodView,
} from '@/lib/domain/views';

/**
 * The API default of `spec.terminationGracePeriodSeconds`.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
 */
const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

/**
 * The annotation the kubelet sets on the API mirror of a static pod.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/
 */
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** Wire conditions share these fields; times are `Date` in client-node's types, strings on the wire. */
interface WireCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: Date | string;
}

/** RFC 3339 text of a wire time, whether client-node parsed it into a `Date` or left it a string. */
export function toTime(value: Date | string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : value.toISOString();
}

/** A wire condition with its absent fields as null. */
function toConditionView(c: WireCondition): ConditionView {
  const status = c.status === 'True' || c.status === 'False' ? c.status : 'Unknown';
  return {
    type: c.type,
    status,
    reason: c.reason ?? null,
    message: c.message ?? null,
    lastTransitionTime: toTime(c.lastTransitionTime),
  };
}

/**
 * The controlling owner reference (`controller: true`), or null.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/
 */
export function toOwnerRef(meta: V1ObjectMeta | undefined): OwnerRefView | null {
  const ref = meta?.ownerReferences?.find((r) => r.controller === true);
  return ref === undefined ? null : { kind: ref.kind, name: ref.name, uid: ref.uid };
}

const conditionIsTrue = (conditions: WireCondition[] | undefined, type: string): boolean =>
  conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

/** One container status; a container without status yet is `waiting` with no reason. */
function toContainerView(name: string, s: V1ContainerStatus | undefined): ContainerView {
  const { terminated, waiting, running } = s?.state ?? {};
  return {
    name,
    isReady: s?.ready ?? false,
    restartCount: s?.restartCount ?? 0,
    state: containerState(s),
    reason: terminated?.reason ?? waiting?.reason ?? null,
    exitCode: terminated?.exitCode ?? null,
    lastExitCode: s?.lastState?.terminated?.exitCode ?? null,
    startedAt: toTime(running?.startedAt ?? terminated?.startedAt),
    finishedAt: toTime(terminated?.finishedAt),
  };
}

function containerState(s: V1ContainerStatus | undefined): ContainerView['state'] {
  if (s === undefined) return 'waiting';
  if (s.state?.running !== undefined) return 'running';
  if (s.state?.terminated !== undefined) return 'terminated';
  return s.state?.waiting !== undefined ? 'waiting' : 'unknown';
}

const PHASES: readonly string[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** A pod without a phase yet is `Pending`; a phase this version does not know is `Unknown`. */
function toPhase(phase: string | undefined): PodView['phase'] {
  if (phase === undefined) return 'Pending';
  return PHASES.includes(phase) ? (phase as PodView['phase']) : 'Unknown';
}

/**
 * A pod as the dashboard sees it. `deletionTimestamp` and `deletionGracePeriodSeconds` mark
 * a terminating pod; the `DisruptionTarget` condition says why it is going.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-conditions
 */
export function toPodView(pod: V1Pod): PodView {
  const meta = pod.metadata;
  const statuses = pod.status?.containerStatuses ?? [];
  return {
    uid: meta?.uid ?? '',
    namespace: meta?.namespace ?? '',
    name: meta?.name ?? '',
    labels: meta?.labels ?? {},
    owner: toOwnerRef(meta),
    nodeName: pod.spec?.nodeName ?? null,
    phase: toPhase(pod.status?.phase),
    isReady: conditionIsTrue(pod.status?.conditions, 'Ready'),
    conditions: (pod.status?.conditions ?? []).map(toConditionView),
    createdAt: toTime(meta?.creationTimestamp),
    deletionTimestamp: toTime(meta?.deletionTimestamp),
    deletionGracePeriodSeconds: meta?.deletionGracePeriodSeconds ?? null,
    finalizers: meta?.finalizers ?? [],
    hasEmptyDir: pod.spec?.volumes?.some((v) => v.emptyDir !== undefined) ?? false,
    isMirror: meta?.annotations?.[MIRROR_ANNOTATION] !== undefined,
    terminationGracePeriodSeconds:
      pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS,
    containers: (pod.spec?.containers ?? []).map((c) =>
      toContainerView(
        c.name,
        statuses.find((s) => s.name === c.name),
      ),
    ),
  };
}

const OPERATORS = new Set<string>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A label selector with empty maps and lists for absent parts; unknown operators are dropped. */
function toLabelSelectorView(selector: V1LabelSelector): LabelSelectorView {
  return {
    matchLabels: selector.matchLabels ?? {},
    matchExpressions: (selector.matchExpressions ?? [])
      .filter((e) => OPERATORS.has(e.operator))
      .map((e) => ({
        key: e.key,
        operator: e.operator as LabelSelectorView['matchExpressions'][number]['operator'],
        values: e.values ?? [],
      })),
  };
}

/**
 * A PodDisruptionBudget with its full status. Counts the controller has not written yet are 0
 * (and `disruptionsAllowed` 0 means no eviction may pass); an unset
 * `unhealthyPodEvictionPolicy` behaves as `IfHealthyBudget`.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy
 */
export function toBudgetView(pdb: V1PodDisruptionBudget): BudgetView {
  const meta = pdb.metadata;
  const spec = pdb.spec;
  const status = pdb.status;
  return {
    uid: meta?.uid ?? '',
    namespace: meta?.namespace ?? '',
    name: meta?.name ?? '',
    generation: meta?.generation ?? 0,
    selector: spec?.selector === undefined ? null : toLabelSelectorView(spec.selector),
    minAvailable: spec?.minAvailable ?? null,
    maxUnavailable: spec?.maxUnavailable ?? null,
    unhealthyPodEvictionPolicy:
      spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' ? 'AlwaysAllow' : 'IfHealthyBudget',
    observedGeneration: status?.observedGeneration ?? null,
    disruptionsAllowed: status?.disruptionsAllowed ?? 0,
    currentHealthy: status?.currentHealthy ?? 0,
    desiredHealthy: status?.desiredHealthy ?? 0,
    expectedPods: status?.expectedPods ?? 0,
    disruptedPods: Object.fromEntries(
      Object.entries(status?.disruptedPods ?? {}).map(([pod, at]) => [pod, toTime(at) ?? '']),
    ),
    conditions: (status?.conditions ?? []).map(toConditionView),
  };
}

/**
 * A node without its pod counts, which the model fills in from the pod views.
 * `spec.unschedulable` is what `kubectl cordon` sets.
 * @see https://kubernetes.io/docs/reference/kubectl/generated/kubectl_cordon/
 */
export function toNodeView(node: V1Node): NodeView {
  return {
    uid: node.metadata?.uid ?? '',
    name: node.metadata?.name ?? '',
    isCordoned: node.spec?.unschedulable ?? false,
    isReady: conditionIsTrue(node.status?.conditions, 'Ready'),
    taints: (node.spec?.taints ?? []).map((t) => ({
      key: t.key,
      value: t.value ?? null,
      effect: t.effect,
    })),
    pods: { total: 0, ready: 0, terminating: 0 },
  };
}
