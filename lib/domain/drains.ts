import { z } from 'zod';

import { subdomainProblem } from './names';
import { parseLabelSelector } from './selectors';

/**
 * Node drains (issue 8): the request both the plan and the run take, the plan, and a drain's
 * progress as the API and the Drain view show them.
 * @see ../shared/docs/eviction-semantics.md §6 (kubectl drain)
 */

/** At most this many nodes in one drain. */
export const MAX_DRAIN_NODES = 100;

/**
 * The body of `POST …/drains/plan` and `POST …/drains`: kubectl drain's options and defaults.
 * `gracePeriodSeconds` absent means each pod's own (kubectl's -1); 0 is refused, since a drain
 * always lets pods stop gracefully. `timeoutSeconds` 0 means no timeout, as in kubectl.
 */
export const DrainRequestSchema = z
  .strictObject({
    nodes: z
      .array(z.string())
      .min(1, 'name at least one node')
      .max(MAX_DRAIN_NODES, `at most ${MAX_DRAIN_NODES} nodes per drain`),
    force: z.boolean().default(false),
    ignoreDaemonSets: z.boolean().default(false),
    deleteEmptyDirData: z.boolean().default(false),
    podSelector: z.string().max(4096).default(''),
    gracePeriodSeconds: z
      .number()
      .int()
      .min(1, 'a drain stops pods gracefully: give 1 or more seconds, or leave it out')
      .max(31_536_000)
      .nullable()
      .default(null),
    timeoutSeconds: z.number().int().min(0).max(31_536_000).default(0),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.nodes.forEach((node, i) => {
      const problem = subdomainProblem('a node name', node);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: ['nodes', i] });
      if (seen.has(node)) {
        ctx.addIssue({ code: 'custom', message: `node ${node} twice`, path: ['nodes', i] });
      }
      seen.add(node);
    });
    const selector = parseLabelSelector(body.podSelector);
    if (!selector.ok) {
      ctx.addIssue({ code: 'custom', message: selector.message, path: ['podSelector'] });
    }
  });
export type DrainRequest = z.infer<typeof DrainRequestSchema>;
/** The request as sent (defaults optional). */
export type DrainRequestInput = z.input<typeof DrainRequestSchema>;

/** What kubectl drain does with a pod: evict it, leave it, or refuse to drain because of it. */
export const PlanActionSchema = z.enum(['evict', 'skip', 'refuse']);
export type PlanAction = z.infer<typeof PlanActionSchema>;

/**
 * The cluster's own answer to a dry-run eviction of a pod the drain would evict: it would pass
 * (201), a budget blocks it now (429), several budgets select it (500), or another answer.
 */
export const DryRunVerdictSchema = z.object({
  verdict: z.enum(['would-pass', 'blocked', 'several-budgets', 'other']),
  /** The cluster's HTTP code; null when no answer came. */
  code: z.number().int().nullable(),
  /** The cluster's message (for 201: null). */
  message: z.string().nullable(),
  /** The budget that blocks it, when the cluster named one. */
  budget: z.string().nullable(),
});
export type DryRunVerdict = z.infer<typeof DryRunVerdictSchema>;

/** One pod on a node of the plan. */
export const PlanPodSchema = z.object({
  uid: z.string(),
  namespace: z.string(),
  name: z.string(),
  node: z.string(),
  phase: z.string(),
  /** The controller owner reference, if any. */
  owner: z.object({ kind: z.string(), name: z.string() }).nullable(),
  action: PlanActionSchema,
  /** Why a skipped pod is left: a DaemonSet's with the option, a mirror pod, long deleted. */
  skipWhy: z.enum(['deleted-long-ago', 'daemonset', 'mirror']).nullable(),
  /** kubectl's warning (evict, skip) or error (refuse) for this pod; null when it says nothing. */
  message: z.string().nullable(),
  /** The dry-run eviction's answer; null for pods not evicted. */
  dryRun: DryRunVerdictSchema.nullable(),
  /** The budgets that select the pod, `namespace/name`. */
  budgets: z.array(z.string()),
  /**
   * In which round of the budget simulation the eviction passes: 1 at once, 2 after the first
   * round of replacements is Ready, and so on; null for a pod not evicted or never passing.
   */
  wave: z.number().int().nullable(),
  /** Its controller makes a replacement (ReplicaSet, StatefulSet, …). */
  replaced: z.boolean(),
});
export type PlanPod = z.infer<typeof PlanPodSchema>;

/** A budget across the whole drain: which of its pods pass at once and which must wait. */
export const BudgetWaitSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** `status.disruptionsAllowed` now. */
  allowedNow: z.number().int(),
  /** Disruptions allowed once every pod it expects is healthy (its room between waits). */
  capacity: z.number().int(),
  /** The pods of the drain it selects, in the order they are evicted, `namespace/name`. */
  pods: z.array(z.string()),
  /** How many pass at once. */
  atOnce: z.number().int(),
  /** How many must wait for replacements to become Ready. */
  waiting: z.number().int(),
  /** How many rounds of replacements the drain waits on this budget. */
  rounds: z.number().int(),
  canFinish: z.boolean(),
  /** Why the drain cannot get past this budget; null when it can. */
  why: z.string().nullable(),
});
export type BudgetWait = z.infer<typeof BudgetWaitSchema>;

/** A node of the plan as the live model shows it. */
export const PlanNodeSchema = z.object({
  name: z.string(),
  isCordoned: z.boolean(),
  isReady: z.boolean(),
});
export type PlanNode = z.infer<typeof PlanNodeSchema>;

/** The answer of `POST …/drains/plan`: nothing in the cluster changed to make it. */
export const DrainPlanSchema = z.object({
  cluster: z.string(),
  nodes: z.array(PlanNodeSchema),
  request: z.object({
    force: z.boolean(),
    ignoreDaemonSets: z.boolean(),
    deleteEmptyDirData: z.boolean(),
    podSelector: z.string(),
    gracePeriodSeconds: z.number().int().nullable(),
    timeoutSeconds: z.number().int(),
  }),
  pods: z.array(PlanPodSchema),
  /** kubectl's errors, grouped as it prints them (`cannot delete …: ns/pod, …`). */
  errors: z.array(z.string()),
  /** kubectl's warning line (`Warning: …`), or null. */
  warning: z.string().nullable(),
  budgets: z.array(BudgetWaitSchema),
  /** No pod is refused: the drain may start. */
  canStart: z.boolean(),
  /** Every evicted pod can pass eventually (no budget that never reopens, no 500). */
  canFinish: z.boolean(),
  /** Plain sentences for an operator: why it cannot start or finish. */
  problems: z.array(z.string()),
  /** RFC 3339. */
  plannedAt: z.string(),
});
export type DrainPlan = z.infer<typeof DrainPlanSchema>;

/**
 * A drain's state: `running` while pods are being evicted; `drained` once every pod is gone
 * (safe to power off) while a replacement is not Ready yet; `complete` once every replacement
 * is Ready too; `stopped` by an operator; `timed-out` at its timeout; `failed` when a pod's
 * eviction failed for good (e.g. several budgets: 500) and everything else is settled.
 */
export const DrainStateSchema = z.enum([
  'running',
  'drained',
  'complete',
  'stopped',
  'timed-out',
  'failed',
]);
export type DrainState = z.infer<typeof DrainStateSchema>;

/** Where a pod of a drain is: waiting for its eviction, accepted, gone, replacement Ready. */
export const DrainStageSchema = z.enum([
  'waiting',
  'accepted',
  'gone',
  'ready',
  'failed',
  'cancelled',
]);
export type DrainStage = z.infer<typeof DrainStageSchema>;

/** One pod of a drain. */
export const DrainPodViewSchema = z.object({
  uid: z.string(),
  namespace: z.string(),
  name: z.string(),
  node: z.string(),
  owner: z.object({ kind: z.string(), name: z.string() }).nullable(),
  /** The budget it waits on (the last one the cluster named), if any. */
  budget: z.string().nullable(),
  stage: DrainStageSchema,
  /** The retry entry that evicts it. */
  retryId: z.number().int().nullable(),
  attempts: z.number().int(),
  /** The cluster's last answer or the reason it ended, for an operator. */
  message: z.string().nullable(),
  /** RFC 3339: the next attempt while waiting on backoff; null otherwise. */
  nextAttemptAt: z.string().nullable(),
  /** RFC 3339 times of the three stages. */
  acceptedAt: z.string().nullable(),
  goneAt: z.string().nullable(),
  readyAt: z.string().nullable(),
  /** Whether a replacement is expected (its controller makes one). */
  replaced: z.boolean(),
  /** The replacement's name, once seen. */
  replacement: z.string().nullable(),
});
export type DrainPodView = z.infer<typeof DrainPodViewSchema>;

/** A node of a drain. */
export const DrainNodeViewSchema = z.object({
  name: z.string(),
  isCordoned: z.boolean(),
  /** Pods of the drain still on the node (not gone). */
  left: z.number().int(),
  /** Nothing evictable is left on the node. */
  safeToPowerOff: z.boolean(),
});
export type DrainNodeView = z.infer<typeof DrainNodeViewSchema>;

/** Counts of the three stages, for the progress bars. */
export const DrainCountsSchema = z.object({
  total: z.number().int(),
  accepted: z.number().int(),
  gone: z.number().int(),
  /** Pods whose controller makes a replacement. */
  replacements: z.number().int(),
  ready: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
});
export type DrainCounts = z.infer<typeof DrainCountsSchema>;

/** A drain as `GET …/drains/{id}` shows it. */
export const DrainViewSchema = z.object({
  id: z.number().int(),
  cluster: z.string(),
  state: DrainStateSchema,
  request: DrainPlanSchema.shape.request,
  who: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** RFC 3339: when the timeout ends it; null without a timeout. */
  deadline: z.string().nullable(),
  /** RFC 3339: when it reached a final state (complete, stopped, timed-out, failed). */
  endedAt: z.string().nullable(),
  /** Why it ended as it did, for an operator. */
  reason: z.string().nullable(),
  nodes: z.array(DrainNodeViewSchema),
  pods: z.array(DrainPodViewSchema),
  counts: DrainCountsSchema,
  /** At a stop, a timeout or a failure: the pods left and why. */
  left: z.array(z.object({ namespace: z.string(), name: z.string(), why: z.string() })),
});
export type DrainView = z.infer<typeof DrainViewSchema>;

/** The final states: nothing more happens. */
export const isDrainOver = (state: DrainState): boolean =>
  state === 'complete' || state === 'stopped' || state === 'timed-out' || state === 'failed';
