import { onTestFinished, describe, expect, it } from 'vitest';

import { RetryListSchema, RetryViewSchema } from '@/lib/domain/retries';
import { eventually } from '@/lib/sim/testing';

import { realClock } from '../k8s/clock';
import { LiveClusters } from '../live/live-clusters';
import { EvictionStore } from '../store/eviction-store';
import type { RetryRecord } from '../store/retry-store';
import { evict } from './evict';
import { liveStateOf } from './process';
import { RetryQueue } from './retry-queue';
import { cancelRetryRoute, retriesRoute, retryNowRoute, type RetryRouteDeps } from './retry-routes';
import { nameOf, ORIGIN, uidOf, useRouteKit } from './route-testkit';

/**
 * The durable retry queue against the embedded cluster over real HTTP: woken by the live
 * budget, settled by each answer, resumed after a restart without a second eviction, and its
 * routes.
 */

const kit = useRouteKit();

/** A queue (and its live watches) on `store`, closed when the test ends. */
function queueOn(store: EvictionStore): { queue: RetryQueue; live: LiveClusters } {
  const live = new LiveClusters(kit.registry, { lingerMs: 0 });
  const deps = { ...kit.deps(), store, liveState: liveStateOf(live) };
  const queue: RetryQueue = new RetryQueue({
    attempt: { ...deps, onQueued: (cluster, id) => queue.added(cluster, id) },
    watchOf: (cluster) => live.get(cluster),
    clock: realClock,
    random: () => 0.5,
    evictionsPerSecond: 5,
  });
  void live.observe((w) => queue.seed(w));
  onTestFinished(async () => {
    await queue.close();
    await live.close();
  });
  return { queue, live };
}

/** Waits until entry `id` is no longer pending; returns it. */
function settled(store: EvictionStore, id: number, timeoutMs = 30_000): Promise<RetryRecord> {
  return eventually(
    () => {
      const entry = store.retries.get(id);
      return entry !== undefined && entry.state !== 'pending' && entry.inFlightAttempt === null
        ? entry
        : false;
    },
    timeoutMs,
    `retry ${id} settled`,
  );
}

/** Two fast bare pods under a budget that allows no disruption; their names and UIDs. */
async function blockedPair(): Promise<{ ns: string; pods: { name: string; uid: string }[] }> {
  const ns = await kit.namespace();
  const pods = [];
  for (const name of ['a', 'b']) {
    const pod = await kit.readyPod(ns, name);
    pods.push({ name, uid: uidOf(pod) });
  }
  await kit.api('POST', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, {
    metadata: { name: 'keep-both' },
    spec: { minAvailable: 2, selector: {} },
  });
  await eventually(async () => {
    const b = await kit.api<{ status?: { expectedPods?: number } }>(
      'GET',
      `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/keep-both`,
    );
    return b.status?.expectedPods === 2;
  });
  return { ns, pods };
}

/** Repeated successful evictions of one UID, from the cluster's own /metrics. */
async function repeatedEvictions(): Promise<number> {
  const text = await (await fetch(`${kit.tc.cluster.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('drainboard_sim_evictions_repeated_total'));
  if (line === undefined)
    throw new Error('the cluster exports no drainboard_sim_evictions_repeated_total');
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

function routeDeps(store: EvictionStore, queue: RetryQueue): RetryRouteDeps {
  return { registry: kit.registry, store, queue, who: 'tester', stuck: () => Promise.resolve([]) };
}

describe('the retry queue', () => {
  it('accepts a blocked eviction without any click once the first one’s replacement is Ready', async () => {
    const { queue } = queueOn(kit.store);
    const pods = await kit.demoPods('web', 3);
    const [first, second] = pods;
    if (!first || !second) throw new Error('no web pods');
    const before = await kit.counters();
    const deps = { ...kit.deps(), onQueued: (c: string, id: number) => queue.added(c, id) };
    const one = await evict(deps, {
      cluster: 'sim',
      namespace: 'shop',
      pod: nameOf(first),
      request: { uid: uidOf(first), retry: true },
    });
    expect(one.outcome).toBe('evicted');
    const two = await evict(deps, {
      cluster: 'sim',
      namespace: 'shop',
      pod: nameOf(second),
      request: { uid: uidOf(second), retry: true },
    });
    expect(two).toMatchObject({ outcome: 'queued', budget: 'web' });
    const id = two.retryId ?? -1;
    const entry = await settled(kit.store, id);
    expect(entry).toMatchObject({ state: 'evicted', budget: 'web', reason: null });
    expect(entry.attempts).toBeGreaterThanOrEqual(2);
    const pod = await kit.read('shop', nameOf(second));
    expect(
      pod.metadata?.uid === uidOf(second) ? pod.metadata.deletionTimestamp : 'gone',
    ).toBeTruthy();
    const view = RetryViewSchema.parse(kit.store.retries.view(id));
    expect(view).toMatchObject({ state: 'evicted', nextAttemptAt: null, inFlight: false });
    expect(view.lastAnswer).toMatchObject({ outcome: 'evicted', clusterCode: 201 });
    // One accepted eviction each, and the waiting one probed at most a few times.
    const sent = (await kit.counters()).evictions - before.evictions;
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThanOrEqual(3 + entry.attempts);
    expect(
      kit.store.list({ cluster: 'sim', pod: nameOf(second), namespace: 'shop', limit: 50 }).length,
    ).toBe(entry.attempts);
  });

  it('after a restart, settles an attempt that was in flight from the cluster, never evicting twice', async () => {
    const { ns, pods } = await blockedPair();
    const [a, b] = pods;
    if (!a || !b) throw new Error('no pods');
    const ids: number[] = [];
    for (const p of [a, b]) {
      const answer = await evict(kit.deps(), {
        cluster: 'sim',
        namespace: ns,
        pod: p.name,
        request: { uid: p.uid, retry: true },
      });
      expect(answer.outcome).toBe('queued');
      ids.push(answer.retryId ?? -1);
    }
    // The process that died had sent both retries: a's reached the cluster and was accepted
    // (the budget is gone by then), b's never left.
    const options = { dryRun: false, gracePeriodSeconds: null, retry: true };
    for (const [i, p] of [a, b].entries()) {
      kit.store.begin(
        {
          action: 'evict',
          time: new Date().toISOString(),
          who: 'tester',
          cluster: 'sim',
          namespace: ns,
          pod: p.name,
          uid: p.uid,
          options,
        },
        ids[i],
      );
    }
    await kit.api('DELETE', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/keep-both`);
    await kit.api('POST', `/api/v1/namespaces/${ns}/pods/a/eviction`, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'a', namespace: ns },
      deleteOptions: { preconditions: { uid: a.uid } },
    });
    const repeatedBefore = await repeatedEvictions();
    const before = await kit.counters();

    const reopened = EvictionStore.open(kit.dataDir);
    onTestFinished(() => reopened.close());
    const { queue } = queueOn(reopened);
    queue.start();
    const [ea, eb] = [await settled(reopened, ids[0] ?? -1), await settled(reopened, ids[1] ?? -1)];
    expect(ea).toMatchObject({ state: 'evicted', attempts: 1 });
    expect(ea.reason).toMatch(/in flight when Drainboard stopped/);
    expect(eb).toMatchObject({ state: 'evicted', attempts: 2, reason: null });
    expect((await kit.counters()).evictions - before.evictions).toBe(1);
    expect(await repeatedEvictions()).toBe(repeatedBefore);
  });

  it('expires an entry at its deadline, and its routes list, retry and cancel', async () => {
    const { ns, pods } = await blockedPair();
    const [a, b] = pods;
    if (!a || !b) throw new Error('no pods');
    const { queue } = queueOn(kit.store);
    // The longest first backoff (5 s), so that only Retry now can attempt sooner.
    const deps = {
      ...kit.deps(),
      random: () => 0.999,
      onQueued: (c: string, id: number) => queue.added(c, id),
    };
    const short = await evict(deps, {
      cluster: 'sim',
      namespace: ns,
      pod: a.name,
      request: { uid: a.uid, retry: true, retryDeadlineSeconds: 2 },
    });
    const long = await evict(deps, {
      cluster: 'sim',
      namespace: ns,
      pod: b.name,
      request: { uid: b.uid, retry: true },
    });
    const rd = routeDeps(kit.store, queue);
    const post = (path: string, method = 'POST', origin = ORIGIN) =>
      new Request(`${ORIGIN}/api/clusters/sim/retries/${path}`, {
        method,
        headers: { Origin: origin },
      });
    const id = String(long.retryId);
    const attemptsBefore = kit.store.retries.get(Number(id))?.attempts ?? 0;
    expect((await retryNowRoute(rd, post(`${id}/retry-now`), { cluster: 'sim', id })).status).toBe(
      202,
    );
    // Second in line behind a, its timer 5 s away: only Retry now sends it at once.
    await eventually(
      () => kit.store.retries.get(Number(id))?.attempts === attemptsBefore + 1,
      1_000,
      'retry now sent an attempt',
    );
    const expired = await settled(kit.store, short.retryId ?? -1, 10_000);
    expect(expired).toMatchObject({ state: 'expired' });
    expect(expired.reason).toMatch(/deadline passed/);

    const list = RetryListSchema.parse(
      await (
        await retriesRoute(rd, new Request(`${ORIGIN}/api/clusters/sim/retries`), 'sim')
      ).json(),
    );
    const mine = list.filter((e) => e.namespace === ns);
    expect(mine.map((e) => e.id)).toEqual([long.retryId, short.retryId]);
    expect(mine[0]).toMatchObject({ state: 'pending', budget: 'keep-both', stuck: false });
    expect(mine[0]?.lastAnswer?.cause).toBe(
      'The disruption budget keep-both needs 2 healthy pods and has 2 currently',
    );

    expect((await retryNowRoute(rd, post('0/retry-now'), { cluster: 'sim', id: '0' })).status).toBe(
      400,
    );
    expect(
      (await retryNowRoute(rd, post('999999/retry-now'), { cluster: 'sim', id: '999999' })).status,
    ).toBe(404);
    const crossSite = post(id, 'DELETE', 'http://evil.example');
    expect((await cancelRetryRoute(rd, crossSite, { cluster: 'sim', id })).status).toBe(400);
    expect(kit.store.retries.get(Number(id))?.state).toBe('pending');
    const cancel = await cancelRetryRoute(rd, post(id, 'DELETE'), { cluster: 'sim', id });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({
      state: 'cancelled',
      reason: 'Cancelled by tester.',
    });
    const again = await cancelRetryRoute(rd, post(id, 'DELETE'), { cluster: 'sim', id });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'not-pending' });
  });

  it('records the truth when an entry is cancelled while its accepted attempt is in flight', async () => {
    const { ns, pods } = await blockedPair();
    const [a] = pods;
    if (!a) throw new Error('no pods');
    const { queue, live } = queueOn(kit.store);
    const deps = {
      ...kit.deps(),
      random: () => 0.999,
      onQueued: (c: string, id: number) => queue.added(c, id),
    };
    const answer = await evict(deps, {
      cluster: 'sim',
      namespace: ns,
      pod: a.name,
      request: { uid: a.uid, retry: true },
    });
    const id = answer.retryId ?? -1;
    expect(await (await live.get('sim'))?.whenSynced(15_000)).toBe(true);
    await kit.api('DELETE', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/keep-both`);
    await kit.faults({ latencyMs: 1500 });
    onTestFinished(() => kit.faults());
    expect(queue.retryNow('sim', id)).toMatchObject({ state: 'pending' });
    await eventually(() => kit.store.retries.get(id)?.inFlightAttempt !== null, 3_000, 'in flight');
    expect(queue.cancel('sim', id, 'tester')).toMatchObject({ state: 'cancelled' });
    await eventually(
      () =>
        kit.store.list({ cluster: 'sim', namespace: ns, pod: a.name, limit: 1 })[0]?.outcome ??
        false,
      10_000,
      'the attempt answered',
    );
    const entry = kit.store.retries.get(id);
    expect(entry?.state).toBe('evicted');
    expect(entry?.reason).toBe(
      'Cancelled by tester. The attempt already in flight was answered: evicted.',
    );
  });
});
