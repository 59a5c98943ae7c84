import { randomUUID } from 'node:crypto';
import {
  AppsV1Api,
  CoreV1Api,
  PolicyV1Api,
  type V1ObjectMeta,
  type V1PodDisruptionBudgetSpec,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually, startTestCluster, type TestCluster } from '../testing';

/**
 * The worked examples of eviction-semantics.md §4.7, over real HTTP with client-node against
 * the embedded cluster and its real controllers: objects are created through the API and the
 * disruption controller's status is awaited, each example in its own namespace. The 2-minute
 * expiry of `disruptedPods` is skipped here (two minutes of wall time over HTTP);
 * disruption.test.ts covers it in-process.
 */

let tc: TestCluster;
let core: CoreV1Api;
let apps: AppsV1Api;
let policy: PolicyV1Api;

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'empty' });
  core = tc.kc.makeApiClient(CoreV1Api);
  apps = tc.kc.makeApiClient(AppsV1Api);
  policy = tc.kc.makeApiClient(PolicyV1Api);
});
afterAll(() => tc?.stop());

const WAIT = 20_000;
/** Fast pods: Running after 100 ms, Ready 200 ms later. */
const FAST: Record<string, string> = {
  'sim.drainboard.dev/start-after': '100ms',
  'sim.drainboard.dev/ready-after': '200ms',
};
const NEVER_READY = { ...FAST, 'sim.drainboard.dev/never-ready': 'true' };
const containers = [{ name: 'app', image: 'nginx:1.27' }];

async function namespace(name: string): Promise<string> {
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

type PodOpts = Omit<V1ObjectMeta, 'name'> & { nodeName?: string };

async function pod(namespace: string, name: string, o: PodOpts = {}): Promise<void> {
  const { labels = { app: 'web' }, annotations = {}, nodeName, ...rest } = o;
  const metadata = { ...rest, name, labels, annotations: { ...FAST, ...annotations } };
  await core.createNamespacedPod({ namespace, body: { metadata, spec: { containers, nodeName } } });
}

const template = (labels: Record<string, string>, annotations = FAST) => ({
  metadata: { labels, annotations },
  spec: { containers },
});

function replicaSet(namespace: string, name: string, replicas: number, annotations = FAST) {
  const [labels, metadata] = [{ app: name }, { name }];
  const spec = {
    replicas,
    selector: { matchLabels: labels },
    template: template(labels, annotations),
  };
  return apps.createNamespacedReplicaSet({ namespace, body: { metadata, spec } });
}

async function budget(namespace: string, name: string, spec: V1PodDisruptionBudgetSpec) {
  const body = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec };
  await policy.createNamespacedPodDisruptionBudget({ namespace, body });
}

/** The status as upstream's tests check it, with the DisruptionAllowed condition. */
async function summary(namespace: string, name: string) {
  const pdb = await policy.readNamespacedPodDisruptionBudget({ namespace, name });
  const s = pdb.status;
  const c = s?.conditions?.find((x) => x.type === 'DisruptionAllowed');
  return {
    counts: [s?.expectedPods, s?.desiredHealthy, s?.currentHealthy, s?.disruptionsAllowed],
    generation: pdb.metadata?.generation,
    observedGeneration: s?.observedGeneration,
    condition: c && [c.status, c.reason, c.message, c.observedGeneration],
  };
}

type Summary = Awaited<ReturnType<typeof summary>>;
type Counts = [expected: number, desired: number, current: number, allowed: number];

/** The condition for `allowed`, at generation `gen`. */
const cond = (allowed: number, gen = 1) =>
  allowed > 0 ? ['True', 'SufficientPods', '', gen] : ['False', 'InsufficientPods', '', gen];

/**
 * Waits for `[expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed]`, the
 * matching condition and observedGeneration `gen`; the last mismatch is in the timeout error.
 */
function settled(ns: string, name: string, counts: Counts, gen = 1): Promise<Summary> {
  const want = { counts, observedGeneration: gen, condition: cond(counts[3], gen) };
  return settledTo(ns, name, want);
}

function settledTo(ns: string, name: string, want: Partial<Summary>): Promise<Summary> {
  const check = async () => {
    const s = await summary(ns, name);
    expect(s).toMatchObject(want);
    return s;
  };
  return eventually(check, WAIT, `${ns}/${name} to reach ${JSON.stringify(want)}`);
}

describe('disruption controller over HTTP: the worked examples of §4.7', () => {
  it('minAvailable 3 of 4 Ready naked pods allows 1, and 0 once one is not Ready', async () => {
    const ns = await namespace('ex-unavailable');
    await budget(ns, 'pdb', { minAvailable: 3, selector: { matchLabels: { app: 'web' } } });
    for (const n of ['p1', 'p2', 'p3', 'p4']) await pod(ns, n);
    expect((await settled(ns, 'pdb', [4, 3, 4, 1])).generation).toBe(1);

    // p4 comes back under the same name, Running but never Ready.
    await core.deleteNamespacedPod({ namespace: ns, name: 'p4', gracePeriodSeconds: 0 });
    await eventually(() =>
      core.readNamespacedPod({ namespace: ns, name: 'p4' }).then(
        () => false,
        () => true,
      ),
    );
    await pod(ns, 'p4', { annotations: NEVER_READY });
    const phase = async () =>
      (await core.readNamespacedPod({ namespace: ns, name: 'p4' })).status?.phase;
    await eventually(async () => (await phase()) === 'Running', WAIT, 'p4 Running');
    await settled(ns, 'pdb', [4, 3, 3, 0]);

    // A spec change bumps the generation, and the controller observes it.
    const pdb = await policy.readNamespacedPodDisruptionBudget({ namespace: ns, name: 'pdb' });
    pdb.spec = { ...pdb.spec, minAvailable: 2 };
    await policy.replaceNamespacedPodDisruptionBudget({ namespace: ns, name: 'pdb', body: pdb });
    expect((await settled(ns, 'pdb', [4, 2, 3, 1], 2)).generation).toBe(2);
  });

  it('maxUnavailable 2 counts the scale of the ReplicaSet behind one pod: 7, then 5', async () => {
    const ns = await namespace('ex-scaling');
    // The ReplicaSet's own pods stay Pending (bound, never started) and lack the `budget`
    // label, so the budget selects only `lone`. The disruption controller still expects the
    // RS's spec.replicas: for maxUnavailable (and a percentage minAvailable) expectedPods is
    // the scale of the controllers that the selected pods' controller ownerReferences name
    // (getExpectedScale), not the number of pods selected.
    const rs = await replicaSet(ns, 'rs', 7, { 'sim.drainboard.dev/start-after': '1h' });
    await budget(ns, 'pdb', { maxUnavailable: 2, selector: { matchLabels: { budget: 'b' } } });
    // `lone` matches the RS's selector (a ReplicaSet releases an owned pod that does not) and
    // is its 8th pod: bound and costly to delete, so the RS removes one of its own instead.
    await pod(ns, 'lone', {
      labels: { app: 'rs', budget: 'b' },
      annotations: { 'controller.kubernetes.io/pod-deletion-cost': '1000' },
      nodeName: 'node-1',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: rs.metadata?.uid ?? '' },
      ].map((ref) => ({ ...ref, controller: true, blockOwnerDeletion: true })),
    });
    await settled(ns, 'pdb', [7, 5, 1, 0]);

    const scale = await apps.readNamespacedReplicaSetScale({ namespace: ns, name: 'rs' });
    expect(scale.spec?.replicas).toBe(7);
    scale.spec = { replicas: 5 };
    await apps.replaceNamespacedReplicaSetScale({ namespace: ns, name: 'rs', body: scale });
    await settled(ns, 'pdb', [5, 3, 1, 0]);
    const lone = await core.readNamespacedPod({ namespace: ns, name: 'lone' });
    expect(lone.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('percentages of a ReplicaSet of 10 round up: 20 % → 2, 90 % → 9, max 10 % → 9', async () => {
    const ns = await namespace('ex-percent');
    await replicaSet(ns, 'rs', 10);
    const selector = { matchLabels: { app: 'rs' } };
    await budget(ns, 'min20', { minAvailable: '20%', selector });
    await budget(ns, 'min90', { minAvailable: '90%', selector });
    await budget(ns, 'max10', { maxUnavailable: '10%', selector });
    await settled(ns, 'min20', [10, 2, 10, 8]);
    await settled(ns, 'min90', [10, 9, 10, 1]);
    await settled(ns, 'max10', [10, 9, 10, 1]);
  });

  it('minAvailable 34 % of a StatefulSet of 3 wants 2, and allows 1 once all are Ready', async () => {
    const ns = await namespace('ex-statefulset');
    const labels = { app: 'db' };
    const service = { clusterIP: 'None', selector: labels };
    await core.createNamespacedService({
      namespace: ns,
      body: { metadata: { name: 'db' }, spec: service },
    });
    const spec = {
      replicas: 3,
      serviceName: 'db',
      selector: { matchLabels: labels },
      template: template(labels),
    };
    await apps.createNamespacedStatefulSet({
      namespace: ns,
      body: { metadata: { name: 'db' }, spec },
    });
    await budget(ns, 'pdb', { minAvailable: '34%', selector: { matchLabels: labels } });
    await settled(ns, 'pdb', [3, 2, 3, 1]);
  });

  it('maxUnavailable 1 of a ReplicaSet of 3 allows 1 when all are Ready, 0 when none is', async () => {
    const ns = await namespace('ex-max-one');
    await replicaSet(ns, 'ready', 3);
    await replicaSet(ns, 'broken', 3, NEVER_READY);
    await budget(ns, 'ready', { maxUnavailable: 1, selector: { matchLabels: { app: 'ready' } } });
    await budget(ns, 'broken', { maxUnavailable: 1, selector: { matchLabels: { app: 'broken' } } });
    await settled(ns, 'ready', [3, 2, 3, 1]);
    await settled(ns, 'broken', [3, 2, 0, 0]);
  });

  it('an empty selector selects every pod of the namespace, an absent one none', async () => {
    const ns = await namespace('ex-selector');
    await pod(ns, 'labelled', { labels: { app: 'a' } });
    await pod(ns, 'bare', { labels: {} });
    await budget(ns, 'everything', { minAvailable: 1, selector: {} });
    await budget(ns, 'nothing', { minAvailable: 1 });
    const read = (name: string) =>
      policy.readNamespacedPodDisruptionBudget({ namespace: ns, name });
    expect((await read('everything')).spec?.selector).toEqual({});
    expect((await read('nothing')).spec?.selector).toBeUndefined();
    await settled(ns, 'everything', [2, 1, 2, 1]);
    await settled(ns, 'nothing', [0, 1, 0, 0]);
  });

  it('a controller ownerReference that resolves to nothing fails the sync (SyncFailed)', async () => {
    const ns = await namespace('ex-ghost');
    await budget(ns, 'pdb', { maxUnavailable: 1, selector: { matchLabels: { app: 'ghost' } } });
    await settled(ns, 'pdb', [0, 0, 0, 0]);
    // The garbage collector deletes a pod whose owners are all gone; the finalizer keeps it,
    // and a terminating pod is still one of the budget's pods.
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: randomUUID() };
    await pod(ns, 'orphan', {
      labels: { app: 'ghost' },
      finalizers: ['drainboard.dev/hold'],
      ownerReferences: [{ ...owner, controller: true }],
    });
    const message = 'found no controllers for pod "orphan"';
    const s = await settledTo(ns, 'pdb', { condition: ['False', 'SyncFailed', message, 1] });
    // The failsafe forbids disruptions and leaves observedGeneration as it was.
    expect(s).toMatchObject({ counts: [0, 0, 0, 0], observedGeneration: 1 });
  });
});
