import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Plain node:http for the stream benchmark's requests to the embedded cluster and the
 * dashboard: one keep-alive Agent, bodies read whole, no retries.
 */

export const agent = new Agent({ keepAlive: true, maxSockets: 32 });

export interface Reply {
  status: number;
  body: Buffer;
  ms: number;
}

/** Wall-clock milliseconds since the epoch, with sub-millisecond precision. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** One request; `body` is sent as JSON unless a Content-Type says otherwise. */
export function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const h: Record<string, string | number> = { Accept: 'application/json', ...headers };
  if (payload !== undefined) {
    h['Content-Type'] ??= 'application/json';
    h['Content-Length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(new URL(path, base), { method, agent, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          ms: performance.now() - t0,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The reply of a request that must succeed (2xx); throws with the status and body otherwise. */
export async function expectOk(p: Promise<Reply>, what: string): Promise<Reply> {
  const r = await p;
  if (r.status < 200 || r.status >= 300)
    throw new Error(`${what}: HTTP ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
  return r;
}

/** The reply's body parsed as JSON. */
export function json<T>(r: Reply): T {
  return JSON.parse(r.body.toString('utf8')) as T;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `task(i)` for i in [0, total) with at most `concurrency` in flight. */
export async function pool(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < total; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
