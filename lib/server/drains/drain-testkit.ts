import { execFile as execFileCb } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, onTestFinished } from 'vitest';

import { DrainViewSchema, type DrainView } from '@/lib/domain/drains';
import { eventually, kubectlEnv } from '@/lib/sim/testing';

import { realClock } from '../k8s/clock';
import { LiveClusters } from '../live/live-clusters';
import { liveStateOf } from '../evictions/process';
import { RetryQueue } from '../evictions/retry-queue';
import { ORIGIN, type RouteKit } from '../evictions/route-testkit';
import type { EvictionStore } from '../store/eviction-store';
import { TimelineRecorder } from '../timelines/recorder';
import {
  cordonRoute,
  drainRoute,
  planRoute,
  startDrainRoute,
  stopDrainRoute,
  type DrainRouteDeps,
} from './routes';
import { DrainRunner } from './runner';

const execFile = promisify(execFileCb);

/** A dashboard's background work on `store`: watches, timeline recorder, retry queue, drains. */
export interface Dashboard {
  runner: DrainRunner;
  queue: RetryQueue;
  deps: DrainRouteDeps;
  /** Stops it all, as a process exit would (the store stays open). */
  stop: () => Promise<void>;
}

/** Starts a dashboard's background work on `store`, stopped when the test ends. */
export function dashboardOn(kit: RouteKit, store: EvictionStore): Dashboard {
  const live = new LiveClusters(kit.registry, { lingerMs: 0 });
  const recorder = new TimelineRecorder(store.timelines, realClock, 86_400_000);
  const queue: RetryQueue = new RetryQueue({
    attempt: {
      ...kit.deps(),
      store,
      liveState: liveStateOf(live),
      onQueued: (cluster, id) => queue.added(cluster, id),
      onAttempt: (id) => {
        const attempt = store.attempt(id);
        if (attempt !== undefined) recorder.attempt(attempt);
      },
    },
    watchOf: (cluster) => live.get(cluster),
    clock: realClock,
    random: () => 0.5,
    evictionsPerSecond: 5,
  });
  void live.observe((w) => {
    queue.seed(w);
    recorder.attach(w);
  });
  const runner = new DrainRunner({
    store,
    registry: kit.registry,
    queue,
    watchOf: (cluster) => live.get(cluster),
    clock: realClock,
  });
  queue.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    runner.close();
    await queue.close();
    recorder.close();
    await live.close();
  };
  onTestFinished(stop);
  return { runner, queue, deps: { registry: kit.registry, runner, who: 'tester' }, stop };
}

const json = { Origin: ORIGIN, 'Content-Type': 'application/json' };

/** A POST to a drain route, from our own page. */
export function post(url: string, body: unknown): Request {
  return new Request(`${ORIGIN}${url}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify(body),
  });
}

/** Calls the plan route; its code and body. */
export async function plan(d: Dashboard, body: unknown): Promise<{ code: number; body: unknown }> {
  const res = await planRoute(d.deps, post('/api/clusters/sim/drains/plan', body), 'sim');
  return { code: res.status, body: await res.json() };
}

/** Starts a drain through its route; the 202's drain. */
export async function start(d: Dashboard, body: unknown): Promise<DrainView> {
  const res = await startDrainRoute(d.deps, post('/api/clusters/sim/drains', body), 'sim');
  const answer = (await res.json()) as unknown;
  expect(res.status, JSON.stringify(answer)).toBe(202);
  return DrainViewSchema.parse(answer);
}

/** Reads a drain through its route. */
export async function read(d: Dashboard, id: number): Promise<DrainView> {
  const res = await drainRoute(d.deps, { cluster: 'sim', id: String(id) });
  expect(res.status).toBe(200);
  return DrainViewSchema.parse(await res.json());
}

/** Stops a drain through its route; its code and body. */
export async function stopDrain(
  d: Dashboard,
  id: number,
): Promise<{ code: number; body: unknown }> {
  const req = new Request(`${ORIGIN}/api/clusters/sim/drains/${id}`, {
    method: 'DELETE',
    headers: json,
  });
  const res = await stopDrainRoute(d.deps, req, { cluster: 'sim', id: String(id) });
  return { code: res.status, body: await res.json() };
}

/** Cordons or uncordons through the node routes; its code and body. */
export async function cordon(
  d: Dashboard,
  node: string,
  on: boolean,
): Promise<{ code: number; body: unknown }> {
  const verb = on ? 'cordon' : 'uncordon';
  const req = post(`/api/clusters/sim/nodes/${node}/${verb}`, {});
  const res = await cordonRoute(d.deps, req, { cluster: 'sim', node }, on);
  return { code: res.status, body: await res.json() };
}

/** Reads drain `id` until `ok` holds; the drain then. */
export function until(
  d: Dashboard,
  id: number,
  ok: (v: DrainView) => boolean,
  timeoutMs = 40_000,
): Promise<DrainView> {
  return eventually(
    async () => {
      const v = await read(d, id);
      return ok(v) && v;
    },
    timeoutMs,
    `drain ${id}`,
  );
}

/** Runs the real kubectl against the kit's cluster; exit code and output whatever the code. */
export async function kubectl(
  kit: RouteKit,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = ['--kubeconfig', kit.tc.kubeconfigPath, '--cache-dir', join(kit.tc.dir, 'cache')];
  try {
    const { stdout, stderr } = await execFile('/usr/bin/kubectl', [...argv, ...args], {
      env: kubectlEnv(kit.tc.dir),
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
