import { describe, expect, it } from 'vitest';

import type { DrainFigures, SimCounters } from './drain-figures';
import { physicalLimit, type Workload } from './drain-limit';
import { budgetTable, goalLine, goals, summaryTable, type ToolResult } from './drain-report';

const workloads: Workload[] = [
  {
    kind: 'Deployment',
    name: 'web',
    replicas: 10,
    timing: { startMs: 300, readyMs: 700, shutdownMs: 1_000 },
    budget: 'web',
  },
];
const limit = physicalLimit(workloads); // 10 s, 10 requests

function result(tool: string, goneMs: number, requests: number, extra = {}): ToolResult {
  const figures: DrainFigures = {
    goneMs,
    completeMs: goneMs + 500,
    firstAcceptedMs: 40,
    graceZero: 0,
    reactions: [30, 50],
    reactionP50: 30,
    reactionMax: 50,
    budgetGoneMs: new Map([['web', goneMs]]),
  };
  const counters: SimCounters = {
    evictions: new Map([
      ['201', 10],
      ['429', requests - 10],
    ]),
    repeated: 0,
    podDeletes: 0,
    ...extra,
  };
  return {
    tool,
    figures,
    counters,
    marks: [{ label: 'exited', ms: goneMs + 100 }],
    onDrainedNode: 0,
  };
}

describe('goals', () => {
  it('passes a tool 4× faster, 10 % over the limit, with a sixth of the requests', () => {
    const results = [result('Drainboard', 11_000, 10), result('kubectl', 46_000, 60)];
    const g = goals(results, limit);
    expect(g.map((x) => x.ok)).toEqual([true, true, true, true]);
    expect(g.map(goalLine)).toEqual([
      '  PASS  Drainboard ≥ 3× faster than kubectl (node empty): 4.18× (kubectl 46.0 s, Drainboard 11.0 s)',
      '  PASS  Drainboard within 20 % of the limit (node empty): 11.0 s, limit 10.0 s (+10 %, at most 12.0 s)',
      "  PASS  Drainboard ≤ 1/5 of kubectl's eviction requests: 10 against 60 (at most 12.0)",
      '  PASS  Drainboard: no grace-0 eviction, pod DELETE or repeated eviction: 0 / 0 / 0',
    ]);
  });

  it('fails each goal missed, and those it cannot measure', () => {
    const slow = result('Drainboard', 16_000, 14, { podDeletes: 1 });
    const g = goals([slow, result('kubectl', 46_000, 60)], limit);
    expect(g.map((x) => x.ok)).toEqual([false, false, false, false]);
    expect(goals([slow], limit).map((x) => [x.ok, x.line.includes('not measured')])).toEqual([
      [false, true],
      [false, false],
      [false, true],
      [false, false],
    ]);
    expect(goals([result('kubectl', 46_000, 60)], limit).every((x) => !x.ok)).toBe(true);
  });
});

describe('tables', () => {
  it('puts the tools side by side with the limit and the model', () => {
    const text = summaryTable(
      [result('kubectl', 46_000, 55), result('Drainboard', 11_000, 10)],
      limit,
      { goneMs: 46_000, requests: 55 },
    );
    const row = (label: string): string[] =>
      (text.split('\n').find((l) => l.trimStart().startsWith(label)) ?? '')
        .trimStart()
        .slice(label.length)
        .trim()
        .split(/\s{2,}/);
    expect(row('node empty (every pod gone), s')).toEqual(['46.0', '11.0', '10.0', '46.0']);
    expect(row('eviction requests')).toEqual(['55', '10', '10', '55']);
    expect(row('201 / 429 / other')).toEqual(['10 / 45 / 0', '10 / 0 / 0']);
    expect(row('exited, s')).toEqual(['46.1', '11.1']);
  });

  it('shows each budget against its limit', () => {
    const text = budgetTable([result('Drainboard', 11_000, 10)], limit);
    expect(
      text
        .split('\n')[1]
        ?.trim()
        .split(/\s{2,}/),
    ).toEqual(['web', '10', '10.0', '10.0', '11.0']);
  });
});
