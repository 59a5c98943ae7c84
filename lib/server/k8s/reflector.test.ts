import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { eventually, startTestCluster, type TestCluster } from '@/lib/sim/testing';

import { ManualClock } from './clock';
import type { Reflector, ReflectorEvent } from './reflector';
import { harness, recorded, states, type Harness } from './reflector-testkit';

const PODS = '/api/v1/pods';
const FAST = { baseMs: 20, capMs: 100 };

let tc: TestCluster;
let h: Harness;
const running: Reflector[] = [];

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'empty', bookmarkIntervalMs: 200 });
  h = harness(tc);
  for (let i = 0; i < 7; i++) await h.createPod(`seed-${i}`);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await h.call('DELETE', '/sim/v1/faults');
});
afterAll(() => tc?.stop());

function start(opts: Partial<Parameters<typeof recorded>[0]> = {}) {
  const rec = recorded({ kc: tc.kc, path: PODS, backoff: FAST, ...opts });
  running.push(rec.r);
  rec.r.start();
  return rec;
}

/** Waits until the reflector's cache equals a fresh list by UID and resourceVersion. */
async function inSync(cache: () => Map<string, string>): Promise<void> {
  const key = (m: Map<string, string>) => JSON.stringify([...m].sort());
  await eventually(async () => key(cache()) === key(await h.freshList(PODS)), 5000, 'in sync');
  expect(cache()).toEqual(await h.freshList(PODS));
}

/** The `status` events that carry an error with this HTTP code. */
const failures = (events: readonly ReflectorEvent[], code: number) =>
  events.filter((e) => e.type === 'status' && e.error?.kind === 'status' && e.error.code === code);

/**
 * With a manual clock, advances it (firing backoff sleeps) until `done`, never advancing
 * once `done` holds, so the sleep that follows stays pending: a disconnected gap.
 */
function advanceUntil(clock: ManualClock, done: () => boolean, what: string) {
  return eventually(
    () => {
      if (done()) return true;
      clock.advance(1000);
      return false;
    },
    5000,
    what,
  );
}

const synced = (events: readonly ReflectorEvent[]) => () => events.some((e) => e.type === 'synced');

/** Waits until the reflector's WATCH is open on the cluster. */
async function watchOpen(): Promise<void> {
  await eventually(async () => (await h.watchCount('pods')) === 1, 5000, 'a watch open');
}

async function podListRequests(): Promise<number> {
  const res = await fetch(`${tc.cluster.url}/metrics`);
  const text = await res.text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('apiserver_request_total{') && l.includes('verb="LIST"'))
    .filter((l) => l.includes('resource="pods"'))
    .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
}

describe('Reflector', () => {
  it('syncs to a fresh list, paging with limit and continue', async () => {
    const before = await podListRequests();
    const { r, events, cache } = start({ pageSize: 2 });
    await eventually(synced(events), 5000, 'synced');
    const first = events.find((e) => e.type === 'synced');
    const fresh = await h.freshList(PODS);
    expect(cache()).toEqual(fresh);
    expect(first?.type === 'synced' && first.items.length).toBe(fresh.size);
    expect(await podListRequests()).toBeGreaterThanOrEqual(before + Math.ceil(fresh.size / 2));
    expect(states(events)).toEqual(['syncing', 'synced']);
    expect(r.counters()).toMatchObject({ relists: 1, restarts: 0 });
  });

  it('delivers creations and deletions as upsert and delete', async () => {
    const { r, events, cache } = start();
    await eventually(synced(events), 5000, 'synced');
    const added = await h.createPod('added');
    await h.deletePod('seed-0');
    await inSync(cache);
    const upserts = events.filter((e) => e.type === 'upsert').map((e) => e.object.metadata.uid);
    const deletes = events.filter((e) => e.type === 'delete').map((e) => e.object.metadata.name);
    expect(upserts).toContain(added.uid);
    expect(deletes).toEqual(['seed-0']);
    expect(r.counters().events).toBeGreaterThan(0);
    await h.createPod('seed-0');
  });

  it('advances its resourceVersion with bookmarks', async () => {
    const { r, events } = start();
    await eventually(synced(events), 5000, 'synced');
    const { json } = await h.call('POST', '/api/v1/namespaces/default/configmaps', {
      metadata: { name: 'bump' },
    });
    const rv = (json as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    await eventually(() => r.lastResourceVersion === rv, 5000, 'bookmark at the configmap RV');
    expect(events.filter((e) => e.type === 'upsert')).toEqual([]);
  });

  it('re-watches from the last resourceVersion after a close, without relisting', async () => {
    const clock = new ManualClock();
    const { r, events, cache } = start({ clock });
    await eventually(synced(events), 5000, 'synced');
    await watchOpen();
    clock.advance(1000); // not a "very short watch", which client-go treats as an error
    await h.call('POST', '/sim/v1/watches/close');
    const added = await h.createPod('during-close');
    await h.deletePod('seed-1');
    await inSync(cache);
    expect(r.counters().relists).toBe(1);
    expect(events.some((e) => e.type === 'upsert' && e.object.metadata.uid === added.uid)).toBe(
      true,
    );
    expect(events.some((e) => e.type === 'delete' && e.object.metadata.name === 'seed-1')).toBe(
      true,
    );
    await h.createPod('seed-1');
  });

  it('relists after 410 Expired, catching up on what changed while disconnected', async () => {
    const clock = new ManualClock();
    const { r, events, cache } = start({ clock, backoff: { baseMs: 1000, capMs: 1000 } });
    await eventually(synced(events), 5000, 'synced');
    const gone = await h.createPod('expire-gone');
    const replaced = await h.createPod('expire-replaced');
    await inSync(cache);
    await h.call('POST', '/sim/v1/watches/expire', { count: 1 });
    await h.call('POST', '/sim/v1/watches/close');
    await advanceUntil(clock, () => failures(events, 410).length > 0, '410 Expired');
    expect(r.lastResourceVersion).toBe('');
    // Disconnected: the reflector sleeps on the manual clock until advanced.
    const added = await h.createPod('expire-added');
    await h.deletePod('expire-gone');
    await h.deletePod('expire-replaced');
    const again = await h.createPod('expire-replaced');
    clock.advance(1000);
    await eventually(() => r.counters().relists === 2, 5000, 'relist');
    await inSync(cache);
    const last = events.filter((e) => e.type === 'synced').at(-1);
    const uids = last?.type === 'synced' ? last.items.map((o) => o.metadata.uid) : [];
    expect(uids).toEqual(expect.arrayContaining([added.uid, again.uid]));
    expect(uids).not.toContain(gone.uid);
    expect(uids).not.toContain(replaced.uid);
    expect(states(events).slice(-3)).toEqual(['reconnecting', 'syncing', 'synced']);
  });

  it('gives delete then add for a pod recreated under its name while disconnected', async () => {
    const clock = new ManualClock();
    const { r, events, cache } = start({ clock, backoff: { baseMs: 1000, capMs: 1000 } });
    await eventually(synced(events), 5000, 'synced');
    const old = await h.createPod('reborn');
    await inSync(cache);
    await h.call('PUT', '/sim/v1/faults', { errorRate: 1 });
    await h.call('POST', '/sim/v1/watches/close');
    await advanceUntil(clock, () => failures(events, 500).length > 0, 'a 500 on re-watch');
    await h.call('DELETE', '/sim/v1/faults');
    await h.deletePod('reborn');
    const reborn = await h.createPod('reborn');
    const mark = events.length;
    clock.advance(1000);
    await inSync(cache);
    const changes = events
      .slice(mark)
      .filter((e) => e.type === 'upsert' || e.type === 'delete')
      .filter((e) => e.object.metadata.name === 'reborn')
      .map((e) => [e.type, e.object.metadata.uid]);
    // The old pod may first be modified (deletion), the new one modified after its creation.
    const deleteAt = changes.findIndex(([t, uid]) => t === 'delete' && uid === old.uid);
    const addAt = changes.findIndex(([t, uid]) => t === 'upsert' && uid === reborn.uid);
    expect(deleteAt).toBeGreaterThanOrEqual(0);
    expect(addAt).toBeGreaterThan(deleteAt);
    expect(changes.slice(deleteAt + 1).every(([, uid]) => uid === reborn.uid)).toBe(true);
    expect(changes.filter(([t]) => t === 'delete')).toHaveLength(1);
    expect(r.counters().relists).toBe(1);
  });

  it('reports reconnecting while every request fails, and recovers', async () => {
    const clock = new ManualClock();
    const { r, events, cache } = start({ clock });
    await eventually(synced(events), 5000, 'synced');
    await watchOpen();
    clock.advance(1000);
    await h.call('PUT', '/sim/v1/faults', { errorRate: 1 });
    await h.call('POST', '/sim/v1/watches/close');
    // The backoff runs on the manual clock: each poll moves it past the (fast) backoff cap.
    const after = (check: () => boolean) => () => {
      clock.advance(100);
      return check();
    };
    await eventually(
      after(() => failures(events, 500).length >= 3),
      5000,
      'three failures',
    );
    expect(states(events).at(-1)).toBe('reconnecting');
    await h.call('DELETE', '/sim/v1/faults');
    await eventually(
      after(() => states(events).at(-1) === 'synced'),
      5000,
      'synced again',
    );
    const added = await h.createPod('after-faults');
    await inSync(cache);
    expect(r.items().map((o) => o.metadata.uid)).toContain(added.uid);
    expect(r.counters()).toMatchObject({ relists: 1 });
    expect(r.counters().restarts).toBeGreaterThanOrEqual(3);
  });

  it('keeps exactly one watch open, and none once stopped', async () => {
    const { r, events } = start();
    await eventually(synced(events), 5000, 'synced');
    for (let i = 0; i < 3; i++) {
      await eventually(async () => (await h.watchCount('pods')) === 1, 5000, 'one watch');
      await h.call('POST', '/sim/v1/watches/close');
    }
    await eventually(async () => (await h.watchCount('pods')) === 1, 5000, 'one watch');
    await new Promise((done) => setTimeout(done, 300));
    expect(await h.watchCount('pods')).toBe(1);
    await r.stop();
    await eventually(async () => (await h.watchCount('pods')) === 0, 5000, 'no watch');
  });

  it('restarts a silent watch once the watchdog fires', async () => {
    const clock = new ManualClock();
    const { r, events } = start({ clock, random: () => 0 });
    await eventually(synced(events), 5000, 'synced');
    await eventually(async () => (await h.watchCount('pods')) === 1, 5000, 'one watch');
    clock.advance(359_000);
    expect(states(events)).not.toContain('stale');
    clock.advance(1_001);
    await eventually(() => states(events).includes('stale'), 5000, 'stale');
    await eventually(() => states(events).at(-1) === 'synced', 5000, 'synced again');
    await eventually(async () => (await h.watchCount('pods')) === 1, 5000, 'one watch');
    expect(r.counters()).toMatchObject({ relists: 1, restarts: 1 });
  });

  it('lists and watches a policy/v1 collection too', async () => {
    const path = '/apis/policy/v1/poddisruptionbudgets';
    const { events, r } = start({ path });
    await eventually(synced(events), 5000, 'synced');
    const { status } = await h.call(
      'POST',
      '/apis/policy/v1/namespaces/default/poddisruptionbudgets',
      {
        metadata: { name: 'pdb' },
        spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'x' } } },
      },
    );
    expect(status).toBe(201);
    await eventually(() => r.items().some((o) => o.metadata.name === 'pdb'), 5000, 'pdb seen');
  });

  it('waits at least Retry-After after a 429, and lists with an empty resourceVersion', async () => {
    await h.call('PUT', '/sim/v1/faults', { throttleRate: 1, retryAfterSeconds: 2 });
    const clock = new ManualClock();
    const { events, cache } = start({ clock });
    await eventually(() => failures(events, 429).length === 1, 5000, 'a 429');
    const first = failures(events, 429)[0];
    expect(first?.type === 'status' && first.error).toMatchObject({ retryAfterSeconds: 2 });
    clock.advance(1900);
    await new Promise((done) => setTimeout(done, 200));
    expect(failures(events, 429)).toHaveLength(1);
    await h.call('DELETE', '/sim/v1/faults');
    clock.advance(100);
    await eventually(synced(events), 5000, 'synced');
    await inSync(cache);
  });
});
