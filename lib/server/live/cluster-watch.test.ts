import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ResourceSchema, type Resource, type Snapshot } from '@/lib/domain/changes';
import { eventually, startTestCluster, type TestCluster } from '@/lib/sim/testing';

import { ManualClock } from '../k8s/clock';
import { toView } from '../model/resources';
import { consume } from '../stream/sse-testkit';
import { ClusterWatch, WATCH_PATHS } from './cluster-watch';

const FAST = { backoff: { baseMs: 20, capMs: 200 } };

/** The sim's resource names, for its WATCH gauge. */
const SIM_RESOURCE: Record<Resource, string> = {
  pods: 'pods',
  budgets: 'poddisruptionbudgets',
  nodes: 'nodes',
  endpointslices: 'endpointslices',
  replicasets: 'replicasets',
  deployments: 'deployments',
  statefulsets: 'statefulsets',
  daemonsets: 'daemonsets',
  events: 'events',
};

let tc: TestCluster;
const watches: ClusterWatch[] = [];

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'demo', bookmarkIntervalMs: 500 });
});
afterEach(async () => {
  await Promise.all(watches.splice(0).map((w) => w.close()));
  await sim('DELETE', '/sim/v1/faults');
});
afterAll(() => tc?.stop());

async function sim(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${tc.cluster.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return text === '' ? undefined : JSON.parse(text);
}

function newWatch(opts: ConstructorParameters<typeof ClusterWatch>[2] = {}): ClusterWatch {
  const w = new ClusterWatch('sim', tc.kc, { reflector: FAST, ...opts });
  watches.push(w);
  return w;
}

/** Open WATCH requests per resource, from the cluster's own /metrics. */
async function openWatches(): Promise<Record<string, number>> {
  const text = await (await fetch(`${tc.cluster.url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('apiserver_longrunning_requests{') || !line.includes('verb="WATCH"'))
      continue;
    const resource = /resource="([^"]*)"/.exec(line)?.[1] ?? '';
    out[resource] = (out[resource] ?? 0) + Number(line.split(' ').at(-1));
  }
  return out;
}

const oneWatchPerKind = Object.fromEntries(ResourceSchema.options.map((r) => [SIM_RESOURCE[r], 1]));

async function watchedCounts(): Promise<Record<string, number>> {
  const all = await openWatches();
  return Object.fromEntries(Object.values(SIM_RESOURCE).map((r) => [r, all[r] ?? 0]));
}

/** A fresh LIST of `resource`: uid → resourceVersion, and the views the model should hold. */
async function freshList(resource: Resource) {
  const list = (await sim('GET', WATCH_PATHS[resource])) as {
    items: { metadata: { uid: string; resourceVersion: string } }[];
  };
  return {
    versions: new Map(list.items.map((i) => [i.metadata.uid, i.metadata.resourceVersion])),
    views: list.items.map((i) => JSON.stringify(toView(resource, i as never))).sort(),
  };
}

const SNAPSHOT_KEY: Record<Resource, (s: Snapshot) => { uid: string }[]> = {
  pods: (s) => s.pods,
  budgets: (s) => s.budgets,
  nodes: (s) => s.nodes,
  endpointslices: (s) => s.endpoints,
  replicasets: (s) => s.owners.filter((o) => o.kind === 'ReplicaSet'),
  deployments: (s) => s.owners.filter((o) => o.kind === 'Deployment'),
  statefulsets: (s) => s.owners.filter((o) => o.kind === 'StatefulSet'),
  daemonsets: (s) => s.owners.filter((o) => o.kind === 'DaemonSet'),
  events: (s) => s.events,
};

/**
 * Waits until, for every watched kind but events (the model keeps only recent ones), the
 * reflector's cache equals a fresh list by UID and resourceVersion and the model's views are
 * exactly the fresh list's views. Node views carry pod counts, so nodes compare by UID.
 */
async function converged(w: ClusterWatch): Promise<void> {
  const check = async () => {
    for (const resource of ResourceSchema.options) {
      if (resource === 'events') continue;
      const fresh = await freshList(resource);
      const cached = new Map(
        w.objects(resource).map((o) => [o.metadata.uid, o.metadata.resourceVersion]),
      );
      if (JSON.stringify([...cached].sort()) !== JSON.stringify([...fresh.versions].sort()))
        return false;
      const held = SNAPSHOT_KEY[resource](w.model.snapshot());
      if (resource === 'nodes') {
        if (
          JSON.stringify(held.map((v) => v.uid).sort()) !==
          JSON.stringify([...fresh.versions.keys()].sort())
        )
          return false;
      } else if (
        JSON.stringify(held.map((v) => JSON.stringify(v)).sort()) !== JSON.stringify(fresh.views)
      ) {
        return false;
      }
    }
    return true;
  };
  await eventually(check, 10_000, 'the model equals a fresh list');
}

describe('ClusterWatch', () => {
  it('opens exactly one watch per kind for 3 and for 50 stream clients', async () => {
    const w = newWatch();
    const abort = new AbortController();
    const open = (n: number) =>
      Array.from({ length: n }, () =>
        w.stream(new Request('http://x/stream', { signal: abort.signal })),
      );
    const three = open(3);
    expect(await w.whenSynced(10_000)).toBe(true);
    await eventually(
      async () => JSON.stringify(await watchedCounts()) === JSON.stringify(oneWatchPerKind),
    );
    const more = open(47);
    expect(w.hub.stats.clients).toBe(50);
    expect(await watchedCounts()).toEqual(oneWatchPerKind);
    for (const r of [...three, ...more]) await r.body?.cancel();
    abort.abort();
    expect(w.hub.stats.clients).toBe(0);
  });

  it('stops watching a while after the last client leaves, and starts again with the next', async () => {
    const clock = new ManualClock();
    const w = newWatch({ clock, lingerMs: 60_000 });
    const release = w.acquire();
    await eventually(() => w.model.snapshot().pods.length > 0);
    release();
    clock.advance(59_000);
    expect(w.isWatching).toBe(true);
    clock.advance(1_000);
    expect(w.isWatching).toBe(false);
    await eventually(async () => (await watchedCounts()).pods === 0);
    expect(w.model.snapshot().watchStatus.pods).toEqual({
      state: 'syncing',
      message: 'not watched: no client for a while',
    });
    const again = w.acquire();
    expect(await w.whenSynced(10_000)).toBe(true);
    expect((await watchedCounts()).pods).toBe(1);
    again();
  });

  it('a client coming back within the linger keeps the same watches', async () => {
    const clock = new ManualClock();
    const w = newWatch({ clock, lingerMs: 60_000 });
    w.acquire()();
    clock.advance(30_000);
    const release = w.acquire();
    clock.advance(60_000);
    expect(w.isWatching).toBe(true);
    release();
  });

  it('converges to a fresh list after every watch is closed and after a forced 410', async () => {
    const w = newWatch();
    const release = w.acquire();
    expect(await w.whenSynced(10_000)).toBe(true);
    await converged(w);

    const statuses: string[] = [];
    w.model.subscribe((e) => {
      if (e.kind === 'watch-status' && e.resource === 'pods') statuses.push(e.state);
    });
    await sim('POST', '/sim/v1/watches/close');
    await sim('DELETE', '/api/v1/namespaces/shop/pods/debug-shell');
    await converged(w);

    // Every watch request gets 410 until each kind has relisted at least once more.
    await sim('POST', '/sim/v1/watches/expire', { count: 1000 });
    await sim('POST', '/sim/v1/watches/close');
    await eventually(() => ResourceSchema.options.every((r) => w.counters()[r].relists >= 2));
    await sim('DELETE', '/sim/v1/faults');
    await sim('POST', '/api/v1/namespaces/shop/pods/debug-shell/eviction', {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'debug-shell', namespace: 'shop' },
    });
    await converged(w);
    expect(statuses).toContain('reconnecting');
    release();
  });

  it('streams a snapshot, then the deltas of a change in the cluster', async () => {
    const w = newWatch();
    const res = w.stream(new Request('http://x/stream'));
    expect(await w.whenSynced(10_000)).toBe(true);
    const body = res.body;
    if (body === null) throw new Error('no body');
    const { parser } = consume(body);
    const events = { list: parser.events };
    const pod = w.model.snapshot().pods.find((p) => p.name.startsWith('web-'));
    if (pod === undefined) throw new Error('no web pod');
    await sim('DELETE', `/api/v1/namespaces/shop/pods/${pod.name}`);
    await eventually(() =>
      events.list.some(
        (e) =>
          e.event === 'upsert' &&
          (JSON.parse(e.data) as { view: { uid: string; deletionTimestamp: string | null } }).view
            .uid === pod.uid &&
          (JSON.parse(e.data) as { view: { deletionTimestamp: string | null } }).view
            .deletionTimestamp !== null,
      ),
    );
    expect(events.list[0]?.event).toBe('snapshot');
    await w.close();
  });
});
