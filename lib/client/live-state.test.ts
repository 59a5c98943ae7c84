import { describe, expect, it } from 'vitest';

import type { ChangeEvent } from '@/lib/domain/changes';

import {
  applyChanges,
  fromSnapshot,
  MAX_FINISHED_RETRIES,
  MAX_FINISHED_TIMELINES,
  type LiveState,
} from './live-state';
import {
  budgetView,
  nodeView,
  podView,
  retryView,
  snapshotOf,
  stuckRetry,
  timelineSummary,
} from './test-views';

const web1 = podView('web-1');
const web2 = podView('web-2');
const base = fromSnapshot(
  snapshotOf(10, { pods: [web1, web2], budgets: [budgetView('web')], nodes: [nodeView('node-1')] }),
);

function applied(state: LiveState, changes: ChangeEvent[]): LiveState {
  const result = applyChanges(state, changes);
  if (!result.ok) throw new Error(`gap: expected ${result.expected}, got ${result.got}`);
  return result.state;
}

describe('fromSnapshot', () => {
  it('keys every view by UID and keeps the watch status', () => {
    expect([...base.pods.keys()]).toEqual(['uid-web-1', 'uid-web-2']);
    expect(base.budgets.get('uid-web')?.name).toBe('web');
    expect(base.seq).toBe(10);
    expect(base.watchStatus.pods).toEqual({ state: 'synced', message: null });
  });
});

describe('applyChanges', () => {
  it('replaces only the collections a batch touches, and only the changed views', () => {
    const terminating = { ...web1, deletionTimestamp: '2026-11-28T10:00:30Z' };
    const next = applied(base, [
      { seq: 11, kind: 'upsert', resource: 'pods', view: terminating },
      { seq: 12, kind: 'upsert', resource: 'pods', view: podView('web-3') },
    ]);
    expect(next.seq).toBe(12);
    expect(next.pods).not.toBe(base.pods);
    expect(next.pods.get('uid-web-1')).toBe(terminating);
    expect(next.pods.get('uid-web-2')).toBe(web2);
    expect(next.pods.size).toBe(3);
    expect(next.budgets).toBe(base.budgets);
    expect(next.nodes).toBe(base.nodes);
    expect(next.watchStatus).toBe(base.watchStatus);
    expect(base.pods.get('uid-web-1')).toBe(web1);
  });

  it('keeps the pods by node, copying only the nodes a batch touches', () => {
    const state = fromSnapshot(
      snapshotOf(10, { pods: [web1, web2, podView('db-0', { nodeName: 'node-2' })] }),
    );
    const moved = { ...web2, nodeName: null };
    const next = applied(state, [
      { seq: 11, kind: 'upsert', resource: 'pods', view: moved },
      { seq: 12, kind: 'delete', resource: 'pods', uid: 'uid-web-1' },
      { seq: 13, kind: 'upsert', resource: 'pods', view: podView('web-3', { nodeName: 'node-3' }) },
    ]);
    const onNode = (s: LiveState) =>
      Object.fromEntries([...s.podsByNode].map(([node, pods]) => [node, [...pods.keys()]]));
    expect(onNode(next)).toEqual({
      'node-2': ['uid-db-0'],
      '': ['uid-web-2'],
      'node-3': ['uid-web-3'],
    });
    expect(next.podsByNode.get('node-2')).toBe(state.podsByNode.get('node-2'));
    expect(onNode(state)).toEqual({ 'node-1': ['uid-web-1', 'uid-web-2'], 'node-2': ['uid-db-0'] });
  });

  it('deletes by UID; an unknown UID changes nothing', () => {
    const next = applied(base, [
      { seq: 11, kind: 'delete', resource: 'pods', uid: 'uid-web-1' },
      { seq: 12, kind: 'delete', resource: 'budgets', uid: 'uid-gone' },
    ]);
    expect([...next.pods.keys()]).toEqual(['uid-web-2']);
    expect(next.budgets).toBe(base.budgets);
  });

  it('keeps every owner kind in one collection', () => {
    const owner = {
      uid: 'd-1',
      kind: 'Deployment' as const,
      namespace: 'shop',
      name: 'web',
      owner: null,
      replicas: { desired: 3, current: 3, ready: 3, available: 3, updated: 3 },
    };
    const next = applied(base, [
      { seq: 11, kind: 'upsert', resource: 'deployments', view: owner },
      { seq: 12, kind: 'upsert', resource: 'replicasets', view: { ...owner, uid: 'rs-1' } },
      { seq: 13, kind: 'delete', resource: 'deployments', uid: 'd-1' },
    ]);
    expect([...next.owners.keys()]).toEqual(['rs-1']);
  });

  it('moves a changed Event to the end, as the server orders them', () => {
    const event = (uid: string, count: number) => ({
      uid,
      namespace: 'shop',
      type: 'Normal' as const,
      reason: 'Killing',
      message: 'Stopping container web',
      involved: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'uid-web-1' },
      source: 'kubelet',
      count,
      lastSeen: null,
    });
    const next = applied(base, [
      { seq: 11, kind: 'upsert', resource: 'events', view: event('e1', 1) },
      { seq: 12, kind: 'upsert', resource: 'events', view: event('e2', 1) },
      { seq: 13, kind: 'upsert', resource: 'events', view: event('e1', 2) },
    ]);
    expect([...next.events.keys()]).toEqual(['e2', 'e1']);
    expect(next.events.get('e1')?.count).toBe(2);
  });

  it('records a watch status and its message', () => {
    const next = applied(base, [
      {
        seq: 11,
        kind: 'watch-status',
        resource: 'pods',
        state: 'reconnecting',
        message: 'ECONNRESET',
      },
    ]);
    expect(next.watchStatus.pods).toEqual({ state: 'reconnecting', message: 'ECONNRESET' });
    expect(next.watchStatus.nodes).toBe(base.watchStatus.nodes);
    expect(base.watchStatus.pods.state).toBe('synced');
  });

  it('skips changes it already has (a replay after reconnecting)', () => {
    const next = applyChanges(base, [
      { seq: 9, kind: 'delete', resource: 'pods', uid: 'uid-web-1' },
      { seq: 10, kind: 'delete', resource: 'pods', uid: 'uid-web-2' },
    ]);
    expect(next).toEqual({ ok: true, state: base });
    expect(next.state).toBe(base);
  });

  it('reports a missed change and keeps what came before it', () => {
    const result = applyChanges(base, [
      { seq: 11, kind: 'delete', resource: 'pods', uid: 'uid-web-1' },
      { seq: 13, kind: 'delete', resource: 'pods', uid: 'uid-web-2' },
    ]);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ expected: 12, got: 13 });
    expect(result.state.seq).toBe(11);
    expect([...result.state.pods.keys()]).toEqual(['uid-web-2']);
  });
});

describe('retries and stuck items', () => {
  const r1 = retryView(1, 'web-1');
  const r2 = retryView(2, 'web-2');
  const withRetries = fromSnapshot(
    snapshotOf(10, { retries: [r1, r2], stuck: [stuckRetry(1, 'web-1')] }),
  );

  it("keeps the snapshot's entries by id and its stuck items", () => {
    expect([...withRetries.retries.keys()]).toEqual([1, 2]);
    expect(withRetries.retries.get(2)).toBe(r2);
    expect(withRetries.stuck.map((s) => s.key)).toEqual(['retry:1']);
    expect(base.retries.size).toBe(0);
    expect(base.stuck).toEqual([]);
  });

  it('replaces an entry by id, moving it to the end, and adds a new one', () => {
    const evicted = { ...r1, state: 'evicted' as const, nextAttemptAt: null, attempts: 2 };
    const r3 = retryView(3, 'web-3');
    const next = applied(withRetries, [
      { seq: 11, kind: 'retry', entry: evicted },
      { seq: 12, kind: 'retry', entry: r3 },
    ]);
    expect([...next.retries.keys()]).toEqual([2, 1, 3]);
    expect(next.retries.get(1)).toBe(evicted);
    expect(next.retries.get(2)).toBe(r2);
    expect(withRetries.retries.get(1)).toBe(r1);
    expect(next.pods).toBe(withRetries.pods);
    expect(next.stuck).toBe(withRetries.stuck);
  });

  it('takes a stuck event as the whole new list', () => {
    const items = [stuckRetry(2, 'web-2'), { ...stuckRetry(9, 'x'), kind: 'node' as const }];
    const next = applied(withRetries, [
      { seq: 11, kind: 'stuck', items },
      { seq: 12, kind: 'stuck', items: items.slice(1) },
    ]);
    expect(next.stuck).toEqual(items.slice(1));
    expect(next.retries).toBe(withRetries.retries);
    expect(withRetries.stuck.map((s) => s.key)).toEqual(['retry:1']);
  });

  it('leaves the entries untouched by a batch without retry events', () => {
    const next = applied(withRetries, [
      { seq: 11, kind: 'delete', resource: 'pods', uid: 'uid-web-1' },
    ]);
    expect(next.retries).toBe(withRetries.retries);
    expect(next.stuck).toBe(withRetries.stuck);
  });

  it('keeps every pending entry and only the most recently changed finished ones', () => {
    const finished = Array.from({ length: MAX_FINISHED_RETRIES + 2 }, (_, i) =>
      retryView(100 + i, `old-${i}`, { state: 'cancelled', nextAttemptAt: null }),
    );
    const state = fromSnapshot(snapshotOf(10, { retries: [r1, ...finished.slice(0, -1)] }));
    const next = applied(state, [{ seq: 11, kind: 'retry', entry: finished.at(-1)! }]);
    const ids = [...next.retries.keys()];
    expect(ids).toHaveLength(MAX_FINISHED_RETRIES + 1);
    expect(ids).toContain(1);
    expect(ids).not.toContain(100);
    expect(ids).not.toContain(101);
    expect(ids.at(-1)).toBe(100 + MAX_FINISHED_RETRIES + 1);
  });
});

describe('timelines', () => {
  const t1 = timelineSummary('web-1');
  const t2 = timelineSummary('web-2');
  const withTimelines = fromSnapshot(snapshotOf(10, { timelines: [t1, t2] }));

  it("keeps the snapshot's summaries by pod UID", () => {
    expect([...withTimelines.timelines.keys()]).toEqual(['uid-web-1', 'uid-web-2']);
    expect(withTimelines.timelines.get('uid-web-2')).toBe(t2);
    expect(base.timelines.size).toBe(0);
  });

  it('replaces a summary by UID, moving it to the end, and adds a new one', () => {
    const gone = { ...t1, current: 'gone' as const, updatedAt: '2026-11-28T10:00:40Z' };
    const t3 = timelineSummary('web-3');
    const next = applied(withTimelines, [
      { seq: 11, kind: 'timeline', summary: gone },
      { seq: 12, kind: 'timeline', summary: t3 },
    ]);
    expect([...next.timelines.keys()]).toEqual(['uid-web-2', 'uid-web-1', 'uid-web-3']);
    expect(next.timelines.get('uid-web-1')).toBe(gone);
    expect(next.timelines.get('uid-web-2')).toBe(t2);
    expect(withTimelines.timelines.get('uid-web-1')).toBe(t1);
    expect(next.retries).toBe(withTimelines.retries);
    expect(next.pods).toBe(withTimelines.pods);
  });

  it('leaves the summaries untouched by a batch without timeline events', () => {
    const next = applied(withTimelines, [
      { seq: 11, kind: 'delete', resource: 'pods', uid: 'uid-web-1' },
    ]);
    expect(next.timelines).toBe(withTimelines.timelines);
  });

  it('keeps every timeline in progress and only the most recently changed finished ones', () => {
    const finished = Array.from({ length: MAX_FINISHED_TIMELINES + 2 }, (_, i) =>
      timelineSummary(`old-${i}`, { inProgress: false, current: 'replacement-ready' }),
    );
    const state = fromSnapshot(snapshotOf(10, { timelines: [t1, ...finished.slice(0, -1)] }));
    const next = applied(state, [{ seq: 11, kind: 'timeline', summary: finished.at(-1)! }]);
    const uids = [...next.timelines.keys()];
    expect(uids).toHaveLength(MAX_FINISHED_TIMELINES + 1);
    expect(uids).toContain('uid-web-1');
    expect(uids).not.toContain('uid-old-0');
    expect(uids).not.toContain('uid-old-1');
    expect(uids.at(-1)).toBe(`uid-old-${MAX_FINISHED_TIMELINES + 1}`);
  });
});
