import {
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  PatchStrategy,
  Watch,
  setHeaderOptions,
  type V1Pod,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/** The control plane's pod lifecycle as a client sees it over HTTP. */

const NS = 'lifecycle';
let tc: TestCluster;
let core: CoreV1Api;
let apps: AppsV1Api;
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

const timing = (shutdownAfter: string) => ({
  'sim.drainboard.dev/start-after': '100ms',
  'sim.drainboard.dev/ready-after': '100ms',
  'sim.drainboard.dev/shutdown-after': shutdownAfter,
});

const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

const podsOf = async (app: string) =>
  (await core.listNamespacedPod({ namespace: NS, labelSelector: `app=${app}` })).items;

async function deploy(name: string, replicas: number, shutdownAfter = '100ms'): Promise<V1Pod[]> {
  const labels = { app: name };
  await apps.createNamespacedDeployment({
    namespace: NS,
    body: {
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: timing(shutdownAfter) },
          spec: { containers: [{ name: 'app', image: 'nginx' }] },
        },
      },
    },
  });
  return eventually(
    async () => {
      const pods = await podsOf(name);
      return pods.length === replicas && pods.every(isReady) && pods;
    },
    20_000,
    `${replicas} Ready pods of ${name}`,
  );
}

async function readyPod(name: string, shutdownAfter: string, grace: number): Promise<V1Pod> {
  await core.createNamespacedPod({
    namespace: NS,
    body: {
      metadata: { name, annotations: timing(shutdownAfter) },
      spec: { terminationGracePeriodSeconds: grace, containers: [{ name: 'app', image: 'nginx' }] },
    },
  });
  return eventually(
    async () => {
      const p = await core.readNamespacedPod({ name, namespace: NS });
      return isReady(p) && p;
    },
    15_000,
    `${name} Ready`,
  );
}

/** Deletes a pod and returns every state of it a watch saw, up to and including DELETED. */
async function deleteAndWatch(name: string): Promise<{ type: string; pod: V1Pod; at: number }[]> {
  const seen: { type: string; pod: V1Pod; at: number }[] = [];
  const rv = (await core.listNamespacedPod({ namespace: NS })).metadata?.resourceVersion;
  const ctrl = await new Watch(tc.kc).watch(
    `/api/v1/namespaces/${NS}/pods`,
    { resourceVersion: rv, fieldSelector: `metadata.name=${name}` },
    (type, pod: V1Pod) => seen.push({ type, pod, at: Date.now() }),
    () => undefined,
  );
  try {
    await core.deleteNamespacedPod({ name, namespace: NS });
    await eventually(() => seen.some((e) => e.type === 'DELETED'), 20_000, `${name} DELETED`);
  } finally {
    ctrl.abort();
  }
  return seen;
}

const terminated = (p: V1Pod) => p.status?.containerStatuses?.[0]?.state?.terminated;

beforeAll(async () => {
  tc = await startTestCluster();
  core = tc.kc.makeApiClient(CoreV1Api);
  apps = tc.kc.makeApiClient(AppsV1Api);
  await core.createNamespace({ body: { metadata: { name: NS } } });
});

afterAll(async () => {
  await tc?.stop();
});

describe('pod lifecycle over HTTP', () => {
  it('schedules nothing new on a cordoned node until it is uncordoned', async () => {
    await core.patchNode({ name: 'node-2', body: { spec: { unschedulable: true } } }, merge);
    try {
      const pods = await deploy('spread', 6);
      const nodesOf = (ps: V1Pod[]) => ps.map((p) => p.spec?.nodeName ?? '');
      expect(nodesOf(pods)).not.toContain('node-2');
      expect(new Set(nodesOf(pods))).toEqual(new Set(['node-1', 'node-3']));
    } finally {
      await core.patchNode({ name: 'node-2', body: { spec: { unschedulable: false } } }, merge);
    }
    await apps.patchNamespacedDeployment(
      { name: 'spread', namespace: NS, body: { spec: { replicas: 9 } } },
      merge,
    );
    await eventually(
      async () => (await podsOf('spread')).some((p) => p.spec?.nodeName === 'node-2'),
      20_000,
      'a pod on node-2 after uncordon',
    );
  });

  it('lets an app that exits within its grace period complete with exit code 0', async () => {
    await readyPod('quick', '300ms', 2);
    const seen = await deleteAndWatch('quick');
    const deleted = seen.findIndex((e) => e.type === 'DELETED');
    const stopped = seen.findIndex((e) => terminated(e.pod) !== undefined);
    expect(stopped).toBeGreaterThanOrEqual(0);
    expect(stopped).toBeLessThan(deleted);
    const pod = seen[stopped]?.pod as V1Pod;
    expect(terminated(pod)).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const finished = Date.parse(String(terminated(pod)?.finishedAt));
    expect(finished).toBeLessThan(Date.parse(String(pod.metadata?.deletionTimestamp)));
    expect(pod.status?.phase).toBe('Succeeded');
    expect(
      await core.listNamespacedPod({ namespace: NS, fieldSelector: 'metadata.name=quick' }),
    ).toMatchObject({ items: [] });
  });

  it('kills an app that outlives its grace period at the deadline with exit code 137', async () => {
    await readyPod('slow', '10s', 1);
    const started = Date.now();
    const seen = await deleteAndWatch('slow');
    const deleted = seen.findIndex((e) => e.type === 'DELETED');
    const stopped = seen.findIndex((e) => terminated(e.pod) !== undefined);
    expect(stopped).toBeGreaterThanOrEqual(0);
    expect(stopped).toBeLessThan(deleted);
    const pod = seen[stopped]?.pod as V1Pod;
    expect(terminated(pod)).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(pod.status?.phase).toBe('Failed');
    // Watch objects are raw JSON: both instants are RFC 3339 strings.
    expect(String(terminated(pod)?.finishedAt)).toBe(String(pod.metadata?.deletionTimestamp));
    // Killed at the 1 s deadline, not after the app's 10 s shutdown.
    expect((seen[deleted]?.at ?? Infinity) - started).toBeLessThan(5_000);
  });

  it('turns a pod not Ready as soon as it is deleted', async () => {
    await readyPod('unready', '5s', 30);
    const started = Date.now();
    await core.deleteNamespacedPod({ name: 'unready', namespace: NS });
    const pod = await eventually(
      async () => {
        const p = await core.readNamespacedPod({ name: 'unready', namespace: NS });
        return !isReady(p) && p;
      },
      10_000,
      'not Ready',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(pod.metadata?.deletionTimestamp).toBeDefined();
    expect(pod.status?.containerStatuses?.[0]?.state?.running).toBeDefined();
    await core.deleteNamespacedPod({ name: 'unready', namespace: NS, gracePeriodSeconds: 0 });
  });

  it('replaces a deleted pod of a Deployment while the old one is still terminating', async () => {
    const [old] = await deploy('replaced', 1, '5s');
    const oldName = old?.metadata?.name ?? '';
    await core.deleteNamespacedPod({ name: oldName, namespace: NS });
    const pods = await eventually(
      async () => {
        const ps = await podsOf('replaced');
        return ps.some((p) => p.metadata?.name !== oldName) && ps;
      },
      10_000,
      'a replacement pod',
    );
    const terminating = pods.find((p) => p.metadata?.name === oldName);
    expect(terminating?.metadata?.deletionTimestamp).toBeDefined();
    const fresh = pods.filter((p) => p.metadata?.name !== oldName);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('marks a terminating pod ready: false, terminating: true in its EndpointSlice', async () => {
    const discovery = tc.kc.makeApiClient(DiscoveryV1Api);
    await core.createNamespacedService({
      namespace: NS,
      body: {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      },
    });
    const pods = await deploy('web', 2, '5s');
    const endpoints = async () =>
      (
        await discovery.listNamespacedEndpointSlice({
          namespace: NS,
          labelSelector: 'kubernetes.io/service-name=web',
        })
      ).items.flatMap((s) => s.endpoints);
    await eventually(
      async () => (await endpoints()).filter((e) => e.conditions?.ready).length === 2,
      10_000,
      'two ready endpoints',
    );
    const victim = pods[0]?.metadata?.name ?? '';
    await core.deleteNamespacedPod({ name: victim, namespace: NS });
    const ep = await eventually(
      async () => {
        const e = (await endpoints()).find((x) => x.targetRef?.name === victim);
        return e?.conditions?.terminating === true && e;
      },
      10_000,
      'terminating endpoint',
    );
    expect(ep.conditions).toMatchObject({ ready: false, terminating: true });
    const other = (await endpoints()).find((x) => x.targetRef?.name === pods[1]?.metadata?.name);
    expect(other?.conditions).toMatchObject({ ready: true, terminating: false });
  });
});
