import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import { BudgetViewSchema, NodeViewSchema, PodViewSchema } from '@/lib/domain/views';

import { toBudgetView, toNodeView, toPodView, toTime } from './convert';
import { blockingBudget, node, runningPod, terminating } from './model-fixtures';

const crashLooping: V1Pod = (() => {
  const pod = runningPod('worker-0', 'uid-crash');
  return {
    ...pod,
    status: {
      ...pod.status,
      conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
      containerStatuses: [
        {
          name: 'web',
          image: 'nginx:1.27',
          imageID: '',
          ready: false,
          restartCount: 5,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
        },
      ],
    },
  };
})();

describe('toPodView', () => {
  const cases: { name: string; pod: V1Pod; expected: Partial<ReturnType<typeof toPodView>> }[] = [
    {
      name: 'a running Ready pod',
      pod: runningPod('web-1', 'uid-1'),
      expected: {
        uid: 'uid-1',
        phase: 'Running',
        isReady: true,
        nodeName: 'node-a',
        owner: { kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-uid-1' },
        createdAt: '2026-11-28T09:00:00Z',
        deletionTimestamp: null,
        deletionGracePeriodSeconds: null,
        terminationGracePeriodSeconds: 45,
      },
    },
    {
      name: 'a terminating pod with grace and DisruptionTarget',
      pod: terminating(runningPod('web-1', 'uid-1')),
      expected: {
        isReady: false,
        deletionTimestamp: '2026-11-28T10:00:00Z',
        deletionGracePeriodSeconds: 45,
        conditions: [
          {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'EvictionByEvictionAPI',
            message: 'Eviction API: evicting',
            lastTransitionTime: '2026-11-28T10:00:00Z',
          },
          {
            type: 'Ready',
            status: 'False',
            reason: 'PodCompleted',
            message: null,
            lastTransitionTime: '2026-11-28T10:00:00Z',
          },
        ],
      },
    },
    {
      name: 'a crash-looping pod',
      pod: crashLooping,
      expected: {
        isReady: false,
        containers: [
          {
            name: 'web',
            isReady: false,
            restartCount: 5,
            state: 'waiting',
            reason: 'CrashLoopBackOff',
            exitCode: null,
            lastExitCode: 1,
            startedAt: null,
            finishedAt: null,
          },
        ],
      },
    },
    {
      name: 'a pod just created: no status, no node, default grace',
      pod: {
        metadata: { name: 'new', namespace: 'shop', uid: 'uid-new' },
        spec: { containers: [{ name: 'c' }] },
      },
      expected: {
        phase: 'Pending',
        nodeName: null,
        owner: null,
        labels: {},
        isReady: false,
        finalizers: [],
        hasEmptyDir: false,
        isMirror: false,
        terminationGracePeriodSeconds: 30,
        containers: [
          {
            name: 'c',
            isReady: false,
            restartCount: 0,
            state: 'waiting',
            reason: null,
            exitCode: null,
            lastExitCode: null,
            startedAt: null,
            finishedAt: null,
          },
        ],
      },
    },
    {
      name: 'a grace of 0 stays 0',
      pod: {
        metadata: { uid: 'u', deletionGracePeriodSeconds: 0 },
        spec: { containers: [], terminationGracePeriodSeconds: 0 },
      },
      expected: { deletionGracePeriodSeconds: 0, terminationGracePeriodSeconds: 0 },
    },
    {
      name: 'finalizers are kept',
      pod: {
        metadata: { uid: 'u', finalizers: ['example.com/x'] },
        spec: { containers: [] },
      },
      expected: { finalizers: ['example.com/x'] },
    },
    {
      name: 'an emptyDir among other volumes: local storage for kubectl drain',
      pod: {
        metadata: { uid: 'u' },
        spec: {
          containers: [],
          volumes: [
            { name: 'config', configMap: { name: 'web' } },
            { name: 'scratch', emptyDir: {} },
          ],
        },
      },
      expected: { hasEmptyDir: true, isMirror: false },
    },
    {
      name: 'volumes without an emptyDir',
      pod: {
        metadata: { uid: 'u' },
        spec: { containers: [], volumes: [{ name: 'config', configMap: { name: 'web' } }] },
      },
      expected: { hasEmptyDir: false },
    },
    {
      name: 'the mirror of a static pod, its annotation set (even to an empty value)',
      pod: {
        metadata: {
          uid: 'u',
          annotations: { 'kubernetes.io/config.mirror': '', 'kubernetes.io/config.source': 'file' },
        },
        spec: { containers: [] },
      },
      expected: { isMirror: true, hasEmptyDir: false },
    },
    {
      name: 'other annotations make no mirror',
      pod: {
        metadata: { uid: 'u', annotations: { 'kubernetes.io/config.source': 'api' } },
        spec: { containers: [] },
      },
      expected: { isMirror: false },
    },
  ];

  it.each(cases)('$name', ({ pod, expected }) => {
    const view = toPodView(pod);
    expect(view).toMatchObject(expected);
    expect(PodViewSchema.parse(view)).toEqual(view);
  });

  it('keeps when a container started and finished, parsed or not', () => {
    const pod = runningPod('web-1', 'uid-1');
    const view = toPodView({
      ...pod,
      spec: { containers: [{ name: 'web' }, { name: 'sidecar' }] },
      status: {
        ...pod.status,
        containerStatuses: [
          {
            name: 'web',
            image: 'nginx',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: {
              terminated: {
                exitCode: 137,
                reason: 'Error',
                startedAt: new Date('2026-11-28T09:00:01.250Z'),
                finishedAt: '2026-11-28T10:00:30.5Z' as unknown as Date,
              },
            },
          },
          {
            name: 'sidecar',
            image: 'envoy',
            imageID: '',
            ready: false,
            restartCount: 0,
            // The wire may carry null for a time the kubelet has not set.
            state: {
              terminated: {
                exitCode: 0,
                startedAt: null as unknown as Date,
                finishedAt: null as unknown as Date,
              },
            },
          },
        ],
      },
    });
    expect(view.containers[0]).toMatchObject({
      state: 'terminated',
      exitCode: 137,
      startedAt: '2026-11-28T09:00:01.250Z',
      finishedAt: '2026-11-28T10:00:30.5Z',
    });
    expect(view.containers[1]).toMatchObject({ startedAt: null, finishedAt: null });
  });

  it('reads a phase it does not know as Unknown', () => {
    const pod = runningPod('p', 'u');
    expect(toPodView({ ...pod, status: { phase: 'Evicted' } }).phase).toBe('Unknown');
  });
});

describe('toBudgetView', () => {
  it('keeps 0 allowed disruptions and the DisruptionAllowed condition', () => {
    const view = toBudgetView(blockingBudget());
    expect(view).toMatchObject({
      minAvailable: 2,
      maxUnavailable: null,
      selector: { matchLabels: { app: 'web' }, matchExpressions: [] },
      unhealthyPodEvictionPolicy: 'IfHealthyBudget',
      observedGeneration: 1,
      disruptionsAllowed: 0,
      currentHealthy: 2,
      desiredHealthy: 2,
      expectedPods: 2,
      disruptedPods: {},
    });
    expect(view.conditions).toEqual([
      {
        type: 'DisruptionAllowed',
        status: 'False',
        reason: 'InsufficientPods',
        message: '',
        lastTransitionTime: '2026-11-28T09:00:00Z',
      },
    ]);
    expect(BudgetViewSchema.parse(view)).toEqual(view);
  });

  it('shows a budget the controller has not processed, with a percentage and no selector', () => {
    const view = toBudgetView({
      metadata: { name: 'b', namespace: 'shop', uid: 'u', generation: 2 },
      spec: { maxUnavailable: '25%', unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    });
    expect(view).toMatchObject({
      selector: null,
      maxUnavailable: '25%',
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
      observedGeneration: null,
      disruptionsAllowed: 0,
      conditions: [],
    });
  });

  it('keeps the eviction times of disrupted pods', () => {
    const pdb = blockingBudget();
    const at = new Date('2026-11-28T10:00:00Z');
    pdb.status = { ...pdb.status!, disruptedPods: { 'web-1': at } };
    expect(toBudgetView(pdb).disruptedPods).toEqual({ 'web-1': '2026-11-28T10:00:00.000Z' });
  });
});

describe('toNodeView', () => {
  it.each([
    { name: 'a cordoned node', wire: node('node-a', 'n1', true), isCordoned: true, taints: 1 },
    { name: 'a schedulable node', wire: node('node-b', 'n2'), isCordoned: false, taints: 0 },
  ])('$name', ({ wire, isCordoned, taints }) => {
    const view = toNodeView(wire);
    expect(view).toMatchObject({
      isCordoned,
      isReady: true,
      pods: { total: 0, ready: 0, terminating: 0 },
    });
    expect(view.taints).toHaveLength(taints);
    expect(NodeViewSchema.parse(view)).toEqual(view);
  });

  it('reads a node without a Ready condition as not ready', () => {
    expect(toNodeView({ metadata: { name: 'n', uid: 'u' } }).isReady).toBe(false);
  });
});

describe('toTime', () => {
  it('accepts wire strings and parsed dates', () => {
    expect(toTime('2026-11-28T09:00:00Z')).toBe('2026-11-28T09:00:00Z');
    expect(toTime(new Date('2026-11-28T09:00:00Z'))).toBe('2026-11-28T09:00:00.000Z');
    expect(toTime(undefined)).toBeNull();
  });
});
