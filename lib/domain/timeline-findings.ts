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

export const FindingSchema = z.object({
  code: FindingCodeSchema,
  severity: z.enum(['warning', 'error', 'info']),
  /** Plain words. */
  text: z.string(),
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

const finding = (
  code: FindingCode,
  severity: Finding['severity'],
  text: string,
  facts: number[],
): Finding => ({ code, severity, text, facts: [...new Set(facts)].sort((a, b) => a - b) });

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
        'killed-at-deadline',
        'warning',
        `container ${e.fact.container} was killed at the deadline (exit 137): its shutdown took longer than the grace period of ${formatDuration(deletion.grace * 1000)}`,
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
    const service = e.fact.service === null ? '' : ` (service ${e.fact.service})`;
    const text = `the endpoint in slice ${e.fact.slice}${service} was still ready ${formatDuration(delay)} after the deletion started: traffic may have reached a pod whose containers had already received SIGTERM`;
    found.push(finding('endpoint-after-sigterm', 'warning', text, [e.index, deletion.index]));
  }
  return found;
}

/** The likely reason a pod outlives its deadline, present or past tense. */
function stuckCause(r: Reading, isDeleted: boolean): { words: string; facts: number[] } {
  const held = ofKind(r.entries, 'finalizers').at(-1);
  if (held && held.fact.finalizers.length > 0) {
    const names = held.fact.finalizers;
    const verb = isDeleted ? 'held' : names.length === 1 ? 'holds' : 'hold';
    const noun = names.length === 1 ? 'finalizer' : 'finalizers';
    return { words: `${noun} ${names.join(', ')} ${verb} the pod`, facts: [held.index] };
  }
  const stopped = ofKind(r.entries, 'container-terminated', 'terminal-phase');
  if (stopped.length === 0) {
    const words = isDeleted
      ? 'the kubelet was late stopping its containers (node down?)'
      : 'the kubelet has not stopped its containers (node down?)';
    return { words, facts: [] };
  }
  const words = isDeleted
    ? 'the kubelet was late deleting it after its containers stopped'
    : 'its containers stopped but the kubelet has not deleted it (node unreachable?)';
  return { words, facts: stopped.map((e) => e.index) };
}

/** More than 30 s past the deadline and still there (error), or deleted that late (warning). */
function pastDeadline(r: Reading, now: number): Finding[] {
  const deadline = r.deletion?.deadline;
  if (!r.deletion || !deadline) return [];
  const gone = r.deleted?.at ?? null;
  if (r.deleted && !gone?.isKnown) return [];
  const late = (gone?.ms ?? now) - deadline.ms;
  if (late <= PAST_DEADLINE_MS) return [];
  const cause = stuckCause(r, gone !== null);
  const facts = [r.deletion.index, ...cause.facts, ...(r.deleted ? [r.deleted.index] : [])];
  return gone
    ? [
        finding(
          'past-deadline',
          'warning',
          `the pod was deleted ${formatDuration(late)} after its deadline: ${cause.words}`,
          facts,
        ),
      ]
    : [
        finding(
          'past-deadline',
          'error',
          `the pod is ${formatDuration(late)} past its deadline and still not deleted: ${cause.words}`,
          facts,
        ),
      ];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The slow threshold and its reason: twice the owner's median (at least 30 s), else 5 min. */
function slowThreshold(ownerReadyMs: readonly number[]): { ms: number; basis: string } {
  const values = ownerReadyMs.filter((v) => Number.isFinite(v) && v >= 0);
  if (values.length === 0) {
    return { ms: SLOW_DEFAULT_MS, basis: 'no other pods of its owner to compare with' };
  }
  const m = median(values);
  return 2 * m >= SLOW_FLOOR_MS
    ? { ms: 2 * m, basis: `twice the ${formatDuration(m)} its owner's other pods take` }
    : {
        ms: SLOW_FLOOR_MS,
        basis: `its owner's other pods take ${formatDuration(m)}; 30 s is the least flagged`,
      };
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
  const what = ready
    ? `took ${formatDuration(took)} to become Ready`
    : `has not become Ready after ${formatDuration(took)}`;
  const text = `the replacement ${rep.pod} ${what}, more than the ${formatDuration(threshold.ms)} expected (${threshold.basis})`;
  const facts = [rep.created.index, ...(rep.ready ? [rep.ready.index] : [])];
  return [finding('replacement-slow', 'warning', text, facts)];
}

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

/** "a", "a and b", "a, b and c". */
function listWords(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

/** Facts known to have happened while the dashboard was not watching (their time unknown). */
function notObserved(r: Reading): Finding[] {
  const missing = r.entries.filter((e) => e.fact.source === 'not-observed');
  if (missing.length === 0) return [];
  const steps = [...new Set(missing.map((e) => STEP_WORDS[e.fact.kind]))];
  const verb = steps.length === 1 ? 'was' : 'were';
  const text = `the dashboard was not watching: ${listWords(steps)} ${verb} not observed`;
  return [
    finding(
      'not-observed',
      'info',
      text,
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
