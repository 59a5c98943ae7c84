import { describe, expect, it } from 'vitest';

import type { ChangeEvent } from '@/lib/domain/changes';

import { applyChanges, fromSnapshot, type LiveState } from './live-state';
import { budgetView, nodeView, podView, snapshotOf } from './test-views';

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
