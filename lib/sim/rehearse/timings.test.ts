import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { inferTimes, resolveTimes, timeAnnotations } from './timings';

const T0 = Date.parse('2026-11-01T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);

/** A pod scheduled at T0 whose containers started `started` s later and turned Ready at `ready` s. */
function pod(started: number[], ready?: number, restarts = 0): V1Pod {
  const conditions = [{ type: 'PodScheduled', status: 'True', lastTransitionTime: at(0) }];
  if (ready !== undefined)
    conditions.push({ type: 'Ready', status: 'True', lastTransitionTime: at(ready) });
  return {
    status: {
      conditions,
      containerStatuses: started.map((s, i) => ({
        name: `c${i}`,
        image: 'x',
        imageID: '',
        ready: ready !== undefined,
        restartCount: restarts,
        state: { running: { startedAt: at(s) } },
      })),
    },
  };
}

/** A pod whose container failed and is in back-off, or restarted after failing. */
function crashLooping(restarted = false): V1Pod {
  const state = restarted
    ? { running: { startedAt: at(60) } }
    : { waiting: { reason: 'CrashLoopBackOff' } };
  return {
    status: {
      containerStatuses: [
        {
          name: 'c',
          image: 'x',
          imageID: '',
          ready: false,
          restartCount: 4,
          state,
          lastState: { terminated: { exitCode: 1 } },
        },
      ],
    },
  };
}

describe('inferTimes', () => {
  it('takes the median start (last container) and readiness over the pods', () => {
    const pods = [pod([2, 4], 9), pod([3], 6), pod([5], 30)];
    // start: 4, 3, 5 → 4 s; ready: 5, 3, 25 → 5 s.
    expect(inferTimes(pods)).toEqual({ startMs: 4000, readyMs: 5000, crashLoop: false });
  });

  it('averages the two middle samples of an even count, rounded to whole seconds', () => {
    expect(inferTimes([pod([1], 2), pod([2], 4)])).toMatchObject({ startMs: 2000, readyMs: 2000 });
  });

  it('ignores restarted containers and pods not Ready yet, and accepts wire strings', () => {
    const restarted = pod([100], 200, 1);
    const notReady = pod([7]);
    const wire = JSON.parse(JSON.stringify(pod([1], 3))) as V1Pod;
    expect(inferTimes([restarted, notReady, wire])).toEqual({
      startMs: 4000, // 7 and 1
      readyMs: 2000,
      crashLoop: false,
    });
  });

  it('clamps to 0–10 minutes', () => {
    expect(inferTimes([pod([-5], 3600)])).toMatchObject({ startMs: 0, readyMs: 600_000 });
  });

  it('says a workload crash-loops when most of its pods are in CrashLoopBackOff', () => {
    expect(inferTimes([crashLooping(), crashLooping(true), pod([1], 2)]).crashLoop).toBe(true);
    expect(inferTimes([crashLooping(), pod([1], 2)]).crashLoop).toBe(false);
    // Restarted once after a failure, but Ready again: not crash-looping.
    expect(inferTimes([pod([1], 2, 1), pod([1], 2, 1)]).crashLoop).toBe(false);
  });

  it('infers nothing from no pods', () => {
    expect(inferTimes([])).toEqual({});
  });
});

describe('resolveTimes', () => {
  it('prefers given times, then inferred ones, then the defaults', () => {
    expect(resolveTimes([pod([3], 4)], 30, { readyMs: 7000, startMs: undefined })).toEqual({
      startMs: 3000,
      readyMs: 7000,
      shutdownMs: 2000,
      crashLoop: false,
    });
    expect(resolveTimes([], undefined)).toEqual({
      startMs: 1000,
      readyMs: 2000,
      shutdownMs: 2000,
      crashLoop: false,
    });
  });

  it('keeps the default shutdown within the grace period', () => {
    expect(resolveTimes([], 1).shutdownMs).toBe(1000);
    expect(resolveTimes([], 1, { shutdownMs: 5000 }).shutdownMs).toBe(5000);
  });
});

describe('timeAnnotations', () => {
  it('writes Go durations, and crash-loop only when it does', () => {
    expect(
      timeAnnotations({ startMs: 0, readyMs: 1500, shutdownMs: 90_000, crashLoop: true }),
    ).toEqual({
      'sim.drainboard.dev/start-after': '0s',
      'sim.drainboard.dev/ready-after': '1500ms',
      'sim.drainboard.dev/shutdown-after': '90s',
      'sim.drainboard.dev/crash-loop': 'true',
    });
  });
});
