import { describe, expect, it } from 'vitest';

import type { EvictionOutcome } from './eviction-outcome';
import { orderFacts, phasesOf, type Phase } from './timeline-phases';
import { findingsOf, type FindingCode } from './timeline-findings';
import {
  attributionOf,
  summaryOf,
  TimelineDetailSchema,
  TimelineSummarySchema,
} from './timeline-summary';
import type { Timeline, TimelineFact } from './timelines';

const T0 = Date.parse('2026-11-28T10:00:00.000Z');
/** The RFC 3339 time `s` seconds after T0. */
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const now = (s: number) => T0 + s * 1000;

type Fact<K extends TimelineFact['kind']> = TimelineFact & { kind: K };

const requested = (
  s: number,
  outcome: EvictionOutcome | null,
  o: Partial<Fact<'requested'>> = {},
): TimelineFact => ({
  kind: 'requested',
  time: at(s),
  source: 'observed',
  attemptId: 1,
  action: 'evict',
  outcome,
  message: null,
  clusterCode: null,
  retryId: null,
  ...o,
});
const target = (s: number, reason: string | null = 'EvictionByEvictionAPI'): TimelineFact => ({
  kind: 'disruption-target',
  time: at(s),
  source: 'cluster',
  reason,
  message: null,
});
const deletion = (s: number, grace = 30): TimelineFact => ({
  kind: 'deletion-started',
  time: at(s),
  source: 'cluster',
  deadline: at(s + grace),
  gracePeriodSeconds: grace,
});
const container = (
  s: number,
  exitCode: number | null = 0,
  o: Partial<Fact<'container-terminated'>> = {},
): TimelineFact => ({
  kind: 'container-terminated',
  time: at(s),
  source: 'cluster',
  container: 'app',
  exitCode,
  reason: exitCode === 0 ? 'Completed' : 'Error',
  ...o,
});
const endpoint = (
  s: number,
  kind: 'endpoint-terminating' | 'endpoint-removed' = 'endpoint-terminating',
  slice = 'web-x7k2p',
): TimelineFact =>
  kind === 'endpoint-terminating'
    ? { kind, time: at(s), source: 'observed', slice, service: 'web', isServing: true }
    : { kind, time: at(s), source: 'observed', slice, service: 'web' };
const terminal = (s: number): TimelineFact => ({
  kind: 'terminal-phase',
  time: at(s),
  source: 'observed',
  phase: 'Succeeded',
});
const finalizers = (s: number, names: string[]): TimelineFact => ({
  kind: 'finalizers',
  time: at(s),
  source: 'observed',
  finalizers: names,
});
const deleted = (s: number): TimelineFact => ({ kind: 'deleted', time: at(s), source: 'observed' });
const replacement = (
  kind:
    'replacement-created' | 'replacement-scheduled' | 'replacement-running' | 'replacement-ready',
  s: number,
  uid = 'uid-web-2',
): TimelineFact => ({
  kind,
  time: at(s),
  source: 'observed',
  pod: uid.replace('uid-', ''),
  uid,
  node: 'node-2',
});
/** The same fact, known to have happened while the dashboard was not watching. */
const unseen = (f: TimelineFact): TimelineFact => ({ ...f, time: null, source: 'not-observed' });

function timeline(facts: TimelineFact[]): Timeline {
  return {
    cluster: 'kind',
    uid: 'uid-web-1',
    namespace: 'shop',
    pod: 'web-1',
    node: 'node-1',
    owner: { kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-1' },
    terminationGracePeriodSeconds: 30,
    attribution: attributionOf(facts),
    startedAt: at(0),
    updatedAt: at(60),
    facts,
  };
}

/** A Drainboard eviction of a pod that stops in 5 s, replaced and Ready at 8 s. */
const complete: TimelineFact[] = [
  requested(0, 'evicted'),
  target(0),
  deletion(0),
  replacement('replacement-created', 0.1),
  endpoint(0.2),
  container(5),
  terminal(5),
  deleted(5.5),
  replacement('replacement-ready', 8),
];

const ph = (kind: Phase['kind'], start: number, end: number | null, durationMs: number | null) => ({
  kind,
  start: at(start),
  end: end === null ? null : at(end),
  durationMs,
});

describe('phasesOf', () => {
  it.each<{ name: string; facts: TimelineFact[]; now: number; want: Phase[] }>([
    {
      name: 'a complete eviction, in order of start',
      facts: complete,
      now: now(60),
      want: [
        ph('terminating', 0, 5.5, 5500),
        ph('replacement-starting', 0.1, 8, 7900),
        ph('gone', 5.5, 5.5, 0),
        ph('replacement-ready', 8, 8, 0),
      ],
    },
    {
      name: 'terminating in progress: no end, the duration so far',
      facts: [requested(0, 'evicted'), deletion(0)],
      now: now(10),
      want: [ph('terminating', 0, null, 10_000)],
    },
    {
      name: 'gone, replacement still starting',
      facts: [deletion(0), replacement('replacement-created', 1), deleted(4)],
      now: now(10),
      want: [
        ph('terminating', 0, 4, 4000),
        ph('replacement-starting', 1, null, 9000),
        ph('gone', 4, 4, 0),
      ],
    },
    {
      name: 'blocked until admission (rejections, then evicted)',
      facts: [
        requested(0, 'blocked'),
        requested(10, 'queued'),
        requested(20, 'evicted'),
        target(20),
        deletion(20),
      ],
      now: now(25),
      want: [ph('blocked', 0, 20, 20_000), ph('terminating', 20, null, 5000)],
    },
    {
      name: 'blocked in progress while a retry is queued',
      facts: [requested(0, 'queued'), requested(10, 'queued')],
      now: now(30),
      want: [ph('blocked', 0, null, 30_000)],
    },
    {
      name: 'blocked in progress while a request is in flight',
      facts: [requested(0, 'blocked'), requested(10, null)],
      now: now(30),
      want: [ph('blocked', 0, null, 30_000)],
    },
    {
      name: 'blocked and given up: ends at the last request',
      facts: [requested(0, 'rate-limited'), requested(10, 'blocked')],
      now: now(30),
      want: [ph('blocked', 0, 10, 10_000)],
    },
    {
      name: 'no blocked phase without rejections, nor for rejections after admission',
      facts: [requested(0, 'evicted'), deletion(0), requested(2, 'not-found'), deleted(3)],
      now: now(30),
      want: [ph('terminating', 0, 3, 3000), ph('gone', 3, 3, 0)],
    },
    {
      name: 'deletion not observed: its start is deadline − grace, still known',
      facts: [requested(0, 'evicted'), unseen(deletion(2, 10)), deleted(7)],
      now: now(30),
      want: [ph('terminating', 2, 7, 5000), ph('gone', 7, 7, 0)],
    },
    {
      name: 'deleted not observed: ends at the fact recorded before it, duration unknown',
      facts: [deletion(0), container(4), unseen(deleted(9))],
      now: now(30),
      want: [ph('terminating', 0, 4, null), ph('gone', 4, 4, null)],
    },
    {
      name: 'replacement created not observed: started at the earliest replacement fact',
      facts: [
        deletion(0),
        replacement('replacement-scheduled', 2),
        replacement('replacement-ready', 6),
      ],
      now: now(30),
      want: [
        ph('terminating', 0, null, 30_000),
        ph('replacement-starting', 2, 6, null),
        ph('replacement-ready', 6, 6, 0),
      ],
    },
    {
      name: 'the replacement that became Ready is the one followed',
      facts: [
        deletion(0),
        replacement('replacement-created', 1, 'uid-web-2'),
        replacement('replacement-created', 3, 'uid-web-3'),
        replacement('replacement-ready', 9, 'uid-web-3'),
      ],
      now: now(30),
      want: [
        ph('terminating', 0, null, 30_000),
        ph('replacement-starting', 3, 9, 6000),
        ph('replacement-ready', 9, 9, 0),
      ],
    },
    {
      name: 'a kubelet eviction without a deletion timestamp terminates from the condition',
      facts: [target(0, 'TerminationByKubelet'), container(3, 137)],
      now: now(30),
      want: [ph('terminating', 0, null, 30_000)],
    },
    {
      name: 'a shortened grace period: terminating still starts at the first deletion',
      facts: [deletion(0, 30), deletion(5, 2), deleted(6)],
      now: now(30),
      want: [ph('terminating', 0, 6, 6000), ph('gone', 6, 6, 0)],
    },
    {
      name: 'a dry run is no rejection',
      facts: [requested(0, 'would-evict'), requested(5, 'evicted'), deletion(5)],
      now: now(10),
      want: [ph('terminating', 5, null, 5000)],
    },
    { name: 'nothing admitted, nothing rejected', facts: [requested(0, null)], now: 0, want: [] },
  ])('$name', ({ facts, now: n, want }) => {
    expect(phasesOf(timeline(facts), n)).toEqual(want);
  });
});

const codes = (facts: TimelineFact[], n: number, ownerReadyMs?: number[]): FindingCode[] =>
  findingsOf(timeline(facts), { now: n, ...(ownerReadyMs ? { ownerReadyMs } : {}) }).map(
    (f) => f.code,
  );

describe('findingsOf: killed-at-deadline', () => {
  it.each<{ name: string; stop: TimelineFact; want: FindingCode[] }>([
    { name: 'exit 137 at the deadline', stop: container(30, 137), want: ['killed-at-deadline'] },
    { name: 'exactly 1 s before it', stop: container(29, 137), want: ['killed-at-deadline'] },
    { name: 'just over 1 s before it', stop: container(28.999, 137), want: [] },
    { name: 'after it', stop: container(30.5, 137), want: ['killed-at-deadline'] },
    { name: 'exit 143 (SIGTERM honoured)', stop: container(30, 143), want: [] },
    {
      name: 'OOMKilled',
      stop: container(30, 137, { reason: 'OOMKilled' }),
      want: [],
    },
    { name: 'time not observed', stop: unseen(container(30, 137)), want: ['not-observed'] },
  ])('$name', ({ stop, want }) => {
    expect(codes([deletion(0), stop, deleted(31)], now(31))).toEqual(want);
  });

  it('names the container and the grace period, and points at both facts', () => {
    const facts = [deletion(0, 45), container(45, 137, { container: 'worker' }), deleted(46)];
    expect(findingsOf(timeline(facts), { now: now(46) })).toEqual([
      {
        code: 'killed-at-deadline',
        severity: 'warning',
        text: 'container worker was killed at the deadline (exit 137): its shutdown took longer than the grace period of 45 s',
        parts: { code: 'killed-at-deadline', container: 'worker', graceMs: 45_000 },
        facts: [0, 1],
      },
    ]);
  });

  it('judges against the shortened deadline', () => {
    const facts = [deletion(0, 30), deletion(5, 2), container(7, 137), deleted(8)];
    expect(codes(facts, now(8))).toEqual(['killed-at-deadline']);
  });
});

describe('findingsOf: endpoint-after-sigterm', () => {
  it.each<{ name: string; ends: TimelineFact[]; want: FindingCode[] }>([
    { name: 'terminating 1 s after', ends: [endpoint(1)], want: [] },
    {
      name: 'terminating just over 1 s after',
      ends: [endpoint(1.001)],
      want: ['endpoint-after-sigterm'],
    },
    {
      name: 'removed 3 s after',
      ends: [endpoint(3, 'endpoint-removed')],
      want: ['endpoint-after-sigterm'],
    },
    {
      name: 'only the first change of a slice counts',
      ends: [endpoint(0.5), endpoint(4, 'endpoint-removed')],
      want: [],
    },
    {
      name: 'each slice on its own',
      ends: [endpoint(2, 'endpoint-terminating', 'a'), endpoint(3, 'endpoint-terminating', 'b')],
      want: ['endpoint-after-sigterm', 'endpoint-after-sigterm'],
    },
    { name: 'time not observed', ends: [unseen(endpoint(3))], want: ['not-observed'] },
  ])('$name', ({ ends, want }) => {
    expect(codes([deletion(0), ...ends], now(10))).toEqual(want);
  });

  it('names the slice, the service and the delay', () => {
    const [f] = findingsOf(timeline([deletion(0), endpoint(2.5)]), { now: now(10) });
    expect(f).toEqual({
      code: 'endpoint-after-sigterm',
      severity: 'warning',
      text: 'the endpoint in slice web-x7k2p (service web) was still ready 2 s after the deletion started: traffic may have reached a pod whose containers had already received SIGTERM',
      parts: { code: 'endpoint-after-sigterm', slice: 'web-x7k2p', service: 'web', delayMs: 2500 },
      facts: [0, 1],
    });
  });
});

describe('findingsOf: past-deadline', () => {
  const held = [deletion(0), container(2), finalizers(2, ['example.com/x'])];
  it.each<{ name: string; facts: TimelineFact[]; n: number; want: FindingCode[] }>([
    { name: 'exactly 30 s past, not deleted', facts: held, n: now(60), want: [] },
    { name: 'just over 30 s past', facts: held, n: now(60.001), want: ['past-deadline'] },
    { name: 'deleted on time', facts: [...held, deleted(59)], n: now(600), want: [] },
    { name: 'deleted late', facts: [...held, deleted(61)], n: now(600), want: ['past-deadline'] },
    {
      name: 'deleted at an unknown time',
      facts: [...held, unseen(deleted(61))],
      n: now(600),
      want: ['not-observed'],
    },
  ])('$name', ({ facts, n, want }) => {
    expect(codes(facts, n)).toEqual(want);
  });

  it.each<{ name: string; facts: TimelineFact[]; n: number; severity: string; text: string }>([
    {
      name: 'a finalizer holds the pod',
      facts: held,
      n: now(150),
      severity: 'error',
      text: 'the pod is 2 min past its deadline and still not deleted: finalizer example.com/x holds the pod',
    },
    {
      name: 'two finalizers',
      facts: [deletion(0), finalizers(1, ['a.io/x', 'b.io/y'])],
      n: now(95),
      severity: 'error',
      text: 'the pod is 1 min 5 s past its deadline and still not deleted: finalizers a.io/x, b.io/y hold the pod',
    },
    {
      name: 'a removed finalizer is no cause',
      facts: [deletion(0), finalizers(1, ['a.io/x']), finalizers(3, []), terminal(4)],
      n: now(95),
      severity: 'error',
      text: 'the pod is 1 min 5 s past its deadline and still not deleted: its containers stopped but the kubelet has not deleted it (node unreachable?)',
    },
    {
      name: 'containers never stopped',
      facts: [deletion(0)],
      n: now(95),
      severity: 'error',
      text: 'the pod is 1 min 5 s past its deadline and still not deleted: the kubelet has not stopped its containers (node down?)',
    },
    {
      name: 'deleted late, held by a finalizer',
      facts: [...held, deleted(120)],
      n: now(600),
      severity: 'warning',
      text: 'the pod was deleted 1 min 30 s after its deadline: finalizer example.com/x held the pod',
    },
  ])('$name', ({ facts, n, severity, text }) => {
    expect(findingsOf(timeline(facts), { now: n })).toEqual([
      expect.objectContaining({ code: 'past-deadline', severity, text }),
    ]);
  });

  it('points at the deletion, the finalizers and the deletion of the pod', () => {
    const [f] = findingsOf(timeline([...held, deleted(120)]), { now: now(600) });
    expect(f?.facts).toEqual([0, 2, 3]);
  });
});

describe('findingsOf: replacement-slow', () => {
  const slow = (readyAt: number | null) => [
    deletion(0),
    replacement('replacement-created', 1),
    deleted(2),
    ...(readyAt === null ? [] : [replacement('replacement-ready', readyAt)]),
  ];
  it.each<{ name: string; facts: TimelineFact[]; n: number; owner?: number[]; want: boolean }>([
    // median 20 s → threshold 40 s
    {
      name: '2× median, exactly',
      facts: slow(41),
      n: now(99),
      owner: [10e3, 20e3, 30e3],
      want: false,
    },
    {
      name: '2× median, just over',
      facts: slow(41.001),
      n: now(99),
      owner: [10e3, 20e3, 30e3],
      want: true,
    },
    // even count: median 25 s → threshold 50 s
    {
      name: 'even count median',
      facts: slow(51),
      n: now(99),
      owner: [10e3, 20e3, 30e3, 40e3],
      want: false,
    },
    {
      name: 'even count, over',
      facts: slow(51.5),
      n: now(99),
      owner: [40e3, 30e3, 20e3, 10e3],
      want: true,
    },
    // median 5 s → the 30 s floor
    { name: 'floor of 30 s, exactly', facts: slow(31), n: now(99), owner: [5e3], want: false },
    { name: 'floor of 30 s, just over', facts: slow(31.001), n: now(99), owner: [5e3], want: true },
    // no owner data → 5 min
    { name: 'no owner data, 5 min exactly', facts: slow(301), n: now(999), want: false },
    { name: 'no owner data, just over 5 min', facts: slow(301.001), n: now(999), want: true },
    { name: 'not Ready yet, under', facts: slow(null), n: now(301), want: false },
    { name: 'not Ready yet, over', facts: slow(null), n: now(302), want: true },
    {
      name: 'created not observed',
      facts: [deletion(0), unseen(replacement('replacement-created', 1))],
      n: now(999),
      want: false,
    },
  ])('$name', ({ facts, n, owner, want }) => {
    expect(codes(facts, n, owner).includes('replacement-slow')).toBe(want);
  });

  it.each<{
    name: string;
    facts: TimelineFact[];
    n: number;
    owner?: number[];
    text: string;
    indexes: number[];
  }>([
    {
      name: 'compared with the owner',
      indexes: [1, 3],
      facts: slow(91),
      n: now(99),
      owner: [20e3, 20e3],
      text: "the replacement web-2 took 1 min 30 s to become Ready, more than the 40 s expected (twice the 20 s its owner's other pods take)",
    },
    {
      name: 'still not Ready, nothing to compare with',
      indexes: [1],
      facts: slow(null),
      n: now(421),
      text: 'the replacement web-2 has not become Ready after 7 min, more than the 5 min expected (no other pods of its owner to compare with)',
    },
  ])('$name', ({ facts, n, owner, text, indexes }) => {
    const found = findingsOf(timeline(facts), {
      now: n,
      ...(owner ? { ownerReadyMs: owner } : {}),
    });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'replacement-slow',
        severity: 'warning',
        text,
        facts: indexes,
      }),
    ]);
  });
});

describe('findingsOf: not-observed', () => {
  it('lists the steps not observed, once each, and points at their facts', () => {
    const facts = [
      requested(0, 'evicted'),
      unseen(deletion(0)),
      unseen(container(3, 0)),
      unseen(container(3, 0, { container: 'sidecar' })),
      deleted(5),
    ];
    expect(findingsOf(timeline(facts), { now: now(6) })).toEqual([
      {
        code: 'not-observed',
        severity: 'info',
        text: 'the dashboard was not watching: deletion and containers stopping were not observed',
        parts: { code: 'not-observed', steps: ['deletion-started', 'container-terminated'] },
        facts: [1, 2, 3],
      },
    ]);
  });

  it('says "was" for one step', () => {
    const [f] = findingsOf(timeline([deletion(0), unseen(deleted(3))]), { now: now(6) });
    expect(f?.text).toBe('the dashboard was not watching: the pod being removed was not observed');
  });

  it('finds nothing in a complete, observed eviction', () => {
    expect(findingsOf(timeline(complete), { now: now(60) })).toEqual([]);
  });
});

describe('attributionOf', () => {
  it.each<{ name: string; facts: TimelineFact[]; want: string }>([
    {
      name: 'our accepted eviction',
      facts: [requested(0, 'evicted'), target(0)],
      want: 'drainboard',
    },
    {
      name: 'our eviction first, even with another reason',
      facts: [target(0, 'PreemptionByScheduler'), requested(0, 'evicted')],
      want: 'drainboard',
    },
    {
      name: 'our refused eviction, then someone else’s',
      facts: [requested(0, 'blocked'), target(5), deletion(5)],
      want: 'eviction-api',
    },
    { name: 'EvictionByEvictionAPI', facts: [target(0), deletion(0)], want: 'eviction-api' },
    {
      name: 'PreemptionByScheduler',
      facts: [target(0, 'PreemptionByScheduler')],
      want: 'preemption',
    },
    {
      name: 'DeletionByTaintManager',
      facts: [target(0, 'DeletionByTaintManager')],
      want: 'taint-manager',
    },
    { name: 'TerminationByKubelet', facts: [target(0, 'TerminationByKubelet')], want: 'kubelet' },
    { name: 'DeletionByPodGC', facts: [target(0, 'DeletionByPodGC')], want: 'pod-gc' },
    {
      name: 'the first known reason',
      facts: [target(0, 'SomethingNew'), target(1, 'DeletionByPodGC')],
      want: 'pod-gc',
    },
    {
      name: 'our direct delete',
      facts: [requested(0, 'deleted', { action: 'delete' }), deletion(0)],
      want: 'deletion',
    },
    { name: 'a deletion seen only as gone', facts: [deleted(0)], want: 'deletion' },
    { name: 'an unknown reason', facts: [target(0, 'SomethingNew'), deletion(0)], want: 'unknown' },
    { name: 'a null reason', facts: [target(0, null)], want: 'unknown' },
    {
      name: 'a prototype key is no reason',
      facts: [target(0, 'toString'), deletion(0)],
      want: 'unknown',
    },
    { name: 'nothing', facts: [], want: 'unknown' },
  ])('$name', ({ facts, want }) => {
    expect(attributionOf(facts)).toBe(want);
  });
});

describe('orderFacts', () => {
  const a = deleted(1);
  const b = deletion(2);
  const c = terminal(2);
  const c2 = { ...terminal(2), phase: 'Failed' as const };
  const r = requested(2.764, 'evicted');
  const t = target(2);
  const x = unseen(container(9));
  const y = unseen(finalizers(9, []));
  it.each<{ name: string; facts: TimelineFact[]; want: TimelineFact[] }>([
    { name: 'by time', facts: [b, a], want: [a, b] },
    { name: 'within a second, the order of the steps', facts: [c, a, b], want: [a, b, c] },
    {
      // The cluster writes whole seconds: our request at .764 came before its 10:00:02 facts.
      name: 'a request timed to the ms before the cluster facts of its second',
      facts: [b, r, t],
      want: [r, t, b],
    },
    { name: 'equal keys keep their recorded order', facts: [c2, c], want: [c2, c] },
    { name: 'a null time follows the fact recorded before it', facts: [b, x, a], want: [a, b, x] },
    { name: 'several null times stay together, in order', facts: [b, x, y, a], want: [a, b, x, y] },
    { name: 'null times recorded first stay first', facts: [x, b, a], want: [x, a, b] },
    { name: 'nothing', facts: [], want: [] },
  ])('$name', ({ facts, want }) => {
    const before = [...facts];
    expect(orderFacts(facts)).toEqual(want);
    expect(facts).toEqual(before);
  });

  it('finding indexes refer to the facts as stored, not as ordered', () => {
    const facts = [deleted(31), container(30, 137), deletion(0)];
    const [f] = findingsOf(timeline(facts), { now: now(31) });
    expect(f?.facts).toEqual([1, 2]);
  });
});

describe('summaryOf', () => {
  it('a complete eviction: replacement Ready, not in progress, total from start to Ready', () => {
    const s = summaryOf(timeline(complete), now(60));
    expect(s).toEqual({
      uid: 'uid-web-1',
      cluster: 'kind',
      namespace: 'shop',
      pod: 'web-1',
      node: 'node-1',
      owner: { kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-1' },
      attribution: 'drainboard',
      startedAt: at(0),
      updatedAt: at(60),
      current: 'replacement-ready',
      totalMs: 8000,
      findings: [],
      inProgress: false,
    });
    expect(TimelineSummarySchema.parse(s)).toEqual(s);
  });

  it.each<{
    name: string;
    facts: TimelineFact[];
    n: number;
    owner?: number[];
    want: Partial<ReturnType<typeof summaryOf>>;
  }>([
    {
      name: 'terminating while the replacement is Ready: the pod comes first',
      facts: [
        deletion(0),
        replacement('replacement-created', 1),
        replacement('replacement-ready', 4),
      ],
      n: now(10),
      want: { current: 'terminating', inProgress: true, totalMs: 10_000 },
    },
    {
      name: 'gone, no replacement',
      facts: [deletion(0), deleted(3)],
      n: now(10),
      want: { current: 'gone', inProgress: false, totalMs: 3000 },
    },
    {
      name: 'gone, replacement starting',
      facts: [deletion(0), replacement('replacement-created', 1), deleted(3)],
      n: now(10),
      want: { current: 'replacement-starting', inProgress: true, totalMs: 10_000 },
    },
    {
      name: 'blocked, queued',
      facts: [requested(0, 'queued')],
      n: now(10),
      want: { current: 'blocked', inProgress: true, totalMs: 10_000 },
    },
    {
      name: 'nothing admitted yet',
      facts: [requested(0, null)],
      n: now(1),
      want: { current: 'blocked', inProgress: true, totalMs: null },
    },
    {
      name: 'an unknown boundary makes the total unknown',
      facts: [deletion(0), container(4), unseen(deleted(9))],
      n: now(10),
      want: { current: 'gone', inProgress: false, totalMs: null },
    },
    {
      name: 'finding codes once each, with the owner’s pods compared',
      facts: [
        deletion(0),
        endpoint(2, 'endpoint-terminating', 'a'),
        endpoint(2, 'endpoint-terminating', 'b'),
        replacement('replacement-created', 1),
        replacement('replacement-ready', 42),
      ],
      n: now(50),
      owner: [10e3],
      want: { findings: ['endpoint-after-sigterm', 'replacement-slow'] },
    },
  ])('$name', ({ facts, n, owner, want }) => {
    expect(summaryOf(timeline(facts), n, owner)).toMatchObject(want);
  });

  it('the detail schema accepts a timeline with its phases and findings', () => {
    const t = timeline([deletion(0), container(30, 137), unseen(deleted(31))]);
    const detail = {
      ...t,
      phases: phasesOf(t, now(40)),
      findings: findingsOf(t, { now: now(40) }),
    };
    expect(TimelineDetailSchema.parse(detail)).toEqual(detail);
    expect(detail.findings.map((f) => f.code)).toEqual(['killed-at-deadline', 'not-observed']);
  });
});
