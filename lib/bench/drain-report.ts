import { fmt, int, table } from '../sim/bench/bench-kit';
import {
  evictionRequests,
  type DrainFigures,
  type DrainObservations,
  type SimCounters,
} from './drain-figures';
import { stepMs, type KubectlModel, type Limit, type Workload } from './drain-limit';
import type { ToolMark } from './drain-run';

/** The drain benchmark's tables and goals (pure: lines of text). */

/** The goals for Drainboard. */
export const GOAL_SPEEDUP = 3;
export const GOAL_OVER_LIMIT = 0.2;
export const GOAL_REQUEST_SHARE = 1 / 5;

export interface ToolResult {
  tool: string;
  figures: DrainFigures;
  /** The cluster's counters over the run. */
  counters: SimCounters;
  /** Times the tool itself reported. */
  marks: ToolMark[];
  /** Replacements bound to the drained node (0 unless it was not cordoned). */
  onDrainedNode: number;
}

const s = (ms: number): string => fmt(ms / 1000, 1);

/** 201 / 429 / the rest. */
function byCode(c: SimCounters): string {
  const n = (code: string): number => c.evictions.get(code) ?? 0;
  return `${int(n('201'))} / ${int(n('429'))} / ${int(evictionRequests(c) - n('201') - n('429'))}`;
}

/** The scenario's arithmetic, as printed under the header. */
export function limitLines(
  workloads: readonly Workload[],
  limit: Limit,
  model: KubectlModel,
): string[] {
  const lines = ['limit (each budget maxUnavailable 1: its pods leave one step apart):'];
  for (const b of limit.budgets) {
    lines.push(`  budget ${b.name}, ${b.pods} pods:`);
    for (const w of workloads.filter((x) => x.budget === b.name)) {
      const t = w.timing;
      const shutdown = w.kind === 'StatefulSet' ? `shutdown ${s(t.shutdownMs)} + ` : '';
      lines.push(
        `    ${w.kind} ${w.name} × ${w.replicas}: step ${s(stepMs(w))} s (${shutdown}start ${s(t.startMs)} + ready ${s(t.readyMs)}), shutdown ${s(t.shutdownMs)} s`,
      );
    }
    lines.push(
      `    Σ steps ${s(b.stepsMs)} s: every replacement Ready then; the last pod evicted at Σ − its step and gone` +
        ` one shutdown later, at best ${s(b.goneMs)} s`,
    );
  }
  return [
    ...lines,
    `  node empty at ${s(limit.goneMs)} s, every replacement Ready at ${s(limit.completeMs)} s, ${int(limit.requests)} eviction requests`,
    `kubectl model (all at once, then one eviction per budget per 5 s beat): node empty at ${s(model.goneMs)} s, ${int(model.requests)} eviction requests`,
  ];
}

/** The main table: the tools side by side with the limit and kubectl's model. */
export function summaryTable(
  results: readonly ToolResult[],
  limit: Limit,
  model: KubectlModel,
): string {
  type Row = [string, (r: ToolResult) => string, string, string];
  const rows: Row[] = [
    [
      'node empty (every pod gone), s',
      (r) => s(r.figures.goneMs),
      s(limit.goneMs),
      s(model.goneMs),
    ],
    ['every replacement Ready, s', (r) => s(r.figures.completeMs), s(limit.completeMs), ''],
    ['first eviction accepted, s', (r) => s(r.figures.firstAcceptedMs), '0.0', '0.0'],
    [
      'eviction requests',
      (r) => int(evictionRequests(r.counters)),
      int(limit.requests),
      int(model.requests),
    ],
    ['  201 / 429 / other', (r) => byCode(r.counters), '', ''],
    [
      'grace-0 evictions / pod DELETEs',
      (r) => `${r.figures.graceZero} / ${r.counters.podDeletes}`,
      '0 / 0',
      '',
    ],
    ['repeated evictions', (r) => int(r.counters.repeated), '0', ''],
    [
      'budget reopen → eviction p50 / max, ms',
      (r) => `${int(r.figures.reactionP50)} / ${int(r.figures.reactionMax)}`,
      '0 / 0',
      '',
    ],
    ['replacements on the drained node', (r) => int(r.onDrainedNode), '0', ''],
  ];
  const marks = [...new Set(results.flatMap((r) => r.marks.map((m) => m.label)))];
  const body = rows.map(([label, cell, lim, mod]) => [label, ...results.map(cell), lim, mod]);
  for (const label of marks) {
    const cells = results.map((r) => {
      const m = r.marks.find((x) => x.label === label);
      return m === undefined ? '' : s(m.ms);
    });
    body.push([`${label}, s`, ...cells, '', '']);
  }
  return table(['', ...results.map((r) => r.tool), 'limit', 'kubectl model'], body);
}

/** Each budget: when its last pod was gone, for each tool, against its limit. */
export function budgetTable(results: readonly ToolResult[], limit: Limit): string {
  return table(
    ['budget', 'pods', 'Σ steps s', 'limit s', ...results.map((r) => `${r.tool} s`)],
    limit.budgets.map((b) => [
      b.name,
      int(b.pods),
      s(b.stepsMs),
      s(b.goneMs),
      ...results.map((r) => s(r.figures.budgetGoneMs.get(b.name) ?? NaN)),
    ]),
  );
}

export interface Goal {
  ok: boolean;
  line: string;
}

/** The goals for `tool` against kubectl and the limit; a goal not measured fails. */
export function goals(results: readonly ToolResult[], limit: Limit, tool = 'Drainboard'): Goal[] {
  const d = results.find((r) => r.tool === tool);
  const k = results.find((r) => r.tool === 'kubectl');
  const missing = (what: string): Goal => ({
    ok: false,
    line: `${what}: not measured (${d === undefined ? tool : 'kubectl'} did not complete its run)`,
  });
  const speedGoal = `${tool} ≥ ${GOAL_SPEEDUP}× faster than kubectl (node empty)`;
  const limitGoal = `${tool} within ${GOAL_OVER_LIMIT * 100} % of the limit (node empty)`;
  const requestGoal = `${tool} ≤ 1/${1 / GOAL_REQUEST_SHARE} of kubectl's eviction requests`;
  const cleanGoal = `${tool}: no grace-0 eviction, pod DELETE or repeated eviction`;
  const out: Goal[] = [];
  if (d === undefined) {
    return [speedGoal, limitGoal, requestGoal, cleanGoal].map((g) => ({
      ok: false,
      line: `${g}: not measured (${tool} did not complete its run)`,
    }));
  }
  const dg = d.figures.goneMs;
  if (k === undefined) out.push(missing(speedGoal));
  else {
    const ratio = k.figures.goneMs / dg;
    out.push({
      ok: ratio >= GOAL_SPEEDUP,
      line: `${speedGoal}: ${fmt(ratio, 2)}× (kubectl ${s(k.figures.goneMs)} s, ${tool} ${s(dg)} s)`,
    });
  }
  const bound = limit.goneMs * (1 + GOAL_OVER_LIMIT);
  const over = (dg / limit.goneMs - 1) * 100;
  out.push({
    ok: dg <= bound,
    line: `${limitGoal}: ${s(dg)} s, limit ${s(limit.goneMs)} s (${over >= 0 ? '+' : ''}${int(over)} %, at most ${s(bound)} s)`,
  });
  const mine = evictionRequests(d.counters);
  if (k === undefined) out.push(missing(requestGoal));
  else {
    const theirs = evictionRequests(k.counters);
    out.push({
      ok: mine <= theirs * GOAL_REQUEST_SHARE,
      line: `${requestGoal}: ${int(mine)} against ${int(theirs)} (at most ${fmt(theirs * GOAL_REQUEST_SHARE, 1)})`,
    });
  }
  const { graceZero } = d.figures;
  const { podDeletes, repeated } = d.counters;
  out.push({
    ok: graceZero === 0 && podDeletes === 0 && repeated === 0,
    line: `${cleanGoal}: ${graceZero} / ${podDeletes} / ${repeated}`,
  });
  return out;
}

export const goalLine = (g: Goal): string => `  ${g.ok ? 'PASS' : 'FAIL'}  ${g.line}`;

/** `--timeline`: each run's reopens, eviction answers, acceptances and deletions, in order. */
export function timelineLines(
  o: DrainObservations,
  answers: ReadonlyMap<string, readonly { at: number; code: number }[]>,
): string[] {
  const rows: [number, string][] = [
    ...[...o.reopens].flatMap(([b, list]) =>
      list.map((at): [number, string] => [at, `budget ${b} reopens`]),
    ),
    ...[...o.tracks].flatMap(([pod, t]) => [
      ...(t.acceptedAt === undefined
        ? []
        : [[t.acceptedAt, `${pod} terminating (grace ${t.grace ?? '?'})`] as [number, string]]),
      ...(t.goneAt === undefined ? [] : [[t.goneAt, `${pod} gone`] as [number, string]]),
    ]),
    ...[...answers].flatMap(([pod, list]) =>
      list.map((a): [number, string] => [a.at, `${pod} ← ${a.code}`]),
    ),
  ];
  rows.sort((a, b) => a[0] - b[0]);
  return [
    '  timeline (s from the start):',
    ...rows.map(([at, what]) => `    ${fmt((at - o.startedAt) / 1000, 3).padStart(8)}  ${what}`),
  ];
}
