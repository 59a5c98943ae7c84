import { z } from 'zod';

import type { EvictionOutcome } from './eviction-outcome';
import type { FactKind, Timeline, TimelineFact } from './timelines';

/**
 * What a pod's termination timeline (timelines.ts) comes to: its facts read in order of time and
 * its phases with durations, derived from the facts alone (pure; the clock is passed in). What
 * went wrong is in timeline-findings.ts, the list's summary in timeline-summary.ts.
 * @see ../shared/docs/eviction-semantics.md §5
 * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
 */

/** In pipeline order: `current` is the furthest one reached. */
export const PhaseKindSchema = z.enum([
  'blocked',
  'terminating',
  'gone',
  'replacement-starting',
  'replacement-ready',
]);
export type PhaseKind = z.infer<typeof PhaseKindSchema>;

/**
 * One phase. `gone` and `replacement-ready` are instants: zero-length phases (start = end).
 * A phase whose boundary fact was not observed starts (or ends) at the nearest earlier known time
 * and has a null `durationMs`; a running phase has a null `end` and its duration so far.
 */
export const PhaseSchema = z.object({
  kind: PhaseKindSchema,
  /** RFC 3339. */
  start: z.string(),
  /** RFC 3339; null while the phase is still running. */
  end: z.string().nullable(),
  /** null when the start or the end was not observed. */
  durationMs: z.number().nullable(),
});
export type Phase = z.infer<typeof PhaseSchema>;

/** A point in time; `isKnown` is false for an estimate (the fact's own time was not observed). */
export interface Instant {
  ms: number;
  iso: string;
  isKnown: boolean;
}
type FactOf<K extends FactKind> = TimelineFact & { kind: K };
/** A fact with its index in `timeline.facts` and its time, or its anchor's (null: no anchor). */
export interface Entry<F extends TimelineFact = TimelineFact> {
  fact: F;
  index: number;
  at: Instant | null;
}

function parsed(time: string | null): Instant | null {
  const ms = time === null ? NaN : Date.parse(time);
  return time === null || Number.isNaN(ms) ? null : { ms, iso: time, isKnown: true };
}

/**
 * The order of the steps of a termination, for facts within the same second: the cluster writes
 * whole seconds, so a fact the dashboard timed to the millisecond (its own request, a change it
 * saw) cannot be placed by time alone against them.
 */
const STEP_ORDER: readonly FactKind[] = [
  'requested',
  'disruption-target',
  'deletion-started',
  'not-ready',
  'endpoint-terminating',
  'replacement-created',
  'replacement-scheduled',
  'container-terminated',
  'terminal-phase',
  'replacement-running',
  'finalizers',
  'deleted',
  'endpoint-removed',
  'replacement-ready',
];

/** Earlier second first; within a second, the step order; then the time; else as recorded. */
function byTime(a: { ms: number; kind: FactKind }, b: { ms: number; kind: FactKind }): number {
  const second = Math.floor(a.ms / 1000) - Math.floor(b.ms / 1000);
  if (Number.isNaN(second) || second !== 0) {
    return a.ms === b.ms ? 0 : a.ms < b.ms ? -1 : 1;
  }
  return STEP_ORDER.indexOf(a.kind) - STEP_ORDER.indexOf(b.kind) || a.ms - b.ms;
}

/**
 * Facts in order of time: by second, then by step within a second (see {@link STEP_ORDER}). A
 * fact without a (parseable) time stays right after the timed fact it was recorded after, and
 * takes that fact's time as its estimate; those recorded before any timed fact stay first. The
 * sort is stable: equal keys keep the recorded order.
 */
function entriesOf(facts: readonly TimelineFact[]): Entry[] {
  const groups: { ms: number; kind: FactKind; entries: Entry[] }[] = [];
  facts.forEach((fact, index) => {
    const at = parsed(fact.time);
    const last = groups.at(-1);
    if (at) groups.push({ ms: at.ms, kind: fact.kind, entries: [{ fact, index, at }] });
    else if (last) {
      const anchor = last.entries[0]?.at ?? null;
      last.entries.push({ fact, index, at: anchor && { ...anchor, isKnown: false } });
    } else groups.push({ ms: -Infinity, kind: fact.kind, entries: [{ fact, index, at: null }] });
  });
  groups.sort(byTime);
  return groups.flatMap((g) => g.entries);
}

/** Orders facts by time; see `entriesOf` for facts without a time. Does not mutate its input. */
export function orderFacts(facts: readonly TimelineFact[]): TimelineFact[] {
  return entriesOf(facts).map((e) => e.fact);
}

export function ofKind<K extends FactKind>(
  entries: readonly Entry[],
  ...kinds: K[]
): Entry<FactOf<K>>[] {
  const wanted: readonly FactKind[] = kinds;
  return entries.filter((e): e is Entry<FactOf<K>> => wanted.includes(e.fact.kind));
}

/** What the phases and findings read from a timeline, computed once. */
export interface Reading {
  entries: Entry[];
  /** The deletion: its start (first deletion), the deadline in force (last one) and grace. */
  deletion: {
    start: Instant;
    deadline: Instant | null;
    grace: number;
    index: number;
  } | null;
  admission: Instant | null;
  deleted: Entry<FactOf<'deleted'>> | null;
  replacement: { start: Instant; created: Entry | null; ready: Entry | null; pod: string } | null;
  fallback: Instant;
}

const instantOf = (e: Entry, r: Pick<Reading, 'fallback'>): Instant =>
  e.at ?? { ...r.fallback, isKnown: false };

function deletionOf(entries: readonly Entry[], fallback: Instant): Reading['deletion'] {
  const all = ofKind(entries, 'deletion-started');
  const first = all[0];
  const last = all.at(-1);
  if (!first || !last) return null;
  const deadline = parsed(last.fact.deadline);
  // Not observed, the start is still known: the deletion timestamp minus the grace period.
  const setAt = (parsed(first.fact.deadline)?.ms ?? NaN) - first.fact.gracePeriodSeconds * 1000;
  const computed = Number.isNaN(setAt)
    ? null
    : { ms: setAt, iso: new Date(setAt).toISOString(), isKnown: true };
  const start = (first.at?.isKnown ? first.at : computed) ?? instantOf(first, { fallback });
  return { start, deadline, grace: last.fact.gracePeriodSeconds, index: last.index };
}

const ACCEPTED: readonly (EvictionOutcome | null)[] = ['evicted', 'deleted'];
const isRejection = (o: EvictionOutcome | null) =>
  o !== null && o !== 'would-evict' && !ACCEPTED.includes(o);

/** The replacement followed: the first to become Ready, else the first seen. */
function replacementOf(entries: readonly Entry[], fallback: Instant): Reading['replacement'] {
  const all = ofKind(
    entries,
    'replacement-created',
    'replacement-scheduled',
    'replacement-running',
    'replacement-ready',
  );
  const chosen = all.find((e) => e.fact.kind === 'replacement-ready') ?? all[0];
  if (!chosen) return null;
  const mine = all.filter((e) => e.fact.uid === chosen.fact.uid);
  const created = mine.find((e) => e.fact.kind === 'replacement-created') ?? null;
  const ready = mine.find((e) => e.fact.kind === 'replacement-ready') ?? null;
  const first = created ?? mine[0] ?? chosen;
  const start = instantOf(first, { fallback });
  return {
    start: created ? start : { ...start, isKnown: false },
    created,
    ready,
    pod: chosen.fact.pod,
  };
}

export function read(t: Timeline): Reading {
  const entries = entriesOf(t.facts);
  const fallback = { ms: Date.parse(t.startedAt), iso: t.startedAt, isKnown: false };
  const deletion = deletionOf(entries, fallback);
  const admissions = [
    ...ofKind(entries, 'disruption-target'),
    ...ofKind(entries, 'requested').filter((e) => ACCEPTED.includes(e.fact.outcome)),
  ].map((e) => instantOf(e, { fallback }));
  const admission = [...(deletion ? [deletion.start] : []), ...admissions].reduce<Instant | null>(
    (a, b) => (a === null || b.ms < a.ms ? b : a),
    null,
  );
  const deleted = ofKind(entries, 'deleted')[0] ?? null;
  return {
    entries,
    deletion,
    admission,
    deleted,
    replacement: replacementOf(entries, fallback),
    fallback,
  };
}

function phase(kind: PhaseKind, start: Instant, end: Instant | null, now: number): Phase {
  const isKnown = start.isKnown && (end?.isKnown ?? true);
  const durationMs = isKnown ? Math.max(0, (end?.ms ?? now) - start.ms) : null;
  return { kind, start: start.iso, end: end?.iso ?? null, durationMs };
}

/**
 * Rejections before admission. Without admission the phase runs while a request is in flight or
 * queued for retry; otherwise it ended at the last request (Drainboard stopped trying).
 */
function blockedPhase(r: Reading, now: number): Phase | null {
  const requests = ofKind(r.entries, 'requested');
  const rejections = requests
    .filter((e) => isRejection(e.fact.outcome))
    .map((e) => instantOf(e, r))
    .filter((at) => r.admission === null || at.ms <= r.admission.ms);
  const start = rejections[0];
  if (!start) return null;
  if (r.admission) return phase('blocked', start, r.admission, now);
  const last = requests.at(-1);
  const isPending = !last || last.fact.outcome === null || last.fact.outcome === 'queued';
  return phase('blocked', start, isPending ? null : instantOf(last, r), now);
}

/**
 * From the deletion (without one, from the admission: the kubelet and the taint manager may
 * disrupt before any deletion timestamp) until the object is gone; `gone` marks that instant.
 */
function podPhases(r: Reading, now: number): Phase[] {
  const start = r.deletion?.start ?? r.admission;
  const gone = r.deleted && instantOf(r.deleted, r);
  return [
    ...(start ? [phase('terminating', start, gone, now)] : []),
    ...(gone ? [phase('gone', gone, gone, now)] : []),
  ];
}

function replacementPhases(r: Reading, now: number): Phase[] {
  const rep = r.replacement;
  if (!rep) return [];
  const ready = rep.ready && instantOf(rep.ready, r);
  return [
    phase('replacement-starting', rep.start, ready, now),
    ...(ready ? [phase('replacement-ready', ready, ready, now)] : []),
  ];
}

/**
 * The phases of a pod's termination, in order of start (ties in pipeline order). Phases overlap:
 * the replacement usually starts while the pod is still terminating.
 * @see ../shared/docs/eviction-semantics.md §5
 */
export function phasesOf(t: Timeline, now: number): Phase[] {
  const r = read(t);
  const blocked = blockedPhase(r, now);
  const phases = [
    ...(blocked ? [blocked] : []),
    ...podPhases(r, now),
    ...replacementPhases(r, now),
  ];
  return phases.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}
