import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';

import { httpClient, type Reply } from '../sim/bench/bench-kit';

/**
 * The stream benchmark's requests to the embedded cluster and the dashboard: bench-kit's plain
 * node:http client over one keep-alive Agent, bodies read whole, no retries.
 */

export const agent = new Agent({ keepAlive: true, maxSockets: 32 });
export const { call, mergePatch } = httpClient(agent);

/** Wall-clock milliseconds since the epoch, with sub-millisecond precision. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

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
