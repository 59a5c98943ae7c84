import { z } from 'zod';

import { formatDuration } from './duration';
import { ofKind, read, type Reading } from './timeline-phases';
import type { FactKind, Timeline } from './timelines';

/**
 * What went wrong in a pod's termination, from its timeline's facts (pure; the clock is passed
 * in): a kill at the deadline, traffic routed after SIGTERM, stuck past the deadline, a slow
 * replacement, steps not observed.
 * @see ../shared/docs/eviction-semantics.md §5
 */

export const FindingCodeSchema = z.enum([
  'killed-at-deadline',
  'endpoint-after-sigterm',
  'past-deadline',
  'replacement-slow',
  'not-observed',
]);
export type FindingCode = z.infer<typeof FindingCodeSchema>;

/** Each kind of fact as a step of the termination, in words (for `not-observed`). */
const STEP_WORDS: Readonly<Record<FactKind, string>> = {
  requested: 'the eviction request',
  'disruption-target': 'the DisruptionTarget condition',
  'deletion-started': 'deletion',
  'not-ready': 'the pod turning not ready',
  'endpoint-terminating': 'the endpoint turning terminating',
  'endpoint-removed': 'the endpoint being removed',
  'container-terminated': 'containers stopping',
  'terminal-phase': 'the terminal phase',
  finalizers: 'the finalizers',
  deleted: 'the pod being removed',
  'replacement-created': 'the replacement being created',
  'replacement-scheduled': 'the replacement being scheduled',
  'replacement-running': 'the replacement starting',
  'replacement-ready': 'the replacement becoming Ready',
};

/**
 * Why a pod outlives its deadline: finalizers hold it, or the kubelet is late (stopping its
 * containers, or deleting the pod after they stopped).
 */
const StuckCauseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('finalizers'), finalizers: z.array(z.string()) }),
  z.object({ kind: z.literal('containers-running') }),
  z.object({ kind: z.literal('not-deleted') }),
]);

/** What a replacement's expected time was judged by: its owner's other pods, if any. */
const SlowBasisSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no-owner-data') }),
  z.object({ kind: z.literal('twice-median'), medianMs: z.number() }),
  z.object({ kind: z.literal('floor'), medianMs: z.number() }),
]);

/** A kind of fact, as a finding names it (the kinds are the fact schema's). */
const FactKindSchema = z.custom<FactKind>(
  (v) => typeof v === 'string' && Object.hasOwn(STEP_WORDS, v),
);

/** What a finding's words are made of, by code: enough to say them in any language. */
const FindingPartsSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('killed-at-deadline'), container: z.string(), graceMs: z.number() }),
  z.object({
    code: z.literal('endpoint-after-sigterm'),
    slice: z.string(),
    service: z.string().nullable(),
    delayMs: z.number(),
  }),
  z.object({
    code: z.literal('past-deadline'),
    isDeleted: z.boolean(),
    lateMs: z.number(),
    cause: StuckCauseSchema,
  }),
  z.object({
    code: z.literal('replacement-slow'),
    pod: z.string(),
    isReady: z.boolean(),
    tookMs: z.number(),
    expectedMs: z.number(),
    basis: SlowBasisSchema,
  }),
  z.object({ code: z.literal('not-observed'), steps: z.array(FactKindSchema) }),
]);
export type FindingParts = z.infer<typeof FindingPartsSchema>;
export type StuckCause = z.infer<typeof StuckCauseSchema>;
export type SlowBasis = z.infer<typeof SlowBasisSchema>;

export const FindingSchema = z.object({
  code: FindingCodeSchema,
  severity: z.enum(['warning', 'error', 'info']),
  /** Plain words (English): {@link findingText} of `parts`. */
  text: z.string(),
  parts: FindingPartsSchema,
  /** Indexes into `timeline.facts` (as stored, not as ordered) of the facts it is about. */
  facts: z.array(z.number().int().nonnegative()),
});
export type Finding = z.infer<typeof FindingSchema>;

/** The kubelet sends SIGKILL at the deadline; a stop this close to it is that kill. */
const KILL_TOLERANCE_MS = 1000;
/** How long after the deletion started an endpoint may stay ready before it is a race. */
const ENDPOINT_TOLERANCE_MS = 1000;
/** Past the deadline by more than this, a pod that still exists is stuck terminating. */
const PAST_DEADLINE_MS = 30_000;
const SLOW_FLOOR_MS = 30_000;
const SLOW_DEFAULT_MS = 5 * 60_000;

/** "a", "a and b", "a, b and c". */
function listWords(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

function causeText(cause: StuckCause, isDeleted: boolean): string {
  switch (cause.kind) {
    case 'finalizers': {
      const names = cause.finalizers;
      const verb = isDeleted ? 'held' : names.length === 1 ? 'holds' : 'hold';
      const noun = names.length === 1 ? 'finalizer' : 'finalizers';
      return `${noun} ${names.join(', ')} ${verb} the pod`;
    }
    case 'containers-running':
      return isDeleted
        ? 'the kubelet was late stopping its containers (node down?)'
        : 'the kubelet has not stopped its containers (node down?)';
    case 'not-deleted':
      return isDeleted
        ? 'the kubelet was late deleting it after its containers stopped'
        : 'its containers stopped but the kubelet has not deleted it (node unreachable?)';
  }
}

function basisText(basis: SlowBasis): string {
  switch (basis.kind) {
    case 'no-owner-data':
      return 'no other pods of its owner to compare with';
    case 'twice-median':
      return `twice the ${formatDuration(basis.medianMs)} its owner's other pods take`;
    case 'floor':
      return `its owner's other pods take ${formatDuration(basis.medianMs)}; 30 s is the least flagged`;
  }
}

/** A finding in plain English words, from its parts (the English catalogue says the same). */
export function findingText(parts: FindingParts): string {
  switch (parts.code) {
    case 'killed-at-deadline':
      return `container ${parts.container} was killed at the deadline (exit 137): its shutdown took longer than the grace period of ${formatDuration(parts.graceMs)}`;
    case 'endpoint-after-sigterm': {
      const service = parts.service === null ? '' : ` (service ${parts.service})`;
      return `the endpoint in slice ${parts.slice}${service} was still ready ${formatDuration(parts.delayMs)} after the deletion started: traffic may have reached a pod whose containers had already received SIGTERM`;
    }
    case 'past-deadline': {
      const cause = causeText(parts.cause, parts.isDeleted);
      const late = formatDuration(parts.lateMs);
      return parts.isDeleted
        ? `the pod was deleted ${late} after its deadline: ${cause}`
        : `the pod is ${late} past its deadline and still not deleted: ${cause}`;
    }
    case 'replacement-slow': {
      const what = parts.isReady
        ? `took ${formatDuration(parts.tookMs)} to become Ready`
        : `has not become Ready after ${formatDuration(parts.tookMs)}`;
      return `the replacement ${parts.pod} ${what}, more than the ${formatDuration(parts.expectedMs)} expected (${basisText(parts.basis)})`;
    }
    case 'not-observed': {
      const verb = parts.steps.length === 1 ? 'was' : 'were';
      const steps = listWords(parts.steps.map((kind) => STEP_WORDS[kind]));
      return `the dashboard was not watching: ${steps} ${verb} not observed`;
    }
  }
}

const finding = (severity: Finding['severity'], parts: FindingParts, facts: number[]): Finding => ({
  code: parts.code,
  severity,
  text: findingText(parts),
  parts,
  facts: [...new Set(facts)].sort((a, b) => a - b),
});

/** Exit 137 (SIGKILL) at the deadline: the kubelet killed what was left of the shutdown. */
function killedAtDeadline(r: Reading): Finding[] {
  const deletion = r.deletion;
  const deadline = deletion?.deadline;
  if (!deletion || !deadline) return [];
  return ofKind(r.entries, 'container-terminated')
    .filter((e) => e.fact.exitCode === 137 && e.fact.reason !== 'OOMKilled')
    .filter((e) => e.at?.isKnown === true && e.at.ms >= deadline.ms - KILL_TOLERANCE_MS)
    .map((e) =>
      finding(
        'warning',
        { code: 'killed-at-deadline', container: e.fact.container, graceMs: deletion.grace * 1000 },
        [e.index, deletion.index],
      ),
    );
}

/**
 * The first endpoint change of each slice came more than a second after the deletion started:
 * meanwhile traffic could still reach a pod whose containers had SIGTERM.
 */
function endpointAfterSigterm(r: Reading): Finding[] {
  const deletion = r.deletion;
  if (!deletion?.start.isKnown) return [];
  const seen = new Set<string>();
  const found: Finding[] = [];
  for (const e of ofKind(r.entries, 'endpoint-terminating', 'endpoint-removed')) {
    if (seen.has(e.fact.slice)) continue;
    seen.add(e.fact.slice);
    const delay = e.at?.isKnown ? e.at.ms - deletion.start.ms : null;
    if (delay === null || delay <= ENDPOINT_TOLERANCE_MS) continue;
    const { slice, service } = e.fact;
    const parts = { code: 'endpoint-after-sigterm', slice, service, delayMs: delay } as const;
    found.push(finding('warning', parts, [e.index, deletion.index]));
  }
  return found;
}

/** The likely reason a pod outlives its deadline, and the facts that show it. */
function stuckCause(r: Reading): { cause: StuckCause; facts: number[] } {
  const held = ofKind(r.entries, 'finalizers').at(-1);
  if (held && held.fact.finalizers.length > 0) {
    return { cause: { kind: 'finalizers', finalizers: held.fact.finalizers }, facts: [held.index] };
  }
  const stopped = ofKind(r.entries, 'container-terminated', 'terminal-phase');
  if (stopped.length === 0) return { cause: { kind: 'containers-running' }, facts: [] };
  return { cause: { kind: 'not-deleted' }, facts: stopped.map((e) => e.index) };
}

/** More than 30 s past the deadline and still there (error), or deleted that late (warning). */
function pastDeadline(r: Reading, now: number): Finding[] {
  const deadline = r.deletion?.deadline;
  if (!r.deletion || !deadline) return [];
  const gone = r.deleted?.at ?? null;
  if (r.deleted && !gone?.isKnown) return [];
  const late = (gone?.ms ?? now) - deadline.ms;
  if (late <= PAST_DEADLINE_MS) return [];
  const { cause, facts: causeFacts } = stuckCause(r);
  const facts = [r.deletion.index, ...causeFacts, ...(r.deleted ? [r.deleted.index] : [])];
  const isDeleted = gone !== null;
  const parts = { code: 'past-deadline', isDeleted, lateMs: late, cause } as const;
  return [finding(isDeleted ? 'warning' : 'error', parts, facts)];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The slow threshold and its reason: twice the owner's median (at least 30 s), else 5 min. */
function slowThreshold(ownerReadyMs: readonly number[]): { ms: number; basis: SlowBasis } {
  const values = ownerReadyMs.filter((v) => Number.isFinite(v) && v >= 0);
  if (values.length === 0) return { ms: SLOW_DEFAULT_MS, basis: { kind: 'no-owner-data' } };
  const m = median(values);
  return 2 * m >= SLOW_FLOOR_MS
    ? { ms: 2 * m, basis: { kind: 'twice-median', medianMs: m } }
    : { ms: SLOW_FLOOR_MS, basis: { kind: 'floor', medianMs: m } };
}

/** Created → Ready (or → now, while not Ready) longer than the threshold. */
function replacementSlow(r: Reading, now: number, ownerReadyMs: readonly number[]): Finding[] {
  const rep = r.replacement;
  const created = rep?.created?.at;
  const ready = rep?.ready ? rep.ready.at : undefined;
  if (!rep?.created || !created?.isKnown || (ready !== undefined && !ready?.isKnown)) return [];
  const took = (ready?.ms ?? now) - created.ms;
  const threshold = slowThreshold(ownerReadyMs);
  if (took <= threshold.ms) return [];
  const parts = {
    code: 'replacement-slow',
    pod: rep.pod,
    isReady: ready !== undefined,
    tookMs: took,
    expectedMs: threshold.ms,
    basis: threshold.basis,
  } as const;
  const facts = [rep.created.index, ...(rep.ready ? [rep.ready.index] : [])];
  return [finding('warning', parts, facts)];
}

/** Facts known to have happened while the dashboard was not watching (their time unknown). */
function notObserved(r: Reading): Finding[] {
  const missing = r.entries.filter((e) => e.fact.source === 'not-observed');
  if (missing.length === 0) return [];
  const steps = [...new Set(missing.map((e) => e.fact.kind))];
  return [
    finding(
      'info',
      { code: 'not-observed', steps },
      missing.map((e) => e.index),
    ),
  ];
}

/**
 * What went wrong in a pod's termination, in the order of `FindingCodeSchema`. `ownerReadyMs`:
 * how long the owner's other pods took from created to Ready (for `replacement-slow`).
 * @see ../shared/docs/eviction-semantics.md §5
 */
export function findingsOf(
  t: Timeline,
  context: { now: number; ownerReadyMs?: readonly number[] },
): Finding[] {
  const r = read(t);
  return [
    ...killedAtDeadline(r),
    ...endpointAfterSigterm(r),
    ...pastDeadline(r, context.now),
    ...replacementSlow(r, context.now, context.ownerReadyMs ?? []),
    ...notObserved(r),
  ];
}
