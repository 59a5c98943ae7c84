import { z } from 'zod';

import { EvictionOutcomeSchema } from './eviction-outcome';
import { OwnerRefViewSchema } from './views';

/**
 * Per-pod termination timelines (issue 7): the facts observed about one pod (by UID) from the
 * eviction request to its replacement Ready, as the recorder stores them and the API and the
 * stream carry them. Phases and findings are derived from the facts (timeline-phases.ts).
 * @see ../shared/docs/eviction-semantics.md §5
 */

/**
 * Where a fact's time comes from: the cluster's own timestamp (a condition's transition, the
 * deletion timestamp, a container's `finishedAt`), the moment the dashboard saw the change, or
 * nowhere: the dashboard was not watching when it happened (the fact is known, its time is not).
 */
export const FactTimeSourceSchema = z.enum(['cluster', 'observed', 'not-observed']);
export type FactTimeSource = z.infer<typeof FactTimeSourceSchema>;

const at = {
  /** RFC 3339 (ms precision where the source has it); null when not observed. */
  time: z.string().nullable(),
  source: FactTimeSourceSchema,
};

/** A step of the replacement: which pod, on which node. */
function replacementFact<K extends string>(kind: K) {
  return z.object({
    kind: z.literal(kind),
    ...at,
    pod: z.string(),
    uid: z.string(),
    node: z.string().nullable(),
  });
}

/** One fact, by kind, with what is particular to it. */
export const TimelineFactSchema = z.discriminatedUnion('kind', [
  /** An Eviction (or a direct delete) sent by Drainboard, with the cluster's answer. */
  z.object({
    kind: z.literal('requested'),
    ...at,
    attemptId: z.number().int(),
    action: z.enum(['evict', 'delete']),
    /** null while in flight. */
    outcome: EvictionOutcomeSchema.nullable(),
    message: z.string().nullable(),
    clusterCode: z.number().int().nullable(),
    retryId: z.number().int().nullable(),
  }),
  /** The pod's `DisruptionTarget` condition turned True: who is disrupting it, and why. */
  z.object({
    kind: z.literal('disruption-target'),
    ...at,
    /** `EvictionByEvictionAPI`, `PreemptionByScheduler`, `DeletionByTaintManager`, … */
    reason: z.string().nullable(),
    message: z.string().nullable(),
  }),
  /** Step 1: the API server set the deletion timestamp; `time` is when it did (deadline − grace). */
  z.object({
    kind: z.literal('deletion-started'),
    ...at,
    /** The deletion timestamp: the end of the grace period. */
    deadline: z.string(),
    gracePeriodSeconds: z.number().int(),
  }),
  /** The pod's Ready condition turned False. */
  z.object({ kind: z.literal('not-ready'), ...at }),
  /** Step 3: an EndpointSlice marks the pod's endpoint terminating (or not ready). */
  z.object({
    kind: z.literal('endpoint-terminating'),
    ...at,
    slice: z.string(),
    service: z.string().nullable(),
    isServing: z.boolean(),
  }),
  /** The pod's endpoint left the EndpointSlice. */
  z.object({
    kind: z.literal('endpoint-removed'),
    ...at,
    slice: z.string(),
    service: z.string().nullable(),
  }),
  /** Steps 2 and 4: a container stopped; exit 137 at the deadline means the kubelet killed it. */
  z.object({
    kind: z.literal('container-terminated'),
    ...at,
    container: z.string(),
    exitCode: z.number().int().nullable(),
    reason: z.string().nullable(),
  }),
  /** The kubelet set a terminal phase (before its final delete, step 5). */
  z.object({
    kind: z.literal('terminal-phase'),
    ...at,
    phase: z.enum(['Succeeded', 'Failed']),
  }),
  /** Finalizers keep the object after the kubelet is done. */
  z.object({
    kind: z.literal('finalizers'),
    ...at,
    finalizers: z.array(z.string()),
  }),
  /** Step 6: the object is gone from the API server. */
  z.object({ kind: z.literal('deleted'), ...at }),
  /** The replacement (same controller, created after the eviction), step by step. */
  replacementFact('replacement-created'),
  replacementFact('replacement-scheduled'),
  replacementFact('replacement-running'),
  replacementFact('replacement-ready'),
]);
export type TimelineFact = z.infer<typeof TimelineFactSchema>;
export type FactKind = TimelineFact['kind'];

/** Who started the pod's termination, from its DisruptionTarget reason and our own attempts. */
export const AttributionSchema = z.enum([
  'drainboard',
  'eviction-api',
  'preemption',
  'taint-manager',
  'kubelet',
  'pod-gc',
  'deletion',
  'unknown',
]);
export type Attribution = z.infer<typeof AttributionSchema>;

/** One pod's timeline: who it was, and every fact so far, in order of time (see orderFacts). */
export const TimelineSchema = z.object({
  cluster: z.string(),
  uid: z.string(),
  namespace: z.string(),
  pod: z.string(),
  node: z.string().nullable(),
  owner: OwnerRefViewSchema.nullable(),
  /** The pod's `terminationGracePeriodSeconds`. */
  terminationGracePeriodSeconds: z.number().int(),
  attribution: AttributionSchema,
  /** RFC 3339: the first fact's time (or when the recorder first saw the pod terminating). */
  startedAt: z.string(),
  updatedAt: z.string(),
  facts: z.array(TimelineFactSchema),
});
export type Timeline = z.infer<typeof TimelineSchema>;
