import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1ConfigMap,
  type V1Deployment,
  type V1Status,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/** create/get/list/update/patch/delete over HTTP, with the errors kube-apiserver answers. */

const NS = 'crud';
let tc: TestCluster;
let core: CoreV1Api;
let apps: AppsV1Api;

const as = (type: string) => setHeaderOptions('Content-Type', type);
const MERGE = as(PatchStrategy.MergePatch);
const at = (name: string, namespace = NS) => ({ name, namespace });
const getCm = (name: string) => core.readNamespacedConfigMap(at(name));
const putCm = (name: string, body: V1ConfigMap, dryRun?: string) =>
  core.replaceNamespacedConfigMap({ ...at(name), body, dryRun });

/** The Status body of the ApiException a call fails with (its code checked against HTTP's). */
async function failure(call: Promise<unknown>): Promise<V1Status> {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    const status = JSON.parse((e as ApiException<string>).body) as V1Status;
    expect(status.code).toBe(e.code);
    return status;
  }
  throw new Error('expected the call to fail');
}

async function expectStatus(call: Promise<unknown>, code: number, reason: string, message: string) {
  expect(await failure(call)).toMatchObject({ code, reason, message });
}

const cm = (name: string, namespace = NS, labels?: Record<string, string>) =>
  core.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels }, data: {} } });

const names = (list: { items: { metadata?: { name?: string } }[] }) =>
  list.items.map((i) => i.metadata?.name ?? '').sort();

const fast = (extra = {}) => ({ 'sim.drainboard.dev/start-after': '100ms', ...extra });
const app = [{ name: 'app', image: 'nginx' }];

function deployment(name: string, containers = app): V1Deployment {
  const labels = { app: name };
  const template = { metadata: { labels }, spec: { containers } };
  return { metadata: { name }, spec: { replicas: 0, selector: { matchLabels: labels }, template } };
}

beforeAll(async () => {
  tc = await startTestCluster();
  core = tc.kc.makeApiClient(CoreV1Api);
  apps = tc.kc.makeApiClient(AppsV1Api);
  for (const name of [NS, 'sel', 'pg', 'pg-x']) {
    await core.createNamespace({ body: { metadata: { name } } });
  }
});

afterAll(async () => {
  await tc?.stop();
});

describe('CRUD over HTTP', () => {
  it('creates, reads, lists, updates, patches and deletes', async () => {
    const created = await cm('basic');
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    const got = await getCm('basic');
    expect(got.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    expect(names(await core.listNamespacedConfigMap({ namespace: NS }))).toContain('basic');
    const put = await putCm('basic', { ...got, data: { k: 'put' } });
    expect(put.data).toEqual({ k: 'put' });
    expect(Number(put.metadata?.resourceVersion)).toBeGreaterThan(
      Number(got.metadata?.resourceVersion),
    );
    const body = { data: { m: '1', k: null } };
    const merged = await core.patchNamespacedConfigMap({ ...at('basic'), body }, MERGE);
    expect(merged.data).toEqual({ m: '1' });
    const ops = [
      { op: 'test', path: '/data/m', value: '1' },
      { op: 'add', path: '/data/j', value: '2' },
      { op: 'add', path: '/metadata/labels', value: { via: 'json' } },
    ];
    const jsonPatched = await core.patchNamespacedConfigMap({ ...at('basic'), body: ops });
    expect(jsonPatched.data).toEqual({ m: '1', j: '2' });
    expect(jsonPatched.metadata?.labels).toEqual({ via: 'json' });
    expect(jsonPatched.metadata?.uid).toBe(created.metadata?.uid);
    await core.deleteNamespacedConfigMap(at('basic'));
    expect((await failure(getCm('basic'))).code).toBe(404);
    const gen = { metadata: { generateName: 'gen-' } };
    const a = await core.createNamespacedConfigMap({ namespace: NS, body: gen });
    const b = await core.createNamespacedConfigMap({ namespace: NS, body: gen });
    expect(a.metadata?.name).toMatch(/^gen-[a-z0-9]{5}$/);
    expect(b.metadata?.name).not.toBe(a.metadata?.name);
    expect((await getCm(a.metadata?.name ?? '')).metadata?.uid).toBe(a.metadata?.uid);
  });

  it('merges container lists by name in a strategic merge patch, unlike a merge patch', async () => {
    const sidecar = { name: 'sidecar', image: 'busybox' };
    await apps.createNamespacedDeployment({
      namespace: NS,
      body: deployment('smp', [...app, sidecar]),
    });
    const body = {
      spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:2' }] } } },
    };
    const images = (d: V1Deployment) => d.spec?.template.spec?.containers.map((c) => c.image);
    const patch = (type: string) =>
      apps.patchNamespacedDeployment({ ...at('smp'), body }, as(type));
    expect(images(await patch(PatchStrategy.StrategicMergePatch))).toEqual(['nginx:2', 'busybox']);
    expect(images(await patch(PatchStrategy.MergePatch))).toEqual(['nginx:2']);
  });

  it('answers 409 Conflict, 409 AlreadyExists and 404 NotFound with kube messages', async () => {
    const first = await cm('x');
    await putCm('x', { ...first, data: { k: '1' } });
    const stale = await failure(putCm('x', { ...first, data: { k: '2' } }));
    expect(stale).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect((await getCm('x')).data).toEqual({ k: '1' });
    await expectStatus(cm('x'), 409, 'AlreadyExists', 'configmaps "x" already exists');
    await core.deleteNamespacedConfigMap(at('x'));
    await expectStatus(getCm('x'), 404, 'NotFound', 'configmaps "x" not found');
    await expectStatus(cm('y', 'nope'), 404, 'NotFound', 'namespaces "nope" not found');
  });

  it('bumps a Deployment generation only on spec changes', async () => {
    const d = await apps.createNamespacedDeployment({ namespace: NS, body: deployment('gen') });
    expect(d.metadata?.generation).toBe(1);
    const patch = (body: object) => apps.patchNamespacedDeployment({ ...at('gen'), body }, MERGE);
    expect((await patch({ metadata: { labels: { a: 'b' } } })).metadata?.generation).toBe(1);
    expect((await patch({ spec: { paused: true } })).metadata?.generation).toBe(2);
    const viaStatus = await apps.patchNamespacedDeploymentStatus(
      { ...at('gen'), body: { spec: { replicas: 5 }, status: { observedGeneration: 2 } } },
      MERGE,
    );
    expect(viaStatus.metadata?.generation).toBe(2);
    expect(viaStatus.spec?.replicas).toBe(0);
  });

  it('keeps spec out of status writes and status out of main writes', async () => {
    const spec = { selector: { app: 'svc' }, ports: [{ port: 80 }] };
    const body = { metadata: { name: 'svc' }, spec };
    const svc = await core.createNamespacedService({ namespace: NS, body });
    const ingress = [{ ip: '203.0.113.7' }];
    const status = { loadBalancer: { ingress } };
    const st = await core.replaceNamespacedServiceStatus({
      ...at('svc'),
      body: { ...svc, spec: { ...svc.spec, ports: [{ port: 9999 }] }, status },
    });
    expect(st.status?.loadBalancer?.ingress).toEqual(ingress);
    expect(st.spec?.ports?.[0]?.port).toBe(80);
    const main = await core.replaceNamespacedService({
      ...at('svc'),
      body: { ...st, spec: { ...st.spec, ports: [{ port: 81 }] }, status: { loadBalancer: {} } },
    });
    expect(main.spec?.ports?.[0]?.port).toBe(81);
    expect(main.status?.loadBalancer?.ingress).toEqual(ingress);
  });

  it('changes nothing with dryRun=All', async () => {
    const body = { metadata: { name: 'dry' }, data: { k: 'v' } };
    const dry = await core.createNamespacedConfigMap({ namespace: NS, dryRun: 'All', body });
    expect(dry.metadata?.name).toBe('dry');
    expect((await failure(getCm('dry'))).code).toBe(404);
    const real = await core.createNamespacedConfigMap({ namespace: NS, body });
    const upd = await putCm('dry', { ...real, data: { k: 'changed' } }, 'All');
    expect(upd.data).toEqual({ k: 'changed' });
    await core.deleteNamespacedConfigMap({ ...at('dry'), dryRun: 'All' });
    const after = await getCm('dry');
    expect(after.data).toEqual({ k: 'v' });
    expect(after.metadata?.resourceVersion).toBe(real.metadata?.resourceVersion);
  });

  it('filters lists by label and field selectors', async () => {
    const sets: Record<string, string>[] = [
      { env: 'prod', tier: 'web' },
      { env: 'dev', tier: 'db' },
      { env: 'x' },
      {},
    ];
    for (const [i, l] of sets.entries()) await cm('abcd'.charAt(i), 'sel', l);
    const by = async (labelSelector?: string, fieldSelector?: string) =>
      names(await core.listNamespacedConfigMap({ namespace: 'sel', labelSelector, fieldSelector }));
    expect(await by('env=prod')).toEqual(['a']);
    expect(await by('env!=prod')).toEqual(['b', 'c', 'd']);
    expect(await by('env in (prod,dev)')).toEqual(['a', 'b']);
    expect(await by('env notin (prod,dev)')).toEqual(['c', 'd']);
    expect(await by('tier')).toEqual(['a', 'b']);
    expect(await by('!tier')).toEqual(['c', 'd']);
    expect(await by('env=prod,tier=web')).toEqual(['a']);
    expect(await by(undefined, 'metadata.name=c')).toEqual(['c']);
    expect(await by('tier', 'metadata.name!=a')).toEqual(['b']);
    const pod = (name: string, spec: object) =>
      core.createNamespacedPod({
        namespace: 'sel',
        body: { metadata: { name, annotations: fast() }, spec: { containers: app, ...spec } },
      });
    await pod('on-node-2', { nodeName: 'node-2' });
    await pod('stuck', { nodeSelector: { disk: 'none-has-this' } });
    const pods = async (fieldSelector: string) =>
      names(await core.listNamespacedPod({ namespace: 'sel', fieldSelector }));
    await eventually(async () => (await pods('status.phase=Running')).length === 1);
    expect(await pods('spec.nodeName=node-2')).toEqual(['on-node-2']);
    expect(await pods('spec.nodeName=')).toEqual(['stuck']);
    expect(await pods('status.phase=Running')).toEqual(['on-node-2']);
    expect(await pods('status.phase=Pending')).toEqual(['stuck']);
    expect(await pods('status.phase!=Pending,spec.nodeName=node-2')).toEqual(['on-node-2']);
  });

  it('pages with limit and continue, every item exactly once', async () => {
    for (const ns of ['pg', 'pg-x']) for (let i = 0; i < 5; i++) await cm(`item-${i}`, ns);
    const page = await core.listNamespacedConfigMap({ namespace: 'pg', limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.metadata?.remainingItemCount).toBe(3);
    const key = (i: { metadata?: { namespace?: string; name?: string } }) =>
      `${i.metadata?.namespace ?? ''}/${i.metadata?.name ?? ''}`;
    const all = (await core.listConfigMapForAllNamespaces()).items.map(key);
    expect(all.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await core.listConfigMapForAllNamespaces({ limit: 3, _continue: token });
      expect(res.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.items.map(key));
      token = res.metadata?._continue;
      if (token) expect(res.metadata?.remainingItemCount).toBe(all.length - seen.length);
      else expect(res.metadata?.remainingItemCount).toBeUndefined();
    } while (token);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('deletes a namespace: Terminating, then its content, then itself', async () => {
    await core.createNamespace({ body: { metadata: { name: 'doomed' } } });
    const annotations = fast({ 'sim.drainboard.dev/shutdown-after': '500ms' });
    await cm('content', 'doomed');
    await core.createNamespacedPod({
      namespace: 'doomed',
      body: { metadata: { name: 'p', annotations }, spec: { containers: app } },
    });
    await eventually(
      async () => (await core.readNamespacedPod(at('p', 'doomed'))).status?.phase === 'Running',
    );
    await core.deleteNamespace({ name: 'doomed' });
    const ns = await core.readNamespace({ name: 'doomed' });
    expect(ns.status?.phase).toBe('Terminating');
    expect(ns.metadata?.deletionTimestamp).toBeDefined();
    expect(await failure(cm('late', 'doomed'))).toMatchObject({ code: 403, reason: 'Forbidden' });
    const content = async () =>
      (await core.listNamespacedConfigMap({ namespace: 'doomed' })).items.length +
      (await core.listNamespacedPod({ namespace: 'doomed' })).items.length;
    await eventually(async () => (await content()) === 0, 15_000, 'content removal');
    await eventually(
      async () => (await failure(core.readNamespace({ name: 'doomed' }))).code === 404,
      15_000,
    );
  });
});
