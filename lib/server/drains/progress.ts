import type { DrainState } from '@/lib/domain/drains';
import type { TimelineFact } from '@/lib/domain/timelines';
import type { PodView } from '@/lib/domain/views';

import type { RetryRecord } from '../store/retry-store';
import type { DrainPodChange, DrainPodRecord, DrainRecord, LeftPod } from '../store/drain-store';

/** What is known now of one pod of a drain. */
export interface PodNews {
  /** Its retry entry. */
  entry: RetryRecord | undefined;
  /** The live model's pod; undefined when the model (synced) no longer has it. */
  live: PodView | undefined;
  /** The model's pods are synced: an absent pod is gone. */
  synced: boolean;
  /** Its termination timeline's facts, when it has one. */
  facts: readonly TimelineFact[] | undefined;
  now: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The time of the first fact of `kind`, if recorded with one. */
function factTime(facts: readonly TimelineFact[] | undefined, kind: TimelineFact['kind']) {
  return facts?.find((f) => f.kind === kind)?.time ?? null;
}

/** The stage a retry entry's end puts a waiting pod in; null while it is pending. */
function entryStage(entry: RetryRecord, n: PodNews): DrainPodChange | null {
  const message = entry.reason;
  switch (entry.state) {
    case 'pending':
      return null;
    case 'evicted':
    case 'replaced':
      return { stage: 'accepted', acceptedAt: iso(entry.updatedAt), message };
    case 'gone':
      // Another client deleted or evicted it: gone once the model no longer has it.
      return n.synced && n.live === undefined
        ? { stage: 'gone', goneAt: iso(n.now), message }
        : { stage: 'accepted', acceptedAt: iso(entry.updatedAt), message };
    case 'cancelled':
      return { stage: 'cancelled', message };
    case 'failed':
    case 'expired':
      return { stage: 'failed', message };
  }
}

/**
 * How a pod of a drain moves on: waiting → accepted (its retry entry's eviction was accepted,
 * or the pod is terminating anyway) → gone (the synced model no longer has it) → ready (its
 * timeline shows its replacement Ready). Times come from the timeline's facts where it has them.
 * An empty change when nothing moved.
 */
export function advancePod(pod: DrainPodRecord, n: PodNews): DrainPodChange {
  let change: DrainPodChange = {};
  let stage = pod.stage;
  if (stage === 'waiting') {
    const ended = n.entry === undefined ? null : entryStage(n.entry, n);
    if (ended !== null) change = ended;
    else if (n.live?.deletionTimestamp != null) {
      change = { stage: 'accepted', acceptedAt: iso(n.now) };
    }
    stage = change.stage ?? stage;
  }
  if (stage === 'accepted' || (stage === 'waiting' && n.synced && n.live === undefined)) {
    if (n.synced && n.live === undefined) {
      change = { ...change, stage: 'gone', goneAt: factTime(n.facts, 'deleted') ?? iso(n.now) };
      stage = 'gone';
    }
  }
  if (stage === 'gone' && pod.replaced) {
    const created = n.facts?.find((f) => f.kind === 'replacement-created');
    if (created !== undefined && 'pod' in created && pod.replacement !== created.pod) {
      change = { ...change, replacement: created.pod };
    }
    const ready = n.facts?.find((f) => f.kind === 'replacement-ready');
    if (ready !== undefined) {
      change = { ...change, stage: 'ready', readyAt: ready.time ?? iso(n.now) };
    }
  }
  return change;
}

/** The pod needs nothing more: gone for good, replacement Ready, or given up. */
export function isSettled(pod: Pick<DrainPodRecord, 'stage' | 'replaced'>): boolean {
  return (
    pod.stage === 'ready' ||
    pod.stage === 'failed' ||
    pod.stage === 'cancelled' ||
    (pod.stage === 'gone' && !pod.replaced)
  );
}

/** The pod is off its node (or was never going to leave it: given up). */
const isOff = (pod: DrainPodRecord) =>
  pod.stage === 'gone' ||
  pod.stage === 'ready' ||
  pod.stage === 'failed' ||
  pod.stage === 'cancelled';

const ref = (p: DrainPodRecord) => ({ namespace: p.namespace, name: p.name });

/** Why a pod is still there, for the list of pods left; `lastAnswer` the cluster's last word. */
function whyLeft(p: DrainPodRecord, lastAnswer: string | null): string {
  if (p.stage === 'accepted') return 'Its eviction was accepted; it is still terminating.';
  if (p.stage === 'gone') {
    return p.replacement === null
      ? 'Gone, but no replacement has appeared yet.'
      : `Gone, but its replacement ${p.replacement} is not Ready.`;
  }
  return lastAnswer ?? p.message ?? 'No eviction was sent yet: its budget never had room.';
}

/**
 * What a drain's pods make of it: its next state, and for a final one why and what is left.
 * `lastAnswer` gives the cluster's last answer to a pod's eviction, if it had one.
 */
export function nextDrainState(
  drain: DrainRecord,
  pods: readonly DrainPodRecord[],
  now: number,
  lastAnswer: (pod: DrainPodRecord) => string | null = () => null,
): { state: DrainState; end?: { reason: string; left: LeftPod[] } } {
  const failed = pods.filter((p) => p.stage === 'failed' || p.stage === 'cancelled');
  const timedOut = drain.deadline !== null && now >= Date.parse(drain.deadline);
  if (timedOut && !pods.every(isSettled)) {
    // What the timeout leaves: pods not settled, and those given up.
    const given = new Set(failed);
    const left = pods.filter((p) => !isSettled(p) || given.has(p));
    const there = pods.filter((p) => !isOff(p)).length;
    const unready = pods.filter((p) => p.stage === 'gone' && p.replaced).length;
    return {
      state: 'timed-out',
      end: {
        reason: `The timeout of ${drain.options.timeoutSeconds} s passed with ${there} of ${pods.length} pods still on their nodes and ${unready} replacements not Ready.`,
        left: left.map((p) => ({ ...ref(p), why: whyLeft(p, lastAnswer(p)) })),
      },
    };
  }
  if (!pods.every(isOff)) return { state: drain.state };
  if (failed.length > 0) {
    return {
      state: 'failed',
      end: {
        reason: `${failed.length} of ${pods.length} pods could not be evicted; the others are gone.`,
        left: failed.map((p) => ({ ...ref(p), why: p.message ?? p.stage })),
      },
    };
  }
  if (pods.every(isSettled)) {
    return { state: 'complete', end: { reason: completeReason(pods), left: [] } };
  }
  return { state: 'drained' };
}

function completeReason(pods: readonly DrainPodRecord[]): string {
  const replaced = pods.filter((p) => p.replaced).length;
  return `Every pod is gone (${pods.length}) and every replacement is Ready (${replaced}).`;
}
