import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  PatchStrategy,
  Watch,
  setHeaderOptions,
  type KubernetesObject,
  type V1Pod,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/** Graceful deletion, preconditions, finalizers and garbage collection over HTTP. */

const NS = 'deletion';
let tc: TestCluster;
let core: CoreV1Api;
let apps: AppsV1Api;
const watches: AbortController[] = [];

const at = (name: string) => ({ name, namespace: NS });
const app = [{ name: 'app', image: 'nginx' }];
const timing = (shutdownAfter: string) => ({
  'sim.drainboard.dev/start-after': '100ms',
  'sim.drainboard.dev/ready-after': '100ms',
  'sim.drainboard.dev/shutdown-after': shutdownAfter,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function failure(call: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    const body = JSON.parse((e as ApiException<string>).body) as { message: string };
    return { code: e.code, message: body.message };
  }
  throw new Error('expected the call to fail');
}

const gone = (read: Promise<unknown>) =>
  read.then(
    () => false,
    (e: unknown) => e instanceof ApiException && e.code === 404,
  );
const podGone = (name: string) => gone(core.readNamespacedPod(at(name)));
const podsOf = async (name: string) =>
  (await core.listNamespacedPod({ namespace: NS, labelSelector: `app=${name}` })).items;
const rsOf = async (name: string) =>
  (await apps.listNamespacedReplicaSet({ namespace: NS, labelSelector: `app=${name}` })).items;
const key = (o: KubernetesObject) => `${o.kind ?? ''}/${o.metadata?.name ?? ''}`;

async function runningPod(name: string, spec: Partial<V1Pod['spec']> = {}): Promise<V1Pod> {
  const metadata = { name, annotations: timing('60s') };
  await core.createNamespacedPod({
    namespace: NS,
    body: { metadata, spec: { containers: app, ...spec } },
  });
  return eventually(
    async () => {
      const p = await core.readNamespacedPod(at(name));
      return p.status?.phase === 'Running' && p;
    },
    15_000,
    `${name} Running`,
  );
}

/** Records the resourceVersion of every DELETED event at `path`, by `Kind/name`. */
async function deletions(path: string, into: Map<string, number>): Promise<void> {
  const rv = (await core.listNamespacedConfigMap({ namespace: NS })).metadata?.resourceVersion;
  const onEvent = (type: string, o: KubernetesObject) => {
    if (type === 'DELETED') into.set(key(o), Number(o.metadata?.resourceVersion));
  };
  watches.push(await new Watch(tc.kc).watch(path, { resourceVersion: rv }, onEvent, () => 0));
}

/** A Deployment with Running pods; returns their `Pod/name` keys. */
async function deploymentWithPods(name: string, replicas = 2): Promise<string[]> {
  const labels = { app: name };
  const template = {
    metadata: { labels, annotations: timing('300ms') },
    spec: { containers: app },
  };
  const spec = { replicas, selector: { matchLabels: labels }, template };
  await apps.createNamespacedDeployment({ namespace: NS, body: { metadata: { name }, spec } });
  return eventually(
    async () => {
      const pods = await podsOf(name);
      const running = pods.filter((p) => p.status?.phase === 'Running');
      return running.length === replicas && pods.map((p) => `Pod/${p.metadata?.name ?? ''}`);
    },
    15_000,
    `${name} pods`,
  );
}

beforeAll(async () => {
  tc = await startTestCluster();
  core = tc.kc.makeApiClient(CoreV1Api);
  apps = tc.kc.makeApiClient(AppsV1Api);
  await core.createNamespace({ body: { metadata: { name: NS } } });
});

afterAll(async () => {
  for (const w of watches) w.abort();
  await tc?.stop();
});

describe('graceful pod deletion', () => {
  it('sets deletionTimestamp to request time plus grace, and only ever shortens it', async () => {
    await runningPod('graceful', { terminationGracePeriodSeconds: 45 });
    const requested = Date.now();
    const first = await core.deleteNamespacedPod(at('graceful'));
    expect(first.metadata?.deletionGracePeriodSeconds).toBe(45);
    const ts = (p: V1Pod) => new Date(p.metadata?.deletionTimestamp ?? 0).getTime();
    expect(Math.abs(ts(first) - (requested + 45_000))).toBeLessThanOrEqual(1_000);
    const longer = await core.deleteNamespacedPod({ ...at('graceful'), gracePeriodSeconds: 100 });
    expect(longer.metadata?.deletionGracePeriodSeconds).toBe(45);
    expect(ts(longer)).toBe(ts(first));
    expect(longer.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    const shorter = await core.deleteNamespacedPod({ ...at('graceful'), gracePeriodSeconds: 20 });
    expect(shorter.metadata?.deletionGracePeriodSeconds).toBe(20);
    expect(ts(first) - ts(shorter)).toBe(25_000);
    expect(await podGone('graceful')).toBe(false);
    await core.deleteNamespacedPod({ ...at('graceful'), gracePeriodSeconds: 0 });
    expect(await podGone('graceful')).toBe(true);
  });

  it('removes an unscheduled pod at once', async () => {
    const spec = { nodeSelector: { 'no-such': 'label' }, containers: app };
    await core.createNamespacedPod({ namespace: NS, body: { metadata: { name: 'stuck' }, spec } });
    await core.deleteNamespacedPod(at('stuck'));
    expect(await podGone('stuck')).toBe(true);
  });

  it('removes a running pod at once with grace 0: MODIFIED with a deletionTimestamp, then DELETED', async () => {
    const pod = await runningPod('now');
    const seen: string[] = [];
    const onEvent = (type: string, o: V1Pod) => {
      if (o.metadata?.name === 'now')
        seen.push(`${type} ${o.metadata.deletionGracePeriodSeconds ?? '-'}`);
    };
    const query = { resourceVersion: pod.metadata?.resourceVersion };
    watches.push(
      await new Watch(tc.kc).watch(`/api/v1/namespaces/${NS}/pods`, query, onEvent, () => 0),
    );
    const answer = await core.deleteNamespacedPod({ ...at('now'), gracePeriodSeconds: 0 });
    expect(answer.metadata?.deletionTimestamp).toBeDefined();
    expect(await podGone('now')).toBe(true);
    await eventually(() => seen.includes('DELETED 0'), 5_000, 'the DELETED event');
    expect(seen.slice(-2)).toEqual(['MODIFIED 0', 'DELETED 0']);
  });

  it('leaves a pending graceful deletion alone, finalizers included', async () => {
    await runningPod('pending', { terminationGracePeriodSeconds: 60 });
    const first = await core.deleteNamespacedPod(at('pending'));
    const again = await core.deleteNamespacedPod({
      ...at('pending'),
      propagationPolicy: 'Foreground',
    });
    expect(again.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    expect(again.metadata?.finalizers).toBeUndefined();
    await core.deleteNamespacedPod({ ...at('pending'), gracePeriodSeconds: 0 });
  });

  it('refuses a delete whose UID precondition does not match, deleting nothing', async () => {
    const pod = await runningPod('guarded');
    const wrong = '00000000-0000-0000-0000-000000000000';
    const body = { preconditions: { uid: wrong } };
    const err = await failure(core.deleteNamespacedPod({ ...at('guarded'), body }));
    expect(err.code).toBe(409);
    expect(err.message).toBe(
      `Operation cannot be fulfilled on Pod "guarded": the UID in the precondition (${wrong}) does not match the UID in record (${pod.metadata?.uid ?? ''}). The object might have been deleted and then recreated`,
    );
    const after = await core.readNamespacedPod(at('guarded'));
    expect(after.metadata?.deletionTimestamp).toBeUndefined();
    expect(after.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
  });

  it('keeps an object with finalizers until a patch removes them', async () => {
    const metadata = { name: 'held', finalizers: ['example.com/hold'] };
    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata } });
    await core.deleteNamespacedConfigMap(at('held'));
    await sleep(300);
    const held = await core.readNamespacedConfigMap(at('held'));
    expect(held.metadata?.deletionTimestamp).toBeDefined();
    expect(held.metadata?.finalizers).toEqual(['example.com/hold']);
    await core.patchNamespacedConfigMap(
      { ...at('held'), body: { metadata: { finalizers: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(await gone(core.readNamespacedConfigMap(at('held')))).toBe(true);
  });
});

describe('garbage collection', () => {
  it('deletes the ReplicaSets and pods of a deleted Deployment in the background', async () => {
    const seen = new Map<string, number>();
    await deletions(`/apis/apps/v1/namespaces/${NS}/replicasets`, seen);
    await deletions(`/api/v1/namespaces/${NS}/pods`, seen);
    const pods = await deploymentWithPods('bg');
    const [rs] = await rsOf('bg');
    await apps.deleteNamespacedDeployment(at('bg'));
    expect(await gone(apps.readNamespacedDeployment(at('bg')))).toBe(true);
    await eventually(async () => (await rsOf('bg')).length === 0, 15_000, 'ReplicaSet removal');
    await eventually(async () => (await podsOf('bg')).length === 0, 15_000, 'pod removal');
    for (const k of [`ReplicaSet/${rs?.metadata?.name ?? ''}`, ...pods]) {
      await eventually(() => seen.has(k), 5_000, `DELETED ${k}`);
    }
  });

  it('keeps a Deployment deleted in the foreground until its dependents are gone', async () => {
    const seen = new Map<string, number>();
    for (const r of ['deployments', 'replicasets']) {
      await deletions(`/apis/apps/v1/namespaces/${NS}/${r}`, seen);
    }
    await deletions(`/api/v1/namespaces/${NS}/pods`, seen);
    const pods = await deploymentWithPods('fg');
    const [rs] = await rsOf('fg');
    await apps.deleteNamespacedDeployment({ ...at('fg'), propagationPolicy: 'Foreground' });
    const d = await apps.readNamespacedDeployment(at('fg'));
    expect(d.metadata?.deletionTimestamp).toBeDefined();
    expect(d.metadata?.finalizers).toContain('foregroundDeletion');
    const removed = await eventually(() => seen.get('Deployment/fg'), 20_000, 'Deployment gone');
    for (const dep of [`ReplicaSet/${rs?.metadata?.name ?? ''}`, ...pods])
      expect(seen.get(dep), dep).toBeLessThan(removed);
  });

  it('orphans the ReplicaSet, leaving it without ownerReferences', async () => {
    const pods = await deploymentWithPods('orphan');
    await apps.deleteNamespacedDeployment({ ...at('orphan'), propagationPolicy: 'Orphan' });
    const deploymentGone = () => gone(apps.readNamespacedDeployment(at('orphan')));
    await eventually(deploymentGone, 15_000, 'Deployment removal');
    await sleep(500);
    const left = await rsOf('orphan');
    expect(left).toHaveLength(1);
    expect(left[0]?.metadata?.ownerReferences).toBeUndefined();
    expect(left[0]?.metadata?.deletionTimestamp).toBeUndefined();
    const still = (await podsOf('orphan')).map((p) => `Pod/${p.metadata?.name ?? ''}`);
    expect(still.sort()).toEqual([...pods].sort());
  });
});
