import { describe, expect, it } from 'vitest';

import { ManualClock } from '../k8s/clock';

import { SlowConsumerError, StreamHub } from './hub';
import { encodeEvent } from './sse';
import { FakeSource, consume, until } from './sse-testkit';

function setup(opts: { ringSize?: number; maxQueueBytes?: number } = {}) {
  const source = new FakeSource(opts.ringSize);
  const clock = new ManualClock();
  const hub = new StreamHub(source, { clock, maxQueueBytes: opts.maxQueueBytes });
  return { source, clock, hub };
}

describe('StreamHub', () => {
  it('sends a snapshot first, then deltas in order with their seq as id', async () => {
    const { source, hub } = setup();
    source.emit();
    source.emit();
    const { parser } = consume(hub.open());
    source.emit('upsert', { uid: 'a' });
    source.emit('delete', { uid: 'a' });
    source.emit('watch-status', { kind: 'pods', ok: true });
    await until(() => parser.events.length === 4);
    expect(parser.events).toEqual([
      { event: 'snapshot', id: '2', data: '{"count":2}' },
      { event: 'upsert', id: '3', data: '{"uid":"a"}' },
      { event: 'delete', id: '4', data: '{"uid":"a"}' },
      { event: 'watch-status', id: '5', data: '{"kind":"pods","ok":true}' },
    ]);
    expect(hub.stats).toMatchObject({ clients: 1, opened: 1, eventsDelivered: 4, dropped: 0 });
  });

  it('resumes from Last-Event-ID out of the ring buffer, without a snapshot', async () => {
    const { source, hub } = setup({ ringSize: 10 });
    for (let i = 0; i < 20; i++) source.emit('upsert', { i });
    const { parser } = consume(hub.open({ lastEventId: '17' }));
    source.emit('delete', { i: 20 });
    await until(() => parser.events.length === 4);
    expect(parser.events.map((e) => [e.event, e.id])).toEqual([
      ['upsert', '18'],
      ['upsert', '19'],
      ['upsert', '20'],
      ['delete', '21'],
    ]);
  });

  it('resumes an up-to-date client with nothing but later events', async () => {
    const { source, hub } = setup();
    source.emit();
    const { parser } = consume(hub.open({ lastEventId: '1' }));
    source.emit('delete');
    await until(() => parser.events.length === 1);
    expect(parser.events.map((e) => [e.event, e.id])).toEqual([['delete', '2']]);
  });

  it.each([
    { lastEventId: '3', why: 'older than the ring buffer' },
    { lastEventId: '99', why: 'from the future (another process)' },
    { lastEventId: 'garbage', why: 'not a number' },
  ])('sends a fresh snapshot when Last-Event-ID is $why', async ({ lastEventId }) => {
    const { source, hub } = setup({ ringSize: 10 });
    for (let i = 0; i < 20; i++) source.emit();
    const { parser } = consume(hub.open({ lastEventId }));
    source.emit();
    await until(() => parser.events.length === 2);
    expect(parser.events.map((e) => [e.event, e.id])).toEqual([
      ['snapshot', '20'],
      ['upsert', '21'],
    ]);
  });

  it('sends a `: ping` comment every heartbeat interval on the injected clock', async () => {
    const { clock, hub } = setup();
    const { parser } = consume(hub.open());
    await until(() => parser.events.length === 1);
    clock.advance(14_999);
    await new Promise((r) => setImmediate(r));
    expect(parser.comments).toEqual([]);
    clock.advance(1);
    await until(() => parser.comments.length === 1);
    clock.advance(30_000);
    await until(() => parser.comments.length === 3);
    expect(parser.comments).toEqual(['ping', 'ping', 'ping']);
    expect(hub.stats.heartbeats).toBe(3);
  });

  it('delivers every event to each of 50 clients', async () => {
    const { source, hub } = setup();
    const clients = Array.from({ length: 50 }, () => consume(hub.open()));
    for (let i = 0; i < 10; i++) source.emit('upsert', { i });
    await until(() => clients.every((c) => c.parser.events.length === 11));
    for (const { parser } of clients) {
      expect(parser.events.map((e) => e.id)).toEqual(
        Array.from({ length: 11 }, (_, i) => String(i)),
      );
    }
    expect(source.subscribers.size).toBe(1);
    expect(hub.stats).toMatchObject({ clients: 50, eventsDelivered: 550 });
  });

  it('drops a client that never reads once its queue overflows; a reader gets every event', async () => {
    const { source, hub } = setup({ maxQueueBytes: 64 * 1024 });
    const stalled = hub.open();
    const reading = consume(hub.open());
    const payload = { blob: 'x'.repeat(1000) };
    for (let i = 1; i <= 200; i++) {
      source.emit('upsert', payload);
      // The reader has every event before the next is produced: nothing waits on the stalled one.
      await until(() => reading.parser.events.length === i + 1, 1000);
    }
    expect(hub.stats).toMatchObject({ clients: 1, dropped: 1 });
    const reader = stalled.getReader();
    await expect(reader.read()).rejects.toBeInstanceOf(SlowConsumerError);
    expect(reading.parser.events.at(-1)?.id).toBe('200');
  });

  it('drops a stalled client after about maxQueueBytes, not before', () => {
    const { source, hub } = setup({ maxQueueBytes: 10_000 });
    hub.open();
    const sizes: number[] = [];
    while (hub.stats.dropped === 0) {
      const e = source.emit('upsert', { blob: 'x'.repeat(90) });
      sizes.push(encodeEvent({ event: e.event, id: e.seq, data: e.data }).byteLength);
    }
    const queued = sizes.slice(0, -1).reduce((a, b) => a + b, 0);
    expect(queued).toBeLessThanOrEqual(10_000);
    expect(queued + (sizes.at(-1) ?? 0)).toBeGreaterThan(10_000);
  });

  it('encodes a snapshot once for every client connecting at the same seq', async () => {
    const source = new FakeSource();
    let encoded = 0;
    source.snapshot = () => ({ seq: source.seq, data: { toJSON: () => ++encoded } });
    const hub = new StreamHub(source, { clock: new ManualClock() });
    const first = [consume(hub.open()), consume(hub.open()), consume(hub.open())];
    source.emit();
    const later = consume(hub.open());
    await until(() => later.parser.events.length === 1);
    expect(encoded).toBe(2);
    expect(first[2]?.parser.events[0]?.data).toBe('1');
    expect(later.parser.events[0]?.data).toBe('2');
  });

  it('admits a first snapshot larger than the queue bound', async () => {
    const source = new FakeSource();
    source.snapshot = () => ({ seq: 0, data: 'x'.repeat(100_000) });
    const hub = new StreamHub(source, { clock: new ManualClock(), maxQueueBytes: 1000 });
    const { parser } = consume(hub.open());
    source.emit();
    await until(() => parser.events.length === 2);
    expect(hub.stats.dropped).toBe(0);
  });

  it('cleans up on cancel: no client, no subscription, no timer', async () => {
    const { source, clock, hub } = setup();
    const a = hub.open();
    const b = hub.open();
    expect(source.subscribers.size).toBe(1);
    expect(clock.pendingCount).toBe(1);
    await a.cancel();
    expect(hub.stats.clients).toBe(1);
    await b.cancel();
    expect(hub.stats.clients).toBe(0);
    expect(source.subscribers.size).toBe(0);
    expect(clock.pendingCount).toBe(0);
    source.emit(); // no one to deliver to, and no throw
  });

  it('closes and cleans up when the request is aborted', async () => {
    const { source, hub } = setup();
    const abort = new AbortController();
    const { parser, done } = consume(hub.open({ signal: abort.signal }));
    await until(() => parser.events.length === 1);
    abort.abort();
    await expect(done).resolves.toBeUndefined();
    expect(hub.stats.clients).toBe(0);
    expect(source.subscribers.size).toBe(0);
  });

  it('answers a Request with SSE headers and honours its Last-Event-ID', async () => {
    const { source, hub } = setup();
    source.emit();
    source.emit();
    const res = hub.response(
      new Request('http://x/api/clusters/demo/stream', { headers: { 'Last-Event-ID': '1' } }),
    );
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const body = res.body;
    if (body === null) throw new Error('no body');
    const { parser } = consume(body);
    await until(() => parser.events.length === 1);
    expect(parser.events[0]).toMatchObject({ event: 'upsert', id: '2' });
  });

  it('tells the opener once when its client goes, however it goes', async () => {
    const { source, hub } = setup({ maxQueueBytes: 1000 });
    const closed: string[] = [];
    const cancelled = hub.open({ onClose: () => closed.push('cancelled') });
    const abort = new AbortController();
    hub.open({ signal: abort.signal, onClose: () => closed.push('aborted') });
    hub.open({ onClose: () => closed.push('dropped') });
    const early = new AbortController();
    early.abort();
    hub.open({ signal: early.signal, onClose: () => closed.push('aborted before start') });
    expect(closed).toEqual(['aborted before start']);
    await cancelled.cancel();
    abort.abort();
    source.emit('upsert', { blob: 'x'.repeat(2000) });
    hub.close();
    expect(closed).toEqual(['aborted before start', 'cancelled', 'aborted', 'dropped']);
  });

  it('close() ends every client stream', async () => {
    const { source, hub } = setup();
    const clients = [consume(hub.open()), consume(hub.open())];
    hub.close();
    await Promise.all(clients.map((c) => expect(c.done).resolves.toBeUndefined()));
    expect(source.subscribers.size).toBe(0);
  });
});
