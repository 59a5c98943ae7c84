import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it, vi } from 'vitest';

import { ChangeEventSchema, type ChangeEvent } from '@/lib/domain/changes';
import { retryView } from '@/lib/domain/test-views';

import type { CachedObject } from '../k8s/reflector';
import { ClusterModel } from './cluster-model';
import { blockingBudget, node, runningPod, terminating } from './model-fixtures';

/** A model already synced with two Ready pods on node-a, and the events it emits from now on. */
function syncedModel(historySize?: number) {
  const model = new ClusterModel({ historySize, firstSeq: 0 });
  model.applySynced('nodes', [node('node-a', 'n-a'), node('node-b', 'n-b', true)]);
  model.applySynced('pods', [runningPod('web-1', 'uid-1'), runningPod('web-2', 'uid-2')]);
  const events: ChangeEvent[] = [];
  model.subscribe((e) => events.push(e));
  return { model, events };
}

const brief = (events: readonly ChangeEvent[]) =>
  events.map((e) =>
    e.kind === 'upsert'
      ? `upsert ${e.resource} ${e.view.uid}`
      : e.kind === 'delete'
        ? `delete ${e.resource} ${e.uid}`
        : e.kind === 'watch-status'
          ? `status ${e.resource} ${e.state}`
          : e.kind,
  );

/** A fixture as the reflector hands it on (the fixtures do set uid, name and resourceVersion). */
const cached = <T extends KubernetesObject>(obj: T) => obj as CachedObject<T>;

const nodeA = (model: ClusterModel) => model.snapshot().nodes.find((n) => n.name === 'node-a');

describe('ClusterModel', () => {
  it('counts the pods of each node from the pod views', () => {
    const { model } = syncedModel();
    expect(nodeA(model)?.pods).toEqual({ total: 2, ready: 2, terminating: 0 });
    expect(model.snapshot().nodes.find((n) => n.name === 'node-b')).toMatchObject({
      isCordoned: true,
      pods: { total: 0, ready: 0, terminating: 0 },
    });
  });

  it('emits nothing for a relist without changes, even at new resourceVersions', () => {
    const { model, events } = syncedModel();
    const before = model.snapshot().seq;
    model.applySynced('pods', [
      runningPod('web-2', 'uid-2', 'node-a', '999'),
      runningPod('web-1', 'uid-1'),
    ]);
    model.applySynced('nodes', [node('node-a', 'n-a'), node('node-b', 'n-b', true)]);
    expect(events).toEqual([]);
    expect(model.snapshot().seq).toBe(before);
  });

  it('sees a pod replaced under the same name at a relist as a delete and an upsert', () => {
    const { model, events } = syncedModel();
    const replacement: V1Pod = runningPod('web-1', 'uid-1b', 'node-b', '500');
    model.applySynced('pods', [replacement, runningPod('web-2', 'uid-2')]);
    expect(brief(events)).toEqual([
      'delete pods uid-1',
      'upsert pods uid-1b',
      'upsert nodes n-a',
      'upsert nodes n-b',
    ]);
    // The initial syncs took seqs 1–5 (two nodes, two pods, node-a's counts).
    expect(events.map((e) => e.seq)).toEqual([6, 7, 8, 9]);
    expect(nodeA(model)?.pods.total).toBe(1);
    expect(
      model
        .snapshot()
        .pods.map((p) => p.uid)
        .sort(),
    ).toEqual(['uid-1b', 'uid-2']);
  });

  it('follows an eviction: terminating, then gone', () => {
    const { model, events } = syncedModel();
    const pod = runningPod('web-1', 'uid-1');
    model.applyUpsert('pods', terminating(pod));
    expect(nodeA(model)?.pods).toEqual({ total: 2, ready: 1, terminating: 1 });
    model.applyUpsert('pods', terminating(pod)); // the same object again: no change
    model.applyDelete('pods', 'uid-1');
    model.applyDelete('pods', 'uid-1'); // already gone: no change
    expect(brief(events)).toEqual([
      'upsert pods uid-1',
      'upsert nodes n-a',
      'delete pods uid-1',
      'upsert nodes n-a',
    ]);
    expect(nodeA(model)?.pods).toEqual({ total: 1, ready: 1, terminating: 0 });
    for (const e of events) expect(ChangeEventSchema.parse(e)).toEqual(e);
  });

  it('fills in the pod counts of a node that arrives after its pods', () => {
    const model = new ClusterModel();
    model.applySynced('pods', [runningPod('web-1', 'uid-1', 'node-c')]);
    model.applyUpsert('nodes', node('node-c', 'n-c'));
    expect(model.snapshot().nodes[0]?.pods).toEqual({ total: 1, ready: 1, terminating: 0 });
  });

  it('does not count pods that have finished', () => {
    const { model } = syncedModel();
    const done = runningPod('web-1', 'uid-1');
    model.applyUpsert('pods', { ...done, status: { ...done.status, phase: 'Succeeded' } });
    expect(nodeA(model)?.pods.total).toBe(1);
  });

  it('emits a watch status only when it changes', () => {
    const { model, events } = syncedModel();
    model.applyStatus('pods', 'synced');
    model.applyStatus('pods', 'synced');
    model.applyStatus('pods', 'reconnecting', 'connect ECONNREFUSED');
    model.applyStatus('pods', 'reconnecting', 'connect ECONNREFUSED');
    model.applyStatus('pods', 'reconnecting', 'timed out');
    expect(brief(events)).toEqual([
      'status pods synced',
      'status pods reconnecting',
      'status pods reconnecting',
    ]);
    expect(model.snapshot().watchStatus).toMatchObject({
      pods: { state: 'reconnecting', message: 'timed out' },
      nodes: { state: 'syncing', message: null },
    });
  });

  it('keeps only the most recent events, by last change', () => {
    const model = new ClusterModel({ maxEvents: 2 });
    const ev = (uid: string, at: string) => ({
      metadata: { uid, name: uid, namespace: 'shop', resourceVersion: '1' },
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
      reason: 'Killing',
      message: 'Stopping container web',
      lastTimestamp: at as unknown as Date,
    });
    model.applySynced('events', [
      ev('e3', '2026-11-28T09:00:03Z'),
      ev('e1', '2026-11-28T09:00:01Z'),
      ev('e2', '2026-11-28T09:00:02Z'),
    ]);
    expect(model.snapshot().events.map((e) => e.uid)).toEqual(['e2', 'e3']);
    const events: ChangeEvent[] = [];
    model.subscribe((e) => events.push(e));
    model.applyUpsert('events', ev('e4', '2026-11-28T09:00:04Z'));
    expect(brief(events)).toEqual(['upsert events e4', 'delete events e2']);
    expect(model.snapshot().events[1]).toMatchObject({
      uid: 'e4',
      type: 'Normal',
      involved: { kind: 'Pod', name: 'web-1', namespace: 'shop', uid: null },
      count: 1,
      lastSeen: '2026-11-28T09:00:04Z',
    });
  });

  it('takes reflector events as they come', () => {
    const model = new ClusterModel({ firstSeq: 0 });
    const pod = cached(runningPod('web-1', 'uid-1'));
    const pdb = cached(blockingBudget());
    model.apply('pods', { type: 'status', state: 'syncing' });
    model.apply('pods', { type: 'synced', items: [pod] });
    model.apply('pods', { type: 'status', state: 'synced' });
    model.apply('budgets', { type: 'upsert', object: pdb });
    model.apply('pods', { type: 'delete', object: pod });
    expect(brief(model.since(0) ?? [])).toEqual([
      'upsert pods uid-1',
      'status pods synced',
      'upsert budgets pdb-uid-1',
      'delete pods uid-1',
    ]);
    expect(model.snapshot().budgets[0]?.disruptionsAllowed).toBe(0);
  });

  it('merges all owner kinds in the snapshot', () => {
    const model = new ClusterModel();
    model.applyUpsert('replicasets', {
      metadata: { name: 'web-7d9f', namespace: 'shop', uid: 'rs1' },
      spec: { selector: {} },
    });
    model.applyUpsert('statefulsets', {
      metadata: { name: 'db', namespace: 'shop', uid: 'ss1' },
      spec: { selector: {}, serviceName: 'db', template: {} },
    });
    expect(model.snapshot().owners.map((o) => o.kind)).toEqual(['ReplicaSet', 'StatefulSet']);
  });

  it('replays recent changes and asks for a snapshot when they are gone', () => {
    const model = new ClusterModel({ historySize: 3, firstSeq: 0 });
    for (let i = 1; i <= 5; i++)
      model.applyUpsert('pods', runningPod(`p-${i}`, `uid-${i}`, 'node-z'));
    expect(model.snapshot().seq).toBe(5);
    expect(model.since(5)).toEqual([]);
    expect(model.since(2)?.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(model.since(1)).toBeUndefined();
    expect(model.since(6)).toBeUndefined();
    expect(model.since(-1)).toBeUndefined();
  });

  it('stops calling a listener once unsubscribed', () => {
    const model = new ClusterModel({ firstSeq: 0 });
    const seen: number[] = [];
    const stop = model.subscribe((e) => seen.push(e.seq));
    model.applyUpsert('pods', runningPod('p', 'u1'));
    stop();
    model.applyDelete('pods', 'u1');
    expect(seen).toEqual([1]);
  });

  it('rejects a history size that cannot hold anything', () => {
    expect(() => new ClusterModel({ historySize: 0 })).toThrow(RangeError);
  });

  it('starts its feed past any seq of an earlier process, which then gets a snapshot', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-28T09:00:00Z') });
    const earlier = new ClusterModel();
    for (let i = 0; i < 500; i++) earlier.applySynced('nodes', [node(`n-${i}`, `n-${i}`)]);
    const lastSeen = earlier.snapshot().seq;
    vi.setSystemTime(Date.parse('2026-11-28T09:00:01Z')); // a restart a second later
    const later = new ClusterModel();
    vi.useRealTimers();
    expect(later.snapshot().seq).toBeGreaterThanOrEqual(lastSeen);
    later.applySynced('nodes', [node('node-a', 'n-a'), node('node-b', 'n-b')]);
    expect(later.since(lastSeen)).toBeUndefined();
  });
});

describe('ClusterModel retry entries and stuck items', () => {
  it('emits an entry only when it changed, keeps every pending one and the newest finished', () => {
    const model = new ClusterModel({ firstSeq: 0, maxFinishedRetries: 2 });
    const events: ChangeEvent[] = [];
    model.subscribe((e) => events.push(ChangeEventSchema.parse(e)));
    model.applyRetry(retryView(1, 'web-1'));
    model.applyRetry(retryView(1, 'web-1'));
    expect(events.map((e) => e.kind)).toEqual(['retry']);
    for (const id of [2, 3, 4]) model.applyRetry(retryView(id, `web-${id}`, { state: 'evicted' }));
    model.applyRetry(retryView(5, 'web-5'));
    expect(model.retryViews().map((r) => r.id)).toEqual([1, 3, 4, 5]);
    expect(model.snapshot().retries.map((r) => r.id)).toEqual([1, 3, 4, 5]);
    model.applyRetry(retryView(1, 'web-1', { state: 'cancelled' }));
    expect(model.retryViews().map((r) => r.id)).toEqual([4, 5, 1]);
  });

  it('emits the stuck list only when it changed', () => {
    const model = new ClusterModel({ firstSeq: 0 });
    const events: ChangeEvent[] = [];
    model.subscribe((e) => events.push(e));
    model.applyStuck([]);
    const item = {
      kind: 'node' as const,
      key: 'node:node-a',
      namespace: null,
      name: 'node-a',
      retryId: null,
      since: '2026-11-29T00:00:00.000Z',
      title: 'node-a has been cordoned for 6 min with 2 evictable pods',
      diagnoses: [],
      remedies: [],
    };
    model.applyStuck([item]);
    model.applyStuck([{ ...item }]);
    expect(events).toEqual([{ seq: 1, kind: 'stuck', items: [item] }]);
    expect(model.snapshot().stuck).toEqual([item]);
  });
});

describe('ClusterModel timelines', () => {
  it('emits a summary only when it changed, keeps those in progress and the newest finished', () => {
    const model = new ClusterModel({ firstSeq: 0, maxFinishedTimelines: 1 });
    const events: ChangeEvent[] = [];
    model.subscribe((e) => events.push(ChangeEventSchema.parse(e)));
    const summary = (uid: string, inProgress: boolean) => ({
      uid,
      cluster: 'sim',
      namespace: 'shop',
      pod: `web-${uid}`,
      node: 'node-a',
      owner: null,
      attribution: 'eviction-api' as const,
      startedAt: '2026-11-29T10:00:00Z',
      updatedAt: '2026-11-29T10:00:01Z',
      current: inProgress ? ('terminating' as const) : ('gone' as const),
      totalMs: inProgress ? null : 1000,
      findings: [],
      inProgress,
    });
    model.applyTimeline(summary('a', true));
    model.applyTimeline(summary('a', true));
    model.applyTimeline(summary('b', false));
    model.applyTimeline(summary('c', false));
    expect(events.map((e) => e.kind)).toEqual(['timeline', 'timeline', 'timeline']);
    expect(model.snapshot().timelines.map((t) => t.uid)).toEqual(['a', 'c']);
  });
});

describe('ClusterModel change delivery', () => {
  it('tells every listener of a change before one a listener makes in reply', () => {
    const model = new ClusterModel({ firstSeq: 0 });
    const replying: number[] = [];
    const after: number[] = [];
    model.subscribe((e) => {
      replying.push(e.seq);
      if (e.kind === 'upsert') model.applyRetry(retryView(1, 'web-1'));
    });
    model.subscribe((e) => after.push(e.seq));
    model.applySynced('pods', [runningPod('web-1', 'uid-1')]);
    expect(replying).toEqual([1, 2]);
    expect(after).toEqual([1, 2]);
  });
});
