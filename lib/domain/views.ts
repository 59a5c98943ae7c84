import { z } from 'zod';

/**
 * Compact, wire-independent views of the Kubernetes objects that matter to eviction, shared by
 * the server (which builds them in `lib/server/model`) and the browser (which receives them on
 * its stream). Every field is required; "absent" is `null`, never `undefined`.
 */

/** A status condition as Kubernetes reports it (pods, budgets, nodes). */
export const ConditionViewSchema = z.object({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  /** RFC 3339, or null when the API left it out. */
  lastTransitionTime: z.string().nullable(),
});
export type ConditionView = z.infer<typeof ConditionViewSchema>;

/** The controlling owner reference of an object (`controller: true`), if any. */
export const OwnerRefViewSchema = z.object({
  kind: z.string(),
  name: z.string(),
  uid: z.string(),
});
export type OwnerRefView = z.infer<typeof OwnerRefViewSchema>;

/** One container's state; `reason` and `exitCode` come from its waiting or terminated state. */
export const ContainerViewSchema = z.object({
  name: z.string(),
  isReady: z.boolean(),
  restartCount: z.number().int(),
  state: z.enum(['waiting', 'running', 'terminated', 'unknown']),
  /** e.g. `CrashLoopBackOff`, `Completed`, `OOMKilled`. */
  reason: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  /** The exit code of the previous run, which explains a crash loop while it waits. */
  lastExitCode: z.number().int().nullable(),
  /** RFC 3339: when the current run started (running or terminated); null otherwise. */
  startedAt: z.string().nullable(),
  /** RFC 3339: when the current run ended (terminated); null otherwise. */
  finishedAt: z.string().nullable(),
});
export type ContainerView = z.infer<typeof ContainerViewSchema>;

/** A pod, reduced to what its eviction and termination depend on. */
export const PodViewSchema = z.object({
  uid: z.string(),
  namespace: z.string(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  owner: OwnerRefViewSchema.nullable(),
  /** null until the scheduler binds the pod. */
  nodeName: z.string().nullable(),
  phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']),
  /** The `Ready` condition is `True`. */
  isReady: z.boolean(),
  conditions: z.array(ConditionViewSchema),
  createdAt: z.string().nullable(),
  /** Set once the pod is terminating (evicted or deleted). */
  deletionTimestamp: z.string().nullable(),
  /** The grace the deletion granted, in seconds; null while not terminating. */
  deletionGracePeriodSeconds: z.number().int().nullable(),
  /** `metadata.finalizers`: while one is left, a deleted pod stays, terminating, after it stops. */
  finalizers: z.array(z.string()),
  /** Some `spec.volumes[]` entry is an `emptyDir`: kubectl drain's local-storage filter. */
  hasEmptyDir: z.boolean(),
  /** The `kubernetes.io/config.mirror` annotation is set: the mirror of a static pod. */
  isMirror: z.boolean(),
  /** `spec.terminationGracePeriodSeconds`, the API default (30) when unset. */
  terminationGracePeriodSeconds: z.number().int(),
  containers: z.array(ContainerViewSchema),
});
export type PodView = z.infer<typeof PodViewSchema>;

/** A label selector (`matchLabels` and `matchExpressions`). */
export const LabelSelectorViewSchema = z.object({
  matchLabels: z.record(z.string(), z.string()),
  matchExpressions: z.array(
    z.object({
      key: z.string(),
      operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
      values: z.array(z.string()),
    }),
  ),
});
export type LabelSelectorView = z.infer<typeof LabelSelectorViewSchema>;

/** `minAvailable` / `maxUnavailable`: an absolute count or a percentage such as `"50%"`. */
export const IntOrPercentSchema = z.union([z.number().int(), z.string()]);
export type IntOrPercent = z.infer<typeof IntOrPercentSchema>;

/** A PodDisruptionBudget: its spec and its full status. */
export const BudgetViewSchema = z.object({
  uid: z.string(),
  namespace: z.string(),
  name: z.string(),
  generation: z.number().int(),
  /** null selects no pods in policy/v1; an empty selector selects every pod of the namespace. */
  selector: LabelSelectorViewSchema.nullable(),
  minAvailable: IntOrPercentSchema.nullable(),
  maxUnavailable: IntOrPercentSchema.nullable(),
  unhealthyPodEvictionPolicy: z.enum(['IfHealthyBudget', 'AlwaysAllow']),
  /** null until the disruption controller has processed the budget. */
  observedGeneration: z.number().int().nullable(),
  disruptionsAllowed: z.number().int(),
  currentHealthy: z.number().int(),
  desiredHealthy: z.number().int(),
  expectedPods: z.number().int(),
  /** Pod name → time the API server accepted its eviction, until the controller sees it go. */
  disruptedPods: z.record(z.string(), z.string()),
  conditions: z.array(ConditionViewSchema),
});
export type BudgetView = z.infer<typeof BudgetViewSchema>;

/** Pods bound to a node, counted from the pod views. */
export const NodePodCountsSchema = z.object({
  total: z.number().int(),
  ready: z.number().int(),
  terminating: z.number().int(),
});
export type NodePodCounts = z.infer<typeof NodePodCountsSchema>;

/** A node: cordon, readiness, taints and the pods on it. */
export const NodeViewSchema = z.object({
  uid: z.string(),
  name: z.string(),
  /** `spec.unschedulable`: cordoned. */
  isCordoned: z.boolean(),
  isReady: z.boolean(),
  taints: z.array(z.object({ key: z.string(), value: z.string().nullable(), effect: z.string() })),
  pods: NodePodCountsSchema,
});
export type NodeView = z.infer<typeof NodeViewSchema>;

/** A workload controller that owns pods, with its replica counts. */
export const OwnerViewSchema = z.object({
  uid: z.string(),
  kind: z.enum(['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet']),
  namespace: z.string(),
  name: z.string(),
  /** e.g. the Deployment of a ReplicaSet. */
  owner: OwnerRefViewSchema.nullable(),
  replicas: z.object({
    desired: z.number().int(),
    current: z.number().int(),
    ready: z.number().int(),
    available: z.number().int(),
    updated: z.number().int(),
  }),
});
export type OwnerView = z.infer<typeof OwnerViewSchema>;

/** One endpoint of an EndpointSlice, with its pod. */
export const EndpointMemberSchema = z.object({
  podUid: z.string().nullable(),
  podName: z.string().nullable(),
  addresses: z.array(z.string()),
  isReady: z.boolean(),
  isServing: z.boolean(),
  isTerminating: z.boolean(),
});
export type EndpointMember = z.infer<typeof EndpointMemberSchema>;

/** An EndpointSlice: which pods a Service sends traffic to. */
export const EndpointViewSchema = z.object({
  uid: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** The `kubernetes.io/service-name` label. */
  serviceName: z.string().nullable(),
  endpoints: z.array(EndpointMemberSchema),
});
export type EndpointView = z.infer<typeof EndpointViewSchema>;

/** A recent Kubernetes Event (core/v1), e.g. `Killing`, `FailedScheduling`, `EvictionBlocked`. */
export const EventViewSchema = z.object({
  uid: z.string(),
  namespace: z.string(),
  type: z.enum(['Normal', 'Warning']),
  reason: z.string(),
  message: z.string(),
  /** The object the event is about. */
  involved: z.object({
    kind: z.string(),
    namespace: z.string().nullable(),
    name: z.string(),
    uid: z.string().nullable(),
  }),
  /** The component that reported it (`source.component` or `reportingComponent`). */
  source: z.string().nullable(),
  count: z.number().int(),
  /** RFC 3339: the latest occurrence (`lastTimestamp`, `eventTime` or creation time). */
  lastSeen: z.string().nullable(),
});
export type EventView = z.infer<typeof EventViewSchema>;
