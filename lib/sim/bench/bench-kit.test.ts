import { Agent, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fmt, httpClient, quantile, table } from './bench-kit';

interface Seen {
  method?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('httpClient', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  const agent = new Agent({ keepAlive: true });
  const { call, mergePatch } = httpClient(agent);

  beforeAll(async () => {
    // Records each request; answers 201 with a fixed body, or 404 at /missing.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body });
        res.writeHead(req.url === '/missing' ? 404 : 201).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agent.destroy();
    await new Promise((r) => server.close(r));
  });

  it('sends a body as JSON and reads the reply whole', async () => {
    const r = await call(base, 'POST', '/things', { a: 1 });
    expect(r.status).toBe(201);
    expect(r.body.toString('utf8')).toBe('{"ok":true}');
    expect(r.ms).toBeGreaterThanOrEqual(0);
    const s = seen.at(-1);
    expect(s?.body).toBe('{"a":1}');
    expect(s?.headers['content-type']).toBe('application/json');
    expect(s?.headers.accept).toBe('application/json');
  });

  it('sends a merge PATCH and resolves with its status, an error status included', async () => {
    const before = performance.now();
    const patch = mergePatch(base, '/missing', { metadata: { labels: { x: 'y' } } });
    expect(patch.sentAt).toBeGreaterThanOrEqual(before);
    expect(await patch.status).toBe(404);
    const s = seen.at(-1);
    expect(s?.method).toBe('PATCH');
    expect(s?.headers['content-type']).toBe('application/merge-patch+json');
    expect(s?.body).toBe('{"metadata":{"labels":{"x":"y"}}}');
  });

  it('rejects on a transport error', async () => {
    await expect(call('http://127.0.0.1:1', 'GET', '/')).rejects.toThrow();
    await expect(mergePatch('http://127.0.0.1:1', '/', {}).status).rejects.toThrow();
  });
});

describe('statistics and formatting', () => {
  it('takes nearest-rank quantiles', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([quantile(s, 0.5), quantile(s, 0.95), quantile(s, 0), quantile(s, 1)]).toEqual([
      5, 10, 1, 10,
    ]);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('formats numbers with separators and a dash for non-finite ones', () => {
    expect([fmt(12345.678), fmt(0.5, 2), fmt(NaN)]).toEqual(['12,345.7', '0.50', '–']);
  });

  it('aligns the first column left and the others right', () => {
    expect(
      table(
        ['', 'ms'],
        [
          ['a', '1.0'],
          ['longer', '12.5'],
        ],
      ),
    ).toBe(['            ms', '  a        1.0', '  longer  12.5'].join('\n'));
  });
});
