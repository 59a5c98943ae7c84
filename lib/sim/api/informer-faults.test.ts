import {
  ApiException,
  CoreV1Api,
  makeInformer,
  type Informer,
  type ObjectCache,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { resourceType } from '../store/resources';
import { eventually, startTestCluster, type TestCluster } from '../testing';
import { APF_REJECTION_BODY, FLOW_SCHEMA_UID, PRIORITY_LEVEL_UID } from './faults';

/**
 * The fault controls against a client-node 1.4.0 informer (ListWatch). Its real behaviour,
 * which these tests pin (reliability-security.md §2.3): a watch the server ends is reopened
 * at once from the last resourceVersion, without a relist; a 410 (an ERROR event) clears the
 * resourceVersion, so the next start relists; any other failure (a 500, a 429) fires `error`
 * and the informer stays stopped until start() is called again.
 */

let tc: TestCluster;
let core: CoreV1Api;
type CachedInformer = Informer<V1ConfigMap> & ObjectCache<V1ConfigMap>;
const informers: CachedInformer[] = [];
const CONFIGMAPS = resourceType('configmaps');

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'empty' });
  core = tc.kc.makeApiClient(CoreV1Api);
});
afterEach(async () => {
  for (const inf of informers.splice(0)) await inf.stop();
  await control('DELETE', '/sim/v1/faults');
  await eventually(async () => (await openWatches()) === 0, WAIT, 'the informers gone');
});
afterAll(() => tc?.stop());

const WAIT = 15_000;

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit =
    body === undefined ? { method } : { method, body: JSON.stringify(body) };
  const res = await fetch(tc.cluster.url + path, init);
  expect(res.status, `${method} ${path}`).toBe(200);
  return res.json();
}

/** The sum of the series of `name` whose labels include `labels`, from GET /metrics. */
async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${tc.cluster.url}/metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(/^(\w+)\{([^}]*)\} (\S+)$/gm)) {
    if (m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

const cm = { resource: 'configmaps', scope: 'namespace' };
const lists = () => metric('apiserver_request_total', { ...cm, verb: 'LIST', code: '200' });
const watches = (code = '200') => metric('apiserver_request_total', { ...cm, verb: 'WATCH', code });
const openWatches = () => metric('apiserver_longrunning_requests', { ...cm, verb: 'WATCH' });

const createConfigMap = (name: string) =>
  core.createNamespacedConfigMap({
    namespace: 'default',
    body: { metadata: { name }, data: { k: name } },
  });

interface Seen {
  add: string[];
  update: string[];
  delete: string[];
  error: unknown[];
  connect: number;
}

/** A started informer on default's configmaps, with everything it reported. */
async function startInformer(): Promise<{ inf: CachedInformer; seen: Seen }> {
  const inf = makeInformer(tc.kc, '/api/v1/namespaces/default/configmaps', () =>
    core.listNamespacedConfigMap({ namespace: 'default' }),
  );
  informers.push(inf);
  const seen: Seen = { add: [], update: [], delete: [], error: [], connect: 0 };
  const name = (o: V1ConfigMap) => o.metadata?.name ?? '';
  inf.on('add', (o) => seen.add.push(name(o)));
  inf.on('update', (o) => seen.update.push(name(o)));
  inf.on('delete', (o) => seen.delete.push(name(o)));
  inf.on('error', (e) => seen.error.push(e));
  inf.on('connect', () => seen.connect++);
  await inf.start();
  await eventually(async () => (await openWatches()) === 1, WAIT, 'the informer watching');
  return { inf, seen };
}

const cached = (inf: CachedInformer) => inf.list('default').map((o) => o.metadata?.name);

describe('a client-node informer under the fault controls', () => {
  it('reopens its watch after POST /sim/v1/watches/close, without relisting', async () => {
    const { inf, seen } = await startInformer();
    const [listed, watched] = [await lists(), await watches()];
    expect(await control('POST', '/sim/v1/watches/close')).toEqual({ closed: 1 });
    // The closed watch is counted as it ends; the informer has opened another.
    await eventually(
      async () => (await watches()) === watched + 1 && (await openWatches()) === 1,
      WAIT,
    );
    expect(seen.connect).toBe(2);

    await createConfigMap('after-close');
    await eventually(() => seen.add.includes('after-close'), WAIT, 'the add after reconnecting');
    expect(cached(inf)).toContain('after-close');
    expect(await lists()).toBe(listed);
    expect(seen.error).toEqual([]);
  });

  it('relists after an expired watch, and caches what changed while it was away', async () => {
    await createConfigMap('doomed');
    const { inf, seen } = await startInformer();
    expect(cached(inf)).toContain('doomed');
    const listed = await lists();
    // Every request waits 1 s, so the informer is away for a while once its watch is closed.
    await control('PUT', '/sim/v1/faults', { latencyMs: 1000 });
    expect(await control('POST', '/sim/v1/watches/expire', { count: 1 })).toEqual({
      pendingWatchExpiries: 1,
    });
    await control('POST', '/sim/v1/watches/close');
    // Changes written in-process while no watch is open (the new one waits out the latency).
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'while-away' } };
    tc.cluster.registry.create(CONFIGMAPS, 'default', body);
    tc.cluster.registry.delete(CONFIGMAPS, 'default', 'doomed');
    expect(await openWatches()).toBe(0);

    // The reopened watch meets the expiry (410), so the informer lists again.
    await eventually(async () => (await lists()) === listed + 1, WAIT, 'a second LIST');
    await eventually(async () => (await openWatches()) === 1, WAIT, 'the informer watching again');
    expect(await control('GET', '/sim/v1/faults')).toMatchObject({ pendingWatchExpiries: 0 });
    expect(seen.connect).toBe(3); // started, reopened after the close, relisted after the 410
    expect(cached(inf)).toContain('while-away');
    expect(cached(inf)).not.toContain('doomed');
    expect(seen.add).toContain('while-away');
    expect(seen.delete).toEqual(['doomed']);
    expect(seen.error).toEqual([]);

    await control('DELETE', '/sim/v1/faults');
    await createConfigMap('after-relist');
    await eventually(() => cached(inf).includes('after-relist'), WAIT, 'changes after the relist');
  });

  it('fails lists with 500 under errorRate 1, stops the informer, and recovers on DELETE', async () => {
    const { inf, seen } = await startInformer();
    await control('PUT', '/sim/v1/faults', { errorRate: 1 });
    const err = await core
      .listNamespacedConfigMap({ namespace: 'default' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<string>).code).toBe(500);
    expect(JSON.parse((err as ApiException<string>).body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'InternalError',
      code: 500,
    });

    // A watch refused with 500 is not retried: the informer reports it and stops.
    const failed = await watches('500');
    await control('POST', '/sim/v1/watches/close');
    await eventually(() => seen.error.length === 1, WAIT, 'the informer error');
    expect(seen.error[0]).toMatchObject({ statusCode: 500 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await watches('500')).toBe(failed + 1);
    expect(await openWatches()).toBe(0);

    await control('DELETE', '/sim/v1/faults');
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    expect(list.kind).toBe('ConfigMapList');
    // It stays stopped until started again; it then watches on from its last resourceVersion.
    expect(await openWatches()).toBe(0);
    const listed = await lists();
    await createConfigMap('after-errors');
    await inf.start();
    await eventually(() => cached(inf).includes('after-errors'), WAIT, 'the informer caught up');
    expect(await openWatches()).toBe(1);
    expect(await lists()).toBe(listed);
  });

  it('throttles as APF does: 429, Retry-After and the flow-control headers', async () => {
    await control('PUT', '/sim/v1/faults', { throttleRate: 1, retryAfterSeconds: 3 });
    const res = await fetch(`${tc.cluster.url}/api/v1/namespaces/default/configmaps`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('x-kubernetes-pf-flowschema-uid')).toBe(FLOW_SCHEMA_UID);
    expect(res.headers.get('x-kubernetes-pf-prioritylevel-uid')).toBe(PRIORITY_LEVEL_UID);
    expect(await res.text()).toBe(APF_REJECTION_BODY);

    // client-node does not retry a 429; an informer's first list fails and it stays stopped.
    const err = await core
      .listNamespacedConfigMap({ namespace: 'default' })
      .catch((e: unknown) => e);
    expect((err as ApiException<string>).code).toBe(429);
    const inf = makeInformer(tc.kc, '/api/v1/namespaces/default/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'default' }),
    );
    informers.push(inf);
    const errors: unknown[] = [];
    inf.on('error', (e) => errors.push(e));
    await inf.start();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 429 });
    expect(await openWatches()).toBe(0);

    await control('DELETE', '/sim/v1/faults');
    expect((await core.listNamespacedConfigMap({ namespace: 'default' })).kind).toBe(
      'ConfigMapList',
    );
  });
});
