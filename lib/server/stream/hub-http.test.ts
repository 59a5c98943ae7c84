import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

import { afterEach, describe, expect, it } from 'vitest';

import { ManualClock } from '../k8s/clock';

import { StreamHub } from './hub';
import { FakeSource, SseParser, until } from './sse-testkit';

/** Serves the hub the way a Next.js route handler's Response body is served: piped to Node. */
async function serve(
  hub: StreamHub,
): Promise<{ url: string; server: http.Server; responses: http.ServerResponse[] }> {
  const responses: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    responses.push(res);
    const response = hub.response(
      new Request(`http://localhost${req.url ?? '/'}`, {
        headers: { 'last-event-id': String(req.headers['last-event-id'] ?? '') },
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    const body = response.body as NodeReadableStream<Uint8Array> | null;
    if (body === null) return res.end();
    pipeline(Readable.fromWeb(body), res, () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/clusters/demo/stream`, server, responses };
}

interface HttpClient {
  parser: SseParser;
  res: http.IncomingMessage;
}

/** Opens a stream; a reading client feeds a parser, a stalled one never reads its socket. */
function connect(url: string, reading: boolean): Promise<HttpClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      const parser = new SseParser();
      if (reading) {
        res.setEncoding('utf8');
        res.on('data', (text: string) => parser.feed(text));
      }
      res.on('error', () => undefined);
      resolve({ parser, res });
    });
    req.on('error', reject);
  });
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup) fn();
  cleanup = [];
});

describe('StreamHub over node:http', () => {
  it('streams with SSE headers and resumes from Last-Event-ID', async () => {
    const source = new FakeSource();
    const hub = new StreamHub(source, { clock: new ManualClock() });
    const { url, server } = await serve(hub);
    cleanup.push(
      () => hub.close(),
      () => server.close(),
    );
    const first = await connect(url, true);
    expect(first.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(first.res.headers['x-accel-buffering']).toBe('no');
    source.emit('upsert', { n: 1 });
    await until(() => first.parser.events.length === 2);
    first.res.destroy();
    await until(() => hub.stats.clients === 0);
    source.emit('delete', { n: 2 });
    const again = await new Promise<SseParser>((resolve) => {
      http.get(url, { headers: { 'Last-Event-ID': '1' } }, (res) => {
        const parser = new SseParser();
        res.setEncoding('utf8');
        res.on('data', (t: string) => parser.feed(t));
        resolve(parser);
      });
    });
    await until(() => again.events.length === 1);
    expect(again.events[0]).toEqual({ event: 'delete', id: '2', data: '{"n":2}' });
  });

  it('drops a client that stops reading without delaying a reading client', async () => {
    const source = new FakeSource(10);
    const hub = new StreamHub(source, { clock: new ManualClock(), maxQueueBytes: 256 * 1024 });
    const { url, server, responses } = await serve(hub);
    cleanup.push(
      () => hub.close(),
      () => server.close(),
    );
    const stalled = await connect(url, false);
    const reader = await connect(url, true);
    cleanup.push(
      () => stalled.res.destroy(),
      () => reader.res.destroy(),
    );
    await until(() => reader.parser.events.length === 1);

    const blob = 'x'.repeat(64 * 1024);
    const delays: number[] = [];
    let n = 0;
    // Socket buffers hold a few MB at most; 2,000 × 64 KiB = 128 MB is far past them.
    while (hub.stats.dropped === 0 && n < 2000) {
      const sentAt = performance.now();
      source.emit('upsert', { blob });
      n++;
      await until(() => reader.parser.events.length === n + 1, 2000);
      delays.push(performance.now() - sentAt);
    }
    expect(hub.stats.dropped).toBe(1);
    // The server closed the dropped client's connection (a paused client notices only later).
    await until(() => responses[0]?.socket === null || responses[0]?.destroyed === true);
    for (let i = 0; i < 20; i++) {
      const sentAt = performance.now();
      source.emit('upsert', { blob });
      n++;
      await until(() => reader.parser.events.length === n + 1, 2000);
      delays.push(performance.now() - sentAt);
    }
    expect(reader.parser.events.map((e) => Number(e.id))).toEqual(
      Array.from({ length: n + 1 }, (_, i) => i),
    );
    // Every event reached the reading client before the next was produced, each well within
    // a heartbeat: a full queue elsewhere never holds it back.
    expect(Math.max(...delays)).toBeLessThan(1000);
    expect(hub.stats.clients).toBe(1);
  });
});
