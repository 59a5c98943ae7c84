/**
 * The embedded cluster of bench-sim.ts, run in a child process so that the benchmark's
 * client work (serialising, parsing) does not share an event loop with the server it
 * measures. Talks to the parent over the fork IPC channel; see {@link ChildMessage}.
 */
import { performance } from 'node:perf_hooks';
import { startCluster } from '../cluster';
import type { KObject } from '../store/types';

/** Parent → child. */
export type ParentMessage =
  { type: 'track'; namespace: string; total: number } | { type: 'stats' } | { type: 'stop' };

/** Child → parent. `at` is wall-clock milliseconds (timeOrigin + performance.now()). */
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'milestone'; name: Milestone; at: number }
  | { type: 'stats'; maxRssKiB: number; rssBytes: number; heapUsedBytes: number }
  | { type: 'stopped' };

export type Milestone = 'bound' | 'running' | 'ready';

const send = (m: ChildMessage): void => {
  process.send?.(m);
};
const wallNow = (): number => performance.timeOrigin + performance.now();

function isReady(pod: KObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

async function main(): Promise<void> {
  const cluster = await startCluster({ port: 0, scenario: 'empty' });

  // Milestones of the pods the parent creates, seen from the store's own event stream:
  // O(1) per write, so it costs the server next to nothing.
  let tracked: { namespace: string; total: number } | undefined;
  const sets: Record<Milestone, Set<string>> = {
    bound: new Set(),
    running: new Set(),
    ready: new Set(),
  };
  const reached = new Set<Milestone>();
  cluster.store.subscribe((e) => {
    if (!tracked || e.resource !== 'pods') return;
    const pod = e.object;
    if (pod.metadata.namespace !== tracked.namespace) return;
    const name = pod.metadata.name ?? '';
    const state: Record<Milestone, boolean> = {
      bound: e.type !== 'DELETED' && Boolean(pod.spec?.nodeName),
      running: e.type !== 'DELETED' && pod.status?.phase === 'Running',
      ready: e.type !== 'DELETED' && isReady(pod),
    };
    for (const m of ['bound', 'running', 'ready'] as const) {
      if (state[m]) sets[m].add(name);
      else sets[m].delete(name);
      if (!reached.has(m) && sets[m].size >= tracked.total) {
        reached.add(m);
        send({ type: 'milestone', name: m, at: wallNow() });
      }
    }
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= cluster.stop());

  process.on('message', (raw) => {
    const m = raw as ParentMessage;
    if (m.type === 'track') {
      tracked = { namespace: m.namespace, total: m.total };
    } else if (m.type === 'stats') {
      const mem = process.memoryUsage();
      send({
        type: 'stats',
        maxRssKiB: process.resourceUsage().maxRSS,
        rssBytes: mem.rss,
        heapUsedBytes: mem.heapUsed,
      });
    } else if (m.type === 'stop') {
      void stop().then(() => {
        send({ type: 'stopped' });
        process.disconnect();
        // Everything should be closed by now; do not let a stray handle keep us alive.
        setTimeout(() => process.exit(0), 2_000).unref();
      });
    }
  });
  // The parent died without saying stop: do not linger.
  process.on('disconnect', () => {
    void stop().finally(() => setTimeout(() => process.exit(0), 2_000).unref());
  });
  send({ type: 'ready', url: cluster.url });
}

main().catch((err: unknown) => {
  console.error('sim-child:', err);
  process.exit(1);
});
