import { describe, expect, it } from 'vitest';

import { isReplacementOf, podFacts, replacementFacts, whenOf } from './timeline-facts';
import { podView } from './test-views';

const NOW = Date.parse('2026-11-29T10:00:05.000Z');
const owner = { kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-1' };

/** A pod of `rs-1` evicted at 10:00:00 with 30 s of grace, its container stopped at 10:00:02. */
const evicted = podView('web-1', {
  owner,
  deletionTimestamp: '2026-11-29T10:00:30Z',
  deletionGracePeriodSeconds: 30,
  conditions: [
    {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
      lastTransitionTime: '2026-11-29T10:00:00Z',
    },
    { type: 'Ready', status: 'False', reason: null, message: null, lastTransitionTime: null },
  ],
  phase: 'Succeeded',
  containers: [
    {
      name: 'app',
      isReady: false,
      restartCount: 0,
      state: 'terminated',
      reason: 'Completed',
      exitCode: 0,
      lastExitCode: null,
      startedAt: '2026-11-29T09:00:00Z',
      finishedAt: '2026-11-29T10:00:02Z',
    },
  ],
});

describe('podFacts', () => {
  it('takes the cluster’s times where the pod has them, and the time seen otherwise', () => {
    const facts = Object.fromEntries(podFacts(evicted, 'live', NOW).map((f) => [f.key, f.fact]));
    expect(Object.keys(facts)).toEqual([
      'disruption-target',
      'deletion-started',
      'not-ready',
      'container-terminated:app',
      'terminal-phase',
    ]);
    expect(facts['disruption-target']).toMatchObject({
      time: '2026-11-29T10:00:00Z',
      source: 'cluster',
      reason: 'EvictionByEvictionAPI',
    });
    expect(facts['deletion-started']).toEqual({
      kind: 'deletion-started',
      time: '2026-11-29T10:00:00.000Z',
      source: 'cluster',
      deadline: '2026-11-29T10:00:30Z',
      gracePeriodSeconds: 30,
    });
    expect(facts['not-ready']).toMatchObject({
      time: '2026-11-29T10:00:05.000Z',
      source: 'observed',
    });
    expect(facts['container-terminated:app']).toMatchObject({
      time: '2026-11-29T10:00:02Z',
      source: 'cluster',
      exitCode: 0,
    });
  });

  it('marks what it finds afterwards without a cluster time as not observed', () => {
    const facts = podFacts(evicted, 'catch-up', NOW);
    expect(facts.find((f) => f.key === 'terminal-phase')?.fact).toMatchObject({
      time: null,
      source: 'not-observed',
    });
    expect(facts.find((f) => f.key === 'deletion-started')?.fact.source).toBe('cluster');
  });

  it('says nothing of a pod that is not going, and names the finalizers that hold one', () => {
    expect(podFacts(podView('web-2'), 'live', NOW)).toEqual([]);
    const held = { ...evicted, finalizers: ['example.com/x'] };
    expect(podFacts(held, 'live', NOW).at(-1)).toMatchObject({
      key: 'finalizers',
      fact: { kind: 'finalizers', finalizers: ['example.com/x'] },
    });
  });
});

describe('replacements', () => {
  const awaited = { ownerUid: 'rs-1', since: '2026-11-29T10:00:00Z' };
  it.each([
    ['created in the same second', '2026-11-29T09:59:59Z', true],
    ['created before the eviction', '2026-11-29T09:59:58Z', false],
  ])('%s → %s', (_, createdAt, replaces) => {
    expect(isReplacementOf(podView('web-3', { owner, createdAt }), awaited)).toBe(replaces);
  });

  it('is never another controller’s pod, nor one that is going itself', () => {
    const other = podView('api-1', {
      owner: { ...owner, uid: 'rs-2' },
      createdAt: '2026-11-29T10:00:01Z',
    });
    expect(isReplacementOf(other, awaited)).toBe(false);
    expect(isReplacementOf({ ...evicted, createdAt: '2026-11-29T10:00:01Z' }, awaited)).toBe(false);
  });

  it('needs the same name for a StatefulSet and the same node for a DaemonSet', () => {
    const pod = (name: string, nodeName: string | null) =>
      podView(name, { owner, nodeName, createdAt: '2026-11-29T10:00:01Z' });
    expect(isReplacementOf(pod('db-0', null), { ...awaited, name: 'db-2' })).toBe(false);
    expect(isReplacementOf(pod('db-2', null), { ...awaited, name: 'db-2' })).toBe(true);
    expect(isReplacementOf(pod('agent-x', 'node-2'), { ...awaited, node: 'node-1' })).toBe(false);
    expect(isReplacementOf(pod('agent-y', 'node-1'), { ...awaited, node: 'node-1' })).toBe(true);
  });

  it('follows the replacement from created to Ready with the cluster’s times', () => {
    const ready = podView('web-3', {
      owner,
      createdAt: '2026-11-29T10:00:01Z',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'True',
          reason: null,
          message: null,
          lastTransitionTime: '2026-11-29T10:00:01Z',
        },
        {
          type: 'Ready',
          status: 'True',
          reason: null,
          message: null,
          lastTransitionTime: '2026-11-29T10:00:04Z',
        },
      ],
    });
    expect(
      replacementFacts(ready, 'live', NOW).map((f) => [f.key, f.fact.time, f.fact.source]),
    ).toEqual([
      ['replacement-created', '2026-11-29T10:00:01Z', 'cluster'],
      ['replacement-scheduled', '2026-11-29T10:00:01Z', 'cluster'],
      ['replacement-running', '2026-11-29T10:00:05.000Z', 'observed'],
      ['replacement-ready', '2026-11-29T10:00:04Z', 'cluster'],
    ]);
  });

  it('tells where a time comes from', () => {
    expect(whenOf('2026-11-29T10:00:00Z', 'catch-up', NOW).source).toBe('cluster');
    expect(whenOf(null, 'live', NOW)).toEqual({
      time: '2026-11-29T10:00:05.000Z',
      source: 'observed',
    });
    expect(whenOf(null, 'catch-up', NOW)).toEqual({ time: null, source: 'not-observed' });
  });
});
