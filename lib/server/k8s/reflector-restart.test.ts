import { afterEach, describe, expect, it } from 'vitest';

import { ManualClock } from '@/lib/sim/clock';
import { eventually, startTestCluster, type TestCluster } from '@/lib/sim/testing';

import type { Reflector, ReflectorEvent } from './reflector';
import { openRequest } from './reflector-http';
import { streamWatch } from './reflector-stream';
import { harness, recorded, states, type Harness } from './reflector-testkit';

/**
 * An API server restart on another store (a restored or wiped etcd): the reflector's
 * resourceVersion belongs to a history the new server does not have.
 */

const PODS = '/api/v1/pods';
const FAST = { baseMs: 20, capMs: 100 };
const TOKEN = 'reflector-restart';

const clusters: TestCluster[] = [];
const running: Reflector[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await Promise.all(clusters.splice(0).map((c) => c.stop()));
});

async function cluster(opts: Parameters<typeof startTestCluster>[0]): Promise<TestCluster> {
  const tc = await startTestCluster({ scenario: 'empty', token: TOKEN, ...opts });
  clusters.push(tc);
  return tc;
}

/** Stops `tc` for good: its port is free for the next cluster. */
async function stop(tc: TestCluster): Promise<void> {
  clusters.splice(clusters.indexOf(tc), 1);
  await tc.stop();
}

/** Waits until the reflector's cache equals a fresh list by UID and resourceVersion. */
async function inSync(cache: () => Map<string, string>, h: Harness): Promise<void> {
  const key = (m: Map<string, string>) => JSON.stringify([...m].sort());
  await eventually(async () => key(cache()) === key(await h.freshList(PODS)), 5000, 'in sync');
  expect(cache()).toEqual(await h.freshList(PODS));
}

const errors = (events: readonly ReflectorEvent[]) =>
  events.flatMap((e) => (e.type === 'status' && e.error !== undefined ? [e.error] : []));

/**
 * A reflector in sync with a cluster holding `pods` pods named old-N, then that cluster stopped
 * and a new, empty one started on its port with the same token.
 */
async function restartUnder(pods: number) {
  const old = await cluster({});
  const oldH = harness(old);
  for (let i = 0; i < pods; i++) await oldH.createPod(`old-${i}`);
  const rec = recorded({ kc: old.kc, path: PODS, backoff: FAST });
  running.push(rec.r);
  rec.r.start();
  await inSync(rec.cache, oldH);
  const rvBefore = Number(rec.r.lastResourceVersion);
  await stop(old);
  const fresh = await cluster({ port: old.cluster.port });
  return { ...rec, rvBefore, fresh, h: harness(fresh) };
}

describe('Reflector across an API server restart', () => {
  it('converges on the new state when resourceVersions went back, without being restarted', async () => {
    const { r, events, cache, rvBefore, fresh, h } = await restartUnder(30);
    await h.createPod('new-a');
    await h.createPod('new-b');
    expect(fresh.cluster.store.resourceVersion).toBeLessThan(rvBefore);

    await inSync(cache, h);
    expect(
      r
        .items()
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['new-a', 'new-b']);
    expect(Number(r.lastResourceVersion)).toBeLessThan(rvBefore);
    expect(r.counters().relists).toBe(2);
    expect(states(events).slice(-3)).toEqual(['reconnecting', 'syncing', 'synced']);
    expect(errors(events).every((e) => e.kind === 'unreachable')).toBe(true);
  });

  it('drops what is gone when the restarted server has already passed its resourceVersion', async () => {
    const { r, events, cache, rvBefore, fresh, h } = await restartUnder(5);
    for (let i = 0; fresh.cluster.store.resourceVersion <= rvBefore + 5; i++) {
      await h.createPod(`filler-${i}`);
    }
    // A WATCH from rvBefore would now resume on the new history and keep old-0…old-4.
    await inSync(cache, h);
    expect(r.items().some((o) => o.metadata.name.startsWith('old-'))).toBe(false);
    expect(r.counters().relists).toBe(2);
    expect(errors(events).every((e) => e.kind === 'unreachable')).toBe(true);
  });

  it('reads "Too large resource version" from a watch ERROR event as from a LIST', async () => {
    const clock = new ManualClock();
    const tc = await cluster({ clock });
    const rv = String(tc.cluster.store.resourceVersion + 10);
    const query = {
      watch: 'true',
      sendInitialEvents: 'true',
      allowWatchBookmarks: 'true',
      resourceVersionMatch: 'NotOlderThan',
      resourceVersion: rv,
    };
    const before = clock.pendingCount;
    const opening = openRequest(tc.kc, PODS, query, new AbortController().signal);
    await eventually(() => clock.pendingCount > before, 5000, 'the server to wait');
    clock.advance(3000);
    const res = await opening;
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(await streamWatch(res.value, () => undefined)).toEqual({
      ok: false,
      error: {
        kind: 'status',
        code: 504,
        reason: 'Timeout',
        message: `Timeout: Too large resource version: ${rv}, current: ${tc.cluster.store.resourceVersion}`,
        tooLargeResourceVersion: true,
      },
    });
  });
});
