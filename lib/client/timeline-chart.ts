import { read, type Entry } from '@/lib/domain/timeline-phases';
import type { TimelineDetail } from '@/lib/domain/timeline-summary';
import type { FactKind, TimelineFact } from '@/lib/domain/timelines';

import { ENGLISH, type TimelineT } from './timeline-words';

/**
 * The timeline chart's layout, pure: which lane each fact goes on, where on the shared time
 * axis, the seed's six deletion steps, the grace window and the axis ticks.
 * @see ../shared/docs/eviction-semantics.md §5
 */

export const LANES = ['api', 'kubelet', 'endpoints', 'replacement'] as const;
export type Lane = (typeof LANES)[number];

/** A lane's name. */
export const laneWords = (lane: Lane, t: TimelineT = ENGLISH): string => t(`lane.${lane}`);

const LANE_OF: Readonly<Record<FactKind, Lane>> = {
  requested: 'api',
  'disruption-target': 'api',
  'deletion-started': 'api',
  finalizers: 'api',
  deleted: 'api',
  'not-ready': 'kubelet',
  'container-terminated': 'kubelet',
  'terminal-phase': 'kubelet',
  'endpoint-terminating': 'endpoints',
  'endpoint-removed': 'endpoints',
  'replacement-created': 'replacement',
  'replacement-scheduled': 'replacement',
  'replacement-running': 'replacement',
  'replacement-ready': 'replacement',
};

/** The seed's six steps of a deletion, by number. */
export const STEPS = [1, 2, 3, 4, 5, 6] as const;
type StepNumber = (typeof STEPS)[number];

/** SIGKILL at the deadline: a stop this close to it (exit 137) is that kill. */
const KILL_TOLERANCE_MS = 1000;

/**
 * A fact's step: its number, and whether it is step 4 without a kill (the containers stopped
 * within the grace period).
 */
export interface Step {
  readonly n: StepNumber;
  readonly isStopped: boolean;
}

/** A step in words: "Deletion timestamp set", "Containers stopped"… */
export const stepWords = (step: Step, t: TimelineT = ENGLISH): string =>
  step.isStopped ? t('step.stopped') : t(`step.${step.n}`);

/** One point of the chart. */
export interface ChartPoint {
  readonly lane: Lane;
  /** Index into the detail's `facts`. */
  readonly index: number;
  readonly kind: FactKind;
  /** Epoch ms: the fact's time, or an estimate (`isKnown` false) when it was not observed. */
  readonly ms: number;
  readonly isKnown: boolean;
  readonly step: Step | null;
  readonly isFlagged: boolean;
}

/** One pod's part of the chart. */
export interface ChartPod {
  readonly uid: string;
  readonly ref: string;
  readonly points: readonly ChartPoint[];
  /** The grace window: from the deletion's start to its deadline (epoch ms). */
  readonly grace: { readonly start: number; readonly deadline: number } | null;
}

/** Every pod on one shared axis. */
export interface ChartLayout {
  readonly pods: readonly ChartPod[];
  readonly start: number;
  readonly end: number;
  readonly ticks: readonly number[];
}

function killedAtDeadline(fact: TimelineFact, ms: number, deadline: number | null): boolean {
  return (
    fact.kind === 'container-terminated' &&
    fact.exitCode === 137 &&
    deadline !== null &&
    ms >= deadline - KILL_TOLERANCE_MS
  );
}

/** The facts that carry a step number (step 2 is the deletion again, on the kubelet lane). */
function stepsOf(entries: readonly Entry[], deadline: number | null): Map<number, Step> {
  const steps = new Map<number, Step>();
  const first = (kinds: readonly FactKind[]) => entries.find((e) => kinds.includes(e.fact.kind));
  const put = (e: Entry | undefined, n: StepNumber, isStopped = false) => {
    if (e && !steps.has(e.index)) steps.set(e.index, { n, isStopped });
  };
  put(first(['deletion-started']), 1);
  put(first(['endpoint-terminating', 'endpoint-removed']), 3);
  const stops = entries.filter((e) => e.fact.kind === 'container-terminated');
  const killed = stops.find((e) => killedAtDeadline(e.fact, e.at?.ms ?? NaN, deadline));
  if (killed) put(killed, 4);
  else put(stops.at(-1), 4, true);
  put(first(['terminal-phase']), 5);
  put(first(['deleted']), 6);
  return steps;
}

/** The step a fact is, if it is one of the six: `stepOf(detail)(index)`. */
export function stepsOfDetail(detail: TimelineDetail): ReadonlyMap<number, Step> {
  const r = read(detail);
  return stepsOf(r.entries, r.deletion?.deadline?.ms ?? null);
}

function podOf(detail: TimelineDetail): ChartPod {
  const r = read(detail);
  const deadline = r.deletion?.deadline?.ms ?? null;
  const steps = stepsOf(r.entries, deadline);
  const flagged = new Set(
    detail.findings.filter((f) => f.code !== 'not-observed').flatMap((f) => f.facts),
  );
  const points: ChartPoint[] = [];
  for (const e of r.entries) {
    const at = e.at ?? r.fallback;
    const base = { index: e.index, kind: e.fact.kind, ms: at.ms, isFlagged: flagged.has(e.index) };
    const isKnown = e.fact.source !== 'not-observed' && at.isKnown;
    points.push({ ...base, lane: LANE_OF[e.fact.kind], isKnown, step: steps.get(e.index) ?? null });
    // Step 2: the kubelet sees the deletion and starts the graceful shutdown.
    if (e.fact.kind === 'deletion-started' && steps.get(e.index)?.n === 1) {
      points.push({ ...base, lane: 'kubelet', isKnown, step: { n: 2, isStopped: false } });
    }
  }
  const grace = r.deletion && deadline !== null ? { start: r.deletion.start.ms, deadline } : null;
  return { uid: detail.uid, ref: `${detail.namespace}/${detail.pod}`, points, grace };
}

const TICK_STEPS_MS = [
  100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/** Ticks at a round step, about `count` of them, from the start of the axis. */
export function ticksOf(start: number, end: number, count = 8): number[] {
  const span = Math.max(1, end - start);
  const step = TICK_STEPS_MS.find((s) => span / s <= count) ?? TICK_STEPS_MS.at(-1) ?? span;
  const ticks: number[] = [];
  for (let t = start; t <= end + 1e-6; t += step) ticks.push(t);
  return ticks;
}

/**
 * The layout of one or more timelines on one axis: from the earliest point (or grace window)
 * to the latest, or to `now` while a pod is in progress, so that the present is on the chart.
 */
export function chartLayout(
  details: readonly TimelineDetail[],
  now: number | null,
  inProgress: boolean,
): ChartLayout {
  const pods = details.map(podOf);
  const times = pods.flatMap((p) => [
    ...p.points.map((pt) => pt.ms),
    ...(p.grace ? [p.grace.start, p.grace.deadline] : []),
  ]);
  if (inProgress && now !== null) times.push(now);
  const finite = times.filter(Number.isFinite);
  const first = finite.length > 0 ? Math.min(...finite) : (now ?? 0);
  const last = finite.length > 0 ? Math.max(...finite) : first;
  const end = Math.max(last, first + 1000);
  return { pods, start: first, end, ticks: ticksOf(first, end) };
}

/** A time's place on the axis, 0 to 1. */
export function position(layout: Pick<ChartLayout, 'start' | 'end'>, ms: number): number {
  const span = layout.end - layout.start;
  return span <= 0 ? 0 : Math.min(1, Math.max(0, (ms - layout.start) / span));
}

/** An offset from the axis' start in words: "+0 s", "+1.5 s", "+2 min" (Japanese "+1.5秒"). */
export function offsetWords(ms: number, t: TimelineT = ENGLISH): string {
  if (ms < 60_000) {
    const s = ms / 1000;
    const value = Number.isInteger(s) ? String(s) : s.toFixed(s < 10 ? 2 : 1).replace(/0+$/, '');
    return t('offset.s', { value });
  }
  const min = ms / 60_000;
  return t('offset.min', { value: Number.isInteger(min) ? String(min) : min.toFixed(1) });
}
