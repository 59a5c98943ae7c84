import { describe, expect, it } from 'vitest';

import type { ContainerView } from '@/lib/domain/views';

import { podStatus, readiness, restarts } from './pod-status';
import { podView } from './test-views';

const container = (over: Partial<ContainerView>): ContainerView => ({
  name: 'main',
  isReady: false,
  restartCount: 0,
  state: 'running',
  reason: null,
  exitCode: null,
  lastExitCode: null,
  startedAt: null,
  finishedAt: null,
  ...over,
});

describe('podStatus', () => {
  it.each([
    {
      why: 'Running and Ready',
      pod: podView('a'),
      want: { state: 'Running', reason: null, ownReason: null, tone: 'healthy' },
    },
    {
      why: 'Running, not Ready',
      pod: podView('a', { isReady: false }),
      want: { state: 'Running', reason: 'Not ready', ownReason: 'not-ready', tone: 'waiting' },
    },
    {
      why: 'crash-looping',
      pod: podView('a', {
        isReady: false,
        containers: [container({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 4 })],
      }),
      want: { state: 'Running', reason: 'CrashLoopBackOff', ownReason: null, tone: 'failed' },
    },
    {
      why: 'terminating, whatever the phase',
      pod: podView('a', { deletionTimestamp: '2026-11-28T10:00:30Z' }),
      want: { state: 'Terminating', reason: null, ownReason: null, tone: 'progress' },
    },
    {
      why: 'unscheduled',
      pod: podView('a', {
        phase: 'Pending',
        nodeName: null,
        isReady: false,
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes',
            lastTransitionTime: null,
          },
        ],
      }),
      want: { state: 'Pending', reason: 'Unschedulable', ownReason: null, tone: 'inactive' },
    },
    {
      why: 'unscheduled, not yet looked at',
      pod: podView('a', { phase: 'Pending', nodeName: null, isReady: false }),
      want: { state: 'Pending', reason: 'Unscheduled', ownReason: 'unscheduled', tone: 'inactive' },
    },
    {
      why: 'starting on its node',
      pod: podView('a', {
        phase: 'Pending',
        isReady: false,
        containers: [container({ state: 'waiting', reason: 'ContainerCreating' })],
      }),
      want: { state: 'Pending', reason: 'ContainerCreating', ownReason: null, tone: 'inactive' },
    },
    {
      why: 'completed',
      pod: podView('a', {
        phase: 'Succeeded',
        isReady: false,
        containers: [container({ state: 'terminated', reason: 'Completed', exitCode: 0 })],
      }),
      want: { state: 'Succeeded', reason: 'Completed', ownReason: null, tone: 'healthy' },
    },
    {
      why: 'failed',
      pod: podView('a', {
        phase: 'Failed',
        isReady: false,
        containers: [container({ state: 'terminated', reason: 'OOMKilled', exitCode: 137 })],
      }),
      want: { state: 'Failed', reason: 'OOMKilled', ownReason: null, tone: 'failed' },
    },
    {
      why: 'unknown',
      pod: podView('a', { phase: 'Unknown' }),
      want: { state: 'Unknown', reason: null, ownReason: null, tone: 'inactive' },
    },
  ])('$why', ({ pod, want }) => {
    expect(podStatus(pod)).toEqual(want);
  });
});

describe('readiness and restarts', () => {
  it('count over the containers, 0 included', () => {
    const pod = podView('a', {
      containers: [container({ isReady: true, restartCount: 2 }), container({ restartCount: 0 })],
    });
    expect(readiness(pod)).toEqual({ ready: 1, total: 2 });
    expect(restarts(pod)).toBe(2);
    expect(restarts(podView('b'))).toBe(0);
  });
});
