import { describe, expect, it } from 'vitest';

import type { ProbeResult } from './live-probe';
import { fromSnapshot } from './live-state';
import {
  ClusterStream,
  INITIAL_LIVE,
  retryDelay,
  type EventSourceLike,
  type LiveCluster,
} from './live-stream';
import { podView, snapshotOf } from './test-views';

/** A stand-in for the browser's EventSource that the test drives. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  isClosed = false;
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();

  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.isClosed = true;
    this.readyState = 2;
  }

  fire(type: string, data?: unknown): void {
    const event =
      data === undefined ? new Event(type) : new MessageEvent(type, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The connection dropped; `readyState` 0 means the browser retries, 2 that it gave up. */
  drop(readyState: 0 | 2): void {
    this.readyState = readyState;
    this.fire('error');
  }
}

function harness(probeResult: ProbeResult = { ok: true }, initial: LiveCluster = INITIAL_LIVE) {
  const sources: FakeSource[] = [];
  const frames: (() => void)[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const writes: LiveCluster[] = [];
  const stream = new ClusterStream(
    '/api/clusters/demo/stream',
    {
      open: () => {
        const source = new FakeSource();
        sources.push(source);
        return source;
      },
      schedule: (flush) => {
        frames.push(flush);
        return () => frames.splice(frames.indexOf(flush), 1);
      },
      probe: async () => probeResult,
      setTimeout: (fn, ms) => {
        const timer = { fn, ms };
        timers.push(timer);
        return () => timers.splice(timers.indexOf(timer), 1);
      },
      write: (live) => writes.push(live),
    },
    initial,
  );
  return {
    stream,
    sources,
    timers,
    writes,
    source: () => sources.at(-1) as FakeSource,
    last: () => writes.at(-1) as LiveCluster,
    frame: () => frames.splice(0).forEach((flush) => flush()),
    pendingFrames: () => frames.length,
  };
}

const snapshot = snapshotOf(5, { pods: [podView('web-1')] });
const upsert = (seq: number, name: string) => ({
  seq,
  kind: 'upsert',
  resource: 'pods',
  view: podView(name),
});

describe('ClusterStream', () => {
  it('connects, then applies a snapshot and its deltas together on the next frame', () => {
    const h = harness();
    h.stream.start();
    h.source().fire('open');
    h.source().fire('snapshot', snapshot);
    h.source().fire('upsert', upsert(6, 'web-2'));
    h.source().fire('upsert', upsert(7, 'web-3'));
    const before = h.writes.length;
    expect(h.pendingFrames()).toBe(1);
    h.frame();
    expect(h.writes.length).toBe(before + 1);
    expect(h.last().connection).toBe('open');
    expect(h.last().state?.seq).toBe(7);
    expect([...(h.last().state?.pods.keys() ?? [])]).toEqual([
      'uid-web-1',
      'uid-web-2',
      'uid-web-3',
    ]);
  });

  it('keeps what the browser had, marked connecting, until the snapshot comes', () => {
    const state = fromSnapshot(snapshot);
    const h = harness({ ok: true }, { connection: 'open', state, problem: null });
    h.stream.start();
    expect(h.last()).toEqual({ connection: 'connecting', state, problem: null });
    expect(h.sources).toHaveLength(1);
  });

  it('shows a dropped stream as reconnecting and resumes where it was when the browser retries', () => {
    const h = harness();
    h.stream.start();
    h.source().fire('open');
    h.source().fire('snapshot', snapshot);
    h.frame();
    h.source().drop(0);
    expect(h.last().connection).toBe('reconnecting');
    expect(h.sources).toHaveLength(1);
    h.source().fire('open');
    // The replay after Last-Event-ID may repeat a change the browser already has.
    h.source().fire('upsert', upsert(5, 'web-old'));
    h.source().fire('upsert', upsert(6, 'web-2'));
    h.frame();
    expect(h.last().connection).toBe('open');
    expect(h.last().state?.pods.has('uid-web-old')).toBe(false);
    expect(h.last().state?.pods.has('uid-web-2')).toBe(true);
  });

  it('stops with the server’s message when the cluster does not exist', async () => {
    const problem = { kind: 'not-found', status: 404, message: 'no cluster named "nope"' } as const;
    const h = harness({ ok: false, problem });
    h.stream.start();
    h.source().drop(2);
    await Promise.resolve();
    expect(h.last()).toMatchObject({ connection: 'error', problem });
    expect(h.timers).toHaveLength(0);
    expect(h.sources).toHaveLength(1);
  });

  it('retries with backoff when the server cannot be reached, then starts from a snapshot', async () => {
    const problem = { kind: 'unreachable', status: null, message: 'Failed to fetch' } as const;
    const h = harness({ ok: false, problem });
    h.stream.start();
    h.source().drop(2);
    await Promise.resolve();
    expect(h.last()).toMatchObject({ connection: 'reconnecting', problem });
    expect(h.timers.map((t) => t.ms)).toEqual([retryDelay(0)]);
    h.timers.splice(0).forEach((t) => t.fn());
    expect(h.sources).toHaveLength(2);
    h.source().fire('open');
    h.source().fire('snapshot', snapshot);
    h.frame();
    expect(h.last()).toMatchObject({ connection: 'open', problem: null });
    expect(h.last().state?.seq).toBe(5);
  });

  it('starts again from a snapshot when a change was missed', () => {
    const h = harness();
    h.stream.start();
    h.source().fire('open');
    h.source().fire('snapshot', snapshot);
    h.source().fire('upsert', upsert(6, 'web-2'));
    h.source().fire('upsert', upsert(8, 'web-4'));
    h.frame();
    expect(h.last().state?.seq).toBe(6);
    expect(h.last().connection).toBe('reconnecting');
    expect(h.sources[0]?.isClosed).toBe(true);
    h.timers.splice(0).forEach((t) => t.fn());
    expect(h.sources).toHaveLength(2);
  });

  it('starts again from a snapshot when a change cannot be read', () => {
    const h = harness();
    h.stream.start();
    h.source().fire('snapshot', snapshot);
    h.source().fire('upsert', { ...upsert(6, 'web-2'), resource: 'nodes' });
    h.frame();
    expect(h.last()).toMatchObject({ connection: 'reconnecting', problem: { kind: 'unreadable' } });
    expect(h.last().state?.seq).toBe(5);
  });

  it('gives up with a message on a snapshot it cannot read', () => {
    const h = harness();
    h.stream.start();
    h.source().fire('snapshot', { seq: 1 });
    h.frame();
    expect(h.last()).toMatchObject({ connection: 'error', problem: { kind: 'unreadable' } });
    expect(h.source().isClosed).toBe(true);
  });

  it('closes its source and drops queued messages when closed', () => {
    const h = harness();
    h.stream.start();
    h.source().fire('snapshot', snapshot);
    h.stream.close();
    expect(h.source().isClosed).toBe(true);
    expect(h.pendingFrames()).toBe(0);
  });
});

describe('retryDelay', () => {
  it.each([
    [0, 500],
    [1, 1_000],
    [5, 16_000],
    [6, 30_000],
    [20, 30_000],
  ])('attempt %i waits %i ms', (attempt, ms) => {
    expect(retryDelay(attempt)).toBe(ms);
  });
});
