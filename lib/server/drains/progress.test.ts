import { describe, expect, it } from 'vitest';

import { podView } from '@/lib/domain/test-views';
import type { TimelineFact } from '@/lib/domain/timelines';

import type { DrainPodRecord, DrainRecord } from '../store/drain-store';
import type { RetryRecord } from '../store/retry-store';
import { advancePod, isSettled, nextDrainState, type PodNews } from './progress';

const NOW = Date.parse('2026-11-29T05:00:00Z');
const T = (s: number) => new Date(NOW + s * 1000).toISOString();

function pod(overrides: Partial<DrainPodRecord> = {}): DrainPodRecord {
  return {
    uid: 'u1',
    namespace: 'shop',
    name: 'web-1',
    node: 'node-3',
    owner: { kind: 'ReplicaSet', name: 'web-7d' },
    replaced: true,
    budget: 'web',
    retryId: 1,
    joined: false,
    stage: 'waiting',
    message: null,
    acceptedAt: null,
    goneAt: null,
    readyAt: null,
    replacement: null,
    ...overrides,
  };
}

function entry(state: RetryRecord['state'], reason: string | null = null): RetryRecord {
  return {
    id: 1,
    state,
    createdAt: NOW - 5000,
    deadline: NOW + 60_000,
    nextAttemptAt: NOW,
    attempts: 1,
    consecutiveFailures: 0,
    blockedByStale: false,
    holdUntil: 0,
    reason,
    cluster: 'sim',
    namespace: 'shop',
    pod: 'web-1',
    uid: 'u1',
    who: 'tester',
    budget: 'web',
    gracePeriodSeconds: null,
    updatedAt: NOW - 1000,
    inFlightAttempt: null,
  };
}

const live = podView('web-1', { uid: 'u1' });
const news = (over: Partial<PodNews>): PodNews => ({
  entry: entry('pending'),
  live,
  synced: true,
  facts: undefined,
  now: NOW,
  ...over,
});

const replacement = (
  kind: 'replacement-created' | 'replacement-ready',
  s: number,
): TimelineFact => ({
  kind,
  time: T(s),
  source: 'cluster',
  pod: 'web-2',
  uid: 'u2',
  node: 'node-1',
});

describe('advancePod', () => {
  it('stays waiting while its entry is pending and the pod runs', () => {
    expect(advancePod(pod(), news({}))).toEqual({});
  });

  it('is accepted when its entry is evicted, at the entry time', () => {
    expect(advancePod(pod(), news({ entry: entry('evicted') }))).toEqual({
      stage: 'accepted',
      acceptedAt: T(-1),
      message: null,
    });
  });

  it('is accepted when the pod is terminating anyway (another client evicted it)', () => {
    const going = { ...live, deletionTimestamp: T(30) };
    expect(advancePod(pod(), news({ live: going }))).toMatchObject({ stage: 'accepted' });
  });

  it('is gone once the synced model no longer has it, at the deleted fact', () => {
    const facts: TimelineFact[] = [{ kind: 'deleted', time: T(-2), source: 'observed' }];
    const change = advancePod(pod({ stage: 'accepted' }), news({ live: undefined, facts }));
    expect(change).toEqual({ stage: 'gone', goneAt: T(-2) });
  });

  it('is not gone while the model is not synced', () => {
    expect(
      advancePod(pod({ stage: 'accepted' }), news({ live: undefined, synced: false })),
    ).toEqual({});
  });

  it('names its replacement, then is ready at its Ready fact', () => {
    const gone = pod({ stage: 'gone' });
    const created = [replacement('replacement-created', 1)];
    expect(advancePod(gone, news({ live: undefined, facts: created }))).toEqual({
      replacement: 'web-2',
    });
    const ready = [...created, replacement('replacement-ready', 4)];
    expect(advancePod(gone, news({ live: undefined, facts: ready }))).toEqual({
      replacement: 'web-2',
      stage: 'ready',
      readyAt: T(4),
    });
  });

  it('fails or is cancelled when its entry ends so', () => {
    const failed = advancePod(pod(), news({ entry: entry('failed', 'several budgets') }));
    expect(failed).toEqual({ stage: 'failed', message: 'several budgets' });
    const cancelled = advancePod(pod(), news({ entry: entry('cancelled', 'by ops') }));
    expect(cancelled).toEqual({ stage: 'cancelled', message: 'by ops' });
  });

  it('a pod nothing replaces is settled once gone', () => {
    expect(isSettled(pod({ stage: 'gone', replaced: false }))).toBe(true);
    expect(isSettled(pod({ stage: 'gone' }))).toBe(false);
  });
});

function drain(overrides: Partial<DrainRecord> = {}): DrainRecord {
  return {
    id: 1,
    cluster: 'sim',
    nodes: ['node-3'],
    options: {
      force: false,
      ignoreDaemonSets: true,
      deleteEmptyDirData: false,
      podSelector: '',
      gracePeriodSeconds: null,
      timeoutSeconds: 0,
    },
    state: 'running',
    who: 'tester',
    createdAt: T(-60),
    updatedAt: T(-1),
    deadline: null,
    endedAt: null,
    reason: null,
    left: [],
    ...overrides,
  };
}

describe('nextDrainState', () => {
  it('runs while a pod is on its node, is drained once all are gone, complete once Ready', () => {
    expect(nextDrainState(drain(), [pod({ stage: 'accepted' })], NOW).state).toBe('running');
    expect(nextDrainState(drain(), [pod({ stage: 'gone' })], NOW).state).toBe('drained');
    const done = nextDrainState(drain({ state: 'drained' }), [pod({ stage: 'ready' })], NOW);
    expect(done).toEqual({
      state: 'complete',
      end: { reason: 'Every pod is gone (1) and every replacement is Ready (1).', left: [] },
    });
  });

  it('ends at its timeout with the pods left and why', () => {
    const timed = drain({ deadline: T(-1), options: { ...drain().options, timeoutSeconds: 30 } });
    const pods = [
      pod({ uid: 'a', name: 'api-1' }),
      pod({ uid: 'b', name: 'web-2', stage: 'accepted' }),
      pod({ uid: 'c', name: 'db-0', stage: 'ready' }),
    ];
    const out = nextDrainState(timed, pods, NOW, (p) => (p.uid === 'a' ? 'Budget api' : null));
    expect(out.state).toBe('timed-out');
    expect(out.end?.left).toEqual([
      { namespace: 'shop', name: 'api-1', why: 'Budget api' },
      {
        namespace: 'shop',
        name: 'web-2',
        why: 'Its eviction was accepted; it is still terminating.',
      },
    ]);
    expect(out.end?.reason).toBe(
      'The timeout of 30 s passed with 2 of 3 pods still on their nodes and 0 replacements not Ready.',
    );
  });

  it('waits for replacements once drained, until its timeout', () => {
    expect(nextDrainState(drain({ state: 'drained' }), [pod({ stage: 'gone' })], NOW).state).toBe(
      'drained',
    );
    const timed = drain({ state: 'drained', deadline: T(-1) });
    const out = nextDrainState(timed, [pod({ stage: 'gone', replacement: 'web-2' })], NOW);
    expect(out.state).toBe('timed-out');
    expect(out.end?.left).toEqual([
      { namespace: 'shop', name: 'web-1', why: 'Gone, but its replacement web-2 is not Ready.' },
    ]);
  });

  it('a pod another client deleted is accepted while it terminates, gone once absent', () => {
    const going = { ...live, deletionTimestamp: T(30) };
    expect(advancePod(pod(), news({ entry: entry('gone', 'deleted'), live: going }))).toMatchObject(
      { stage: 'accepted' },
    );
    expect(
      advancePod(pod(), news({ entry: entry('gone', 'deleted'), live: undefined })),
    ).toMatchObject({ stage: 'gone' });
  });

  it('fails when a pod failed and every other is gone', () => {
    const pods = [
      pod({ stage: 'failed', message: '500' }),
      pod({ uid: 'b', stage: 'gone', replaced: false }),
    ];
    const out = nextDrainState(drain(), pods, NOW);
    expect(out.state).toBe('failed');
    expect(out.end?.left).toEqual([{ namespace: 'shop', name: 'web-1', why: '500' }]);
  });

  it('a drain with no pod to evict is complete at once', () => {
    expect(nextDrainState(drain(), [], NOW).state).toBe('complete');
  });
});
