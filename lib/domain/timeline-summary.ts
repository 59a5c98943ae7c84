import { z } from 'zod';

import { FindingCodeSchema, FindingSchema, findingsOf } from './timeline-findings';
import {
  PhaseKindSchema,
  PhaseSchema,
  phasesOf,
  type Phase,
  type PhaseKind,
} from './timeline-phases';
import { TimelineSchema, type Attribution, type Timeline, type TimelineFact } from './timelines';

/** A timeline summed up for the list, and in full for its page; who started it. */

/** One line of the timelines list. */
export const TimelineSummarySchema = TimelineSchema.pick({
  uid: true,
  cluster: true,
  namespace: true,
  pod: true,
  node: true,
  owner: true,
  attribution: true,
  startedAt: true,
  updatedAt: true,
}).extend({
  current: PhaseKindSchema,
  /** From the first phase's start to the last one's end (or now); null if a boundary is unknown. */
  totalMs: z.number().nullable(),
  findings: z.array(FindingCodeSchema),
  /** Some phase is still running (or nothing has been admitted yet). */
  inProgress: z.boolean(),
});
export type TimelineSummary = z.infer<typeof TimelineSummarySchema>;

/** `GET …/timelines/{uid}`: every fact, with what they come to. */
export const TimelineDetailSchema = TimelineSchema.extend({
  phases: z.array(PhaseSchema),
  findings: z.array(FindingSchema),
});
export type TimelineDetail = z.infer<typeof TimelineDetailSchema>;
const PHASE_ORDER = PhaseKindSchema.options;

/** While the pod itself is blocked or terminating, that; else the furthest phase reached. */
function currentOf(phases: readonly Phase[]): PhaseKind {
  const running = phases.find(
    (p) => p.end === null && (p.kind === 'blocked' || p.kind === 'terminating'),
  );
  if (running) return running.kind;
  return phases.reduce<PhaseKind>(
    (a, p) => (PHASE_ORDER.indexOf(p.kind) > PHASE_ORDER.indexOf(a) ? p.kind : a),
    'blocked',
  );
}

function totalOf(phases: readonly Phase[], now: number): number | null {
  if (phases.length === 0 || phases.some((p) => p.durationMs === null)) return null;
  const start = Math.min(...phases.map((p) => Date.parse(p.start)));
  const end = Math.max(...phases.map((p) => (p.end === null ? now : Date.parse(p.end))));
  return Math.max(0, end - start);
}

/**
 * One line of the timelines list. `current` is `blocked` while nothing has been admitted; the
 * attribution is the timeline's own (the recorder's, from `attributionOf`).
 */
export function summaryOf(
  t: Timeline,
  now: number,
  ownerReadyMs?: readonly number[],
): TimelineSummary {
  const phases = phasesOf(t, now);
  const findings = findingsOf(t, { now, ...(ownerReadyMs ? { ownerReadyMs } : {}) });
  const { uid, cluster, namespace, pod, node, owner, attribution, startedAt, updatedAt } = t;
  return {
    ...{ uid, cluster, namespace, pod, node, owner, attribution, startedAt, updatedAt },
    current: currentOf(phases),
    totalMs: totalOf(phases, now),
    findings: [...new Set(findings.map((f) => f.code))],
    inProgress: phases.length === 0 || phases.some((p) => p.end === null),
  };
}

const BY_REASON: Readonly<Record<string, Attribution>> = {
  EvictionByEvictionAPI: 'eviction-api',
  PreemptionByScheduler: 'preemption',
  DeletionByTaintManager: 'taint-manager',
  TerminationByKubelet: 'kubelet',
  DeletionByPodGC: 'pod-gc',
};

/**
 * Who started the termination: Drainboard if one of its evictions was accepted; else the first
 * `DisruptionTarget` reason we know; a deletion without that condition is a plain DELETE.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-conditions
 */
export function attributionOf(facts: readonly TimelineFact[]): Attribution {
  if (
    facts.some((f) => f.kind === 'requested' && f.action === 'evict' && f.outcome === 'evicted')
  ) {
    return 'drainboard';
  }
  const targets = facts.filter((f) => f.kind === 'disruption-target');
  for (const f of targets) {
    const by =
      f.reason !== null && Object.hasOwn(BY_REASON, f.reason) ? BY_REASON[f.reason] : undefined;
    if (by) return by;
  }
  const isDeletion = facts.some((f) => f.kind === 'deletion-started' || f.kind === 'deleted');
  return targets.length === 0 && isDeletion ? 'deletion' : 'unknown';
}
