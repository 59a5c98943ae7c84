import { fmt, int, table } from '../sim/bench/bench-kit';
import type { RunFigures, RunObservations } from './retries-figures';

/** The retry benchmark's summary table and goals. */

/** The goals of the issue: reopen → accepted eviction, and requests per blocked pod-minute. */
export const GOAL_DELAY_MS = 250;
export const GOAL_PER_BLOCKED_POD_MINUTE = 2;

export interface ToolResult {
  tool: string;
  figures: RunFigures;
  /** Δ `drainboard_sim_evictions_total`, all codes. */
  requests: number;
  /** Δ `drainboard_sim_evictions_repeated_total`. */
  repeated: number;
}

const print = (s = ''): void => console.log(s);

/** The summary of every tool that completed its run, side by side. */
export function printSummary(results: readonly ToolResult[]): void {
  print();
  print('summary (delays in ms from the budget reopening, seen on the cluster, to the next');
  print('accepted eviction; requests = eviction POSTs the cluster answered, all codes)');
  print(
    table(
      [
        'tool',
        'p50',
        'p95',
        'max',
        'reopens',
        'requests',
        'retries',
        'blocked pod-min',
        'retries/blocked pod-min',
        'repeated',
        'wall s',
      ],
      results.map((r) => {
        const f = r.figures;
        return [
          r.tool,
          int(f.p50),
          int(f.p95),
          int(Math.max(...f.delays)),
          `${f.delays.length}+${f.unanswered}`,
          int(r.requests),
          int(f.retries),
          fmt(f.blockedMs / 60_000, 2),
          fmt(f.perBlockedPodMinute, 2),
          int(r.repeated),
          fmt(f.wallMs / 1000, 1),
        ];
      }),
    ),
  );
  print('  reopens: followed by an accepted eviction + not (the last, with no pod left); retries:');
  print("  requests for a pod after the cluster's first 429 for it, the accepted one included;");
  print(
    "  blocked: Σ over pods of (accepted − the cluster's first 429 for it); repeated: evictions",
  );
  print('  answered with success for a pod that was already terminating (should be 0)');
  for (const r of results) {
    const f = r.figures;
    print(
      `  ${r.tool}: ${int(f.refusedRetries)} of ${int(f.retries)} retries refused again (429), ` +
        `${int(f.refusedAfterReopen)} of them within 1 s after a reopen`,
    );
  }
}

/** One line per goal for `tool`; a goal missed does not fail the run. */
export function printGoals(results: readonly ToolResult[], tool: string): void {
  const r = results.find((x) => x.tool === tool);
  print();
  if (r === undefined) {
    print(`goals: not measured (${tool} did not complete its run)`);
    return;
  }
  const others = results.filter((x) => x !== r);
  const vs = (pick: (f: RunFigures) => number, digits: number, unit = ''): string =>
    others.map((o) => `; ${o.tool} ${fmt(pick(o.figures), digits)}${unit}`).join('');
  const mark = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  const delayOk = r.figures.p95 < GOAL_DELAY_MS;
  const rateOk = !(r.figures.perBlockedPodMinute > GOAL_PER_BLOCKED_POD_MINUTE);
  print(`goals for ${tool} (issue: "under 250 ms and at most 2 requests per blocked pod-minute")`);
  print(
    `  ${mark(delayOk)}  reopen → accepted eviction p95 < ${GOAL_DELAY_MS} ms: ${int(r.figures.p95)} ms${vs((f) => f.p95, 0, ' ms')}`,
  );
  print(
    `  ${mark(rateOk)}  retries per blocked pod-minute ≤ ${GOAL_PER_BLOCKED_POD_MINUTE}: ${fmt(r.figures.perBlockedPodMinute, 2)}${vs((f) => f.perBlockedPodMinute, 2)}`,
  );
}

/** `--timeline`: every reopen, eviction answer and accepted eviction of a run, in order. */
export function printTimeline(o: RunObservations): void {
  const rows: [number, string][] = [
    ...o.reopens.map((at): [number, string] => [at, 'budget reopens']),
    ...[...o.accepted].map(([pod, at]): [number, string] => [at, `${pod} accepted (watch)`]),
    ...[...o.answers].flatMap(([pod, list]) =>
      list.map((a): [number, string] => [a.at, `${pod} ← ${a.code}`]),
    ),
  ];
  rows.sort((a, b) => a[0] - b[0]);
  print('  timeline (s from the start):');
  for (const [at, what] of rows)
    print(`    ${fmt((at - o.startedAt) / 1000, 3).padStart(8)}  ${what}`);
}
