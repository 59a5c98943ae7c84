import { describe, expect, it } from 'vitest';

import { findingsOf } from '@/lib/domain/timeline-findings';
import { phasesOf } from '@/lib/domain/timeline-phases';
import type { TimelineDetail } from '@/lib/domain/timeline-summary';
import type { Timeline, TimelineFact } from '@/lib/domain/timelines';

import { chartLayout, offsetWords, position, stepWords, ticksOf } from './timeline-chart';
import { japanese } from './test-translators';

const JA = japanese('TimelineWords');
const T0 = Date.parse('2026-11-28T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const cluster = (s: number) => ({ time: at(s), source: 'cluster' as const });

function detailOf(facts: TimelineFact[], now = T0 + 120_000): TimelineDetail {
  const t: Timeline = {
    cluster: 'demo',
    uid: 'uid-web-1',
    namespace: 'shop',
    pod: 'web-1',
    node: 'node-1',
    owner: null,
    terminationGracePeriodSeconds: 30,
    attribution: 'drainboard',
    startedAt: at(0),
    updatedAt: at(40),
    facts,
  };
  return { ...t, phases: phasesOf(t, now), findings: findingsOf(t, { now }) };
}

const deletion: TimelineFact = {
  kind: 'deletion-started',
  ...cluster(0),
  deadline: at(30),
  gracePeriodSeconds: 30,
};
const endpoint: TimelineFact = {
  kind: 'endpoint-terminating',
  ...cluster(1),
  slice: 'web-abc',
  service: 'web',
  isServing: false,
};
const killed: TimelineFact = {
  kind: 'container-terminated',
  ...cluster(30),
  container: 'web',
  exitCode: 137,
  reason: 'Error',
};
const phase: TimelineFact = { kind: 'terminal-phase', ...cluster(31), phase: 'Failed' };
const deleted: TimelineFact = { kind: 'deleted', time: null, source: 'not-observed' };

describe('chartLayout', () => {
  const layout = chartLayout([detailOf([deletion, endpoint, killed, phase, deleted])], null, false);
  const pod = layout.pods[0]!;
  const steps = pod.points
    .filter((p) => p.step)
    .map((p) => [p.step!.n, p.lane, stepWords(p.step!)]);

  it("labels the seed's six steps where they happen", () => {
    expect(steps).toEqual([
      [1, 'api', 'Deletion timestamp set'],
      [2, 'kubelet', 'Kubelet starts graceful shutdown'],
      [3, 'endpoints', 'Removed from endpoints'],
      [4, 'kubelet', 'Killed at the deadline'],
      [5, 'kubelet', 'Kubelet asks to delete'],
      [6, 'api', 'API server deletes'],
    ]);
  });

  it('draws the grace window and marks what was not observed and what a finding names', () => {
    expect(pod.grace).toEqual({ start: T0, deadline: T0 + 30_000 });
    const gone = pod.points.find((p) => p.kind === 'deleted')!;
    expect(gone.isKnown).toBe(false);
    expect(gone.ms).toBe(T0 + 31_000);
    expect(pod.points.find((p) => p.kind === 'container-terminated')?.isFlagged).toBe(true);
    expect(layout.start).toBe(T0);
    expect(layout.end).toBe(T0 + 31_000);
  });

  it('calls step 4 "containers stopped" when nothing was killed, and reaches now in progress', () => {
    const stopped = { ...killed, ...cluster(5), exitCode: 0 };
    const live = chartLayout([detailOf([deletion, stopped])], T0 + 50_000, true);
    const step4 = live.pods[0]!.points.find((p) => p.step?.n === 4)?.step;
    expect(step4 && stepWords(step4)).toBe('Containers stopped');
    expect(live.end).toBe(T0 + 50_000);
  });
});

describe('axis', () => {
  it('ticks at a round step and places times from 0 to 1', () => {
    expect(ticksOf(0, 31_000)).toEqual([0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000]);
    expect(position({ start: 0, end: 200 }, 50)).toBe(0.25);
    expect(position({ start: 0, end: 200 }, 500)).toBe(1);
    expect(offsetWords(0)).toBe('+0 s');
    expect(offsetWords(1500)).toBe('+1.5 s');
    expect(offsetWords(120_000)).toBe('+2 min');
    expect(offsetWords(1500, JA)).toBe('+1.5秒');
    expect(offsetWords(90_000, JA)).toBe('+1.5分');
  });
});
