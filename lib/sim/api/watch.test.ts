import {
  CoreV1Api,
  PatchStrategy,
  Watch,
  makeInformer,
  setHeaderOptions,
  type KubernetesObject,
  type V1ConfigMap,
  type V1Status,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/** Integration tests of list+watch over HTTP with client-node's Watch and informer. */

const NS = 'watch-test';
const HISTORY_LIMIT = 20;
const BOOKMARK_MS = 200;
const CM_PATH = `/api/v1/namespaces/${NS}/configmaps`;

let tc: TestCluster;
let core: CoreV1Api;

interface Seen {
  type: string;
  object: KubernetesObject;
}

interface Stream {
  events: Seen[];
  ctrl: AbortController;
  /** Resolves when the stream ends, with done's argument. */
  ended: Promise<unknown>;
}

async function watch(query: Record<string, string | number | boolean> = {}): Promise<Stream> {
  const events: Seen[] = [];
  let finish: (err: unknown) => void = () => undefined;
  const ended = new Promise<unknown>((r) => (finish = r));
  const ctrl = await new Watch(tc.kc).watch(
    CM_PATH,
    query,
    (type, object: KubernetesObject) => events.push({ type, object }),
    (err) => finish(err),
  );
  return { events, ctrl, ended };
}

const summary = (events: Seen[]) =>
  events
    .filter((e) => e.type !== 'BOOKMARK')
    .map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`);

const rvOf = (o: KubernetesObject) => Number(o.metadata?.resourceVersion);

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

const create = (name: string, labels?: Record<string, string>) =>
  core.createNamespacedConfigMap({
    namespace: NS,
    body: { metadata: { name, labels }, data: { v: '0' } },
  });

const setData = (name: string, v: string) =>
  core.patchNamespacedConfigMap({ name, namespace: NS, body: { data: { v } } }, mergePatch);

const listRv = async () =>
  Number((await core.listNamespacedConfigMap({ namespace: NS })).metadata?.resourceVersion);

beforeAll(async () => {
  tc = await startTestCluster({ historyLimit: HISTORY_LIMIT, bookmarkIntervalMs: BOOKMARK_MS });
  core = tc.kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: NS } } });
});

afterAll(async () => {
  await tc?.stop();
});

describe('watch over HTTP', () => {
  it('from a list resourceVersion delivers exactly the later changes, in order', async () => {
    await create('before');
    const rv = await listRv();
    const w = await watch({ resourceVersion: String(rv) });
    const created = await create('lw-a');
    const modified = await setData('lw-a', '1');
    await core.deleteNamespacedConfigMap({ name: 'lw-a', namespace: NS });
    await eventually(() => w.events.length >= 3, 10_000, 'three events');
    w.ctrl.abort();
    expect(summary(w.events)).toEqual(['ADDED lw-a', 'MODIFIED lw-a', 'DELETED lw-a']);
    const rvs = w.events.map((e) => rvOf(e.object));
    expect(rvs[0]).toBe(Number(created.metadata?.resourceVersion));
    expect(rvs[1]).toBe(Number(modified.metadata?.resourceVersion));
    expect(rvs[2]).toBeGreaterThan(rvs[1] ?? Infinity);
    expect(rvs.every((v) => v > rv)).toBe(true);
    expect((w.events[1]?.object as V1ConfigMap).data).toEqual({ v: '1' });
  });

  it('resumes from the last seen resourceVersion with only the changes in between', async () => {
    const rv = await listRv();
    const first = await watch({ resourceVersion: String(rv) });
    await create('rs-a');
    await create('rs-b');
    await eventually(() => first.events.length >= 2, 10_000, 'first two events');
    first.ctrl.abort();
    const last = rvOf(first.events[first.events.length - 1]?.object ?? {});
    await setData('rs-a', 'x');
    await core.deleteNamespacedConfigMap({ name: 'rs-b', namespace: NS });
    const resumed = await watch({ resourceVersion: String(last) });
    await create('rs-c');
    await eventually(() => resumed.events.length >= 3, 10_000, 'resumed events');
    await new Promise((r) => setTimeout(r, 200));
    resumed.ctrl.abort();
    expect(summary(first.events)).toEqual(['ADDED rs-a', 'ADDED rs-b']);
    expect(summary(resumed.events)).toEqual(['MODIFIED rs-a', 'DELETED rs-b', 'ADDED rs-c']);
    expect(resumed.events.every((e) => rvOf(e.object) > last)).toBe(true);
  });

  it('answers a resourceVersion older than the kept history with ERROR 410 Expired', async () => {
    const old = await listRv();
    await create('churn');
    for (let i = 0; i < 50; i++) await setData('churn', String(i));
    const w = await watch({ resourceVersion: String(old) });
    await expect(w.ended).resolves.toBeNull();
    expect(w.events).toHaveLength(1);
    expect(w.events[0]?.type).toBe('ERROR');
    const status = w.events[0]?.object as V1Status;
    expect(status.kind).toBe('Status');
    expect(status.code).toBe(410);
    expect(status.reason).toBe('Expired');
    expect(status.message).toMatch(/^too old resource version/);
    // A recent version still works after the compaction.
    const fresh = await watch({ resourceVersion: String(await listRv()) });
    await setData('churn', 'after');
    await eventually(() => fresh.events.length >= 1, 10_000, 'event after compaction');
    fresh.ctrl.abort();
    expect(summary(fresh.events)).toEqual(['MODIFIED churn']);
  });

  it('sends BOOKMARKs carrying only metadata.resourceVersion when asked', async () => {
    const plain = await watch({ resourceVersion: String(await listRv()) });
    const w = await watch({ resourceVersion: String(await listRv()), allowWatchBookmarks: true });
    const changed = await create('bm-a');
    await eventually(
      () => w.events.filter((e) => e.type === 'BOOKMARK').length >= 2,
      10_000,
      'two bookmarks',
    );
    w.ctrl.abort();
    plain.ctrl.abort();
    expect(plain.events.map((e) => e.type)).toEqual(['ADDED']);
    const bookmarks = w.events.filter((e) => e.type === 'BOOKMARK');
    for (const b of bookmarks) {
      expect(Object.keys(b.object.metadata ?? {})).toEqual(['resourceVersion']);
      expect(rvOf(b.object)).toBeGreaterThanOrEqual(Number(changed.metadata?.resourceVersion));
    }
    const added = w.events.findIndex((e) => e.type === 'ADDED');
    const lastBookmark = w.events.map((e) => e.type).lastIndexOf('BOOKMARK');
    expect(added).toBeGreaterThanOrEqual(0);
    expect(lastBookmark).toBeGreaterThan(added);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const started = Date.now();
    const w = await watch({ resourceVersion: String(await listRv()), timeoutSeconds: 1 });
    await expect(w.ended).resolves.toBeNull();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5_000);
    expect(tc.cluster.watches.count('configmaps')).toBe(0);
  });

  it('turns label selector transitions into ADDED and DELETED', async () => {
    await create('sel-a');
    const w = await watch({ resourceVersion: String(await listRv()), labelSelector: 'team=blue' });
    const label = (team: string | null) =>
      core.patchNamespacedConfigMap(
        { name: 'sel-a', namespace: NS, body: { metadata: { labels: { team } } } },
        mergePatch,
      );
    await setData('sel-a', 'ignored');
    await label('blue');
    await setData('sel-a', 'seen');
    await label('red');
    await setData('sel-a', 'ignored-again');
    await label('blue');
    await label(null);
    await core.deleteNamespacedConfigMap({ name: 'sel-a', namespace: NS });
    await create('sel-b', { team: 'blue' });
    await eventually(() => w.events.some((e) => e.object.metadata?.name === 'sel-b'));
    w.ctrl.abort();
    expect(summary(w.events)).toEqual([
      'ADDED sel-a',
      'MODIFIED sel-a',
      'DELETED sel-a',
      'ADDED sel-a',
      'DELETED sel-a',
      'ADDED sel-b',
    ]);
    expect((w.events[1]?.object as V1ConfigMap).data).toEqual({ v: 'seen' });
  });

  it('keeps a client-node informer in step with adds, updates and deletes', async () => {
    await create('inf-existing');
    const inf = makeInformer<V1ConfigMap>(tc.kc, CM_PATH, () =>
      core.listNamespacedConfigMap({ namespace: NS }),
    );
    const seen: string[] = [];
    inf.on('add', (o) => seen.push(`add ${o.metadata?.name ?? ''}`));
    inf.on('update', (o) => seen.push(`update ${o.metadata?.name ?? ''} ${o.data?.v ?? ''}`));
    inf.on('delete', (o) => seen.push(`delete ${o.metadata?.name ?? ''}`));
    await inf.start();
    try {
      expect(inf.get('inf-existing', NS)).toBeDefined();
      await create('inf-a');
      await eventually(() => inf.get('inf-a', NS), 10_000, 'informer add');
      await setData('inf-a', '7');
      await eventually(() => inf.get('inf-a', NS)?.data?.v === '7', 10_000, 'informer update');
      await core.deleteNamespacedConfigMap({ name: 'inf-a', namespace: NS });
      await eventually(() => inf.get('inf-a', NS) === undefined, 10_000, 'informer delete');
    } finally {
      await inf.stop();
    }
    expect(seen).toContain('add inf-existing');
    const own = seen.filter((s) => s.includes('inf-a'));
    expect(own).toEqual(['add inf-a', 'update inf-a 7', 'delete inf-a']);
  });
});
