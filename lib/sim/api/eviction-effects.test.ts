import {
  ApiException,
  CoreV1Api,
  PolicyV1Api,
  Watch,
  type V1Pod,
  type V1PodDisruptionBudgetStatus,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/**
 * Eviction API conformance, what a successful eviction writes (§1.4, §2 Steps D-F): the
 * DisruptionTarget condition before the delete, the budget's decrement, disruptedPods entry and
 * condition flip; dry-run writing nothing; ten concurrent evictions all succeeding.
 */

let tc: TestCluster;
let core: CoreV1Api;
let policy: PolicyV1Api;
let seq = 0;

const FAST = {
  'sim.drainboard.dev/start-after': '100ms',
  'sim.drainboard.dev/ready-after': '100ms',
  'sim.drainboard.dev/shutdown-after': '100ms',
};
const LABELS = { app: 'web' };
const TARGET = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'EvictionByEvictionAPI',
  message: 'Eviction API: evicting',
};

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'empty' });
  core = tc.kc.makeApiClient(CoreV1Api);
  policy = tc.kc.makeApiClient(PolicyV1Api);
});
afterAll(() => tc?.stop());

async function namespace(): Promise<string> {
  const name = `ev-effects-${++seq}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

async function pause(): Promise<void> {
  const call = (a: string) =>
    fetch(`${tc.cluster.url}/sim/v1/disruption-controller/${a}`, { method: 'POST' });
  expect((await call('pause')).status).toBe(200);
  onTestFinished(async () => void (await call('resume')));
}

const read = (ns: string, name: string) => core.readNamespacedPod({ name, namespace: ns });
const readPdb = (ns: string) =>
  policy.readNamespacedPodDisruptionBudget({ name: 'web', namespace: ns });
const target = (p: V1Pod) => p.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
const evict = (ns: string, name: string, more: object = {}) =>
  core.createNamespacedPodEviction({ name, namespace: ns, body: { metadata: { name }, ...more } });

async function readyPods(ns: string, names: string[]): Promise<V1Pod[]> {
  const spec = { containers: [{ name: 'app', image: 'nginx' }] };
  for (const name of names) {
    const metadata = { name, labels: LABELS, annotations: FAST };
    await core.createNamespacedPod({ namespace: ns, body: { metadata, spec } });
  }
  return eventually(
    async () => {
      const pods = await Promise.all(names.map((n) => read(ns, n)));
      const ready = (p: V1Pod) =>
        p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      return pods.every(ready) && pods;
    },
    20_000,
    'pods Ready',
  );
}

async function budget(ns: string, spec: object): Promise<void> {
  const body = { metadata: { name: 'web' }, spec: { selector: { matchLabels: LABELS }, ...spec } };
  await policy.createNamespacedPodDisruptionBudget({ namespace: ns, body });
}

async function writeStatus(ns: string, status: Partial<V1PodDisruptionBudgetStatus>) {
  const pdb = await readPdb(ns);
  pdb.status = {
    observedGeneration: pdb.metadata?.generation,
    currentHealthy: 2,
    desiredHealthy: 0,
    expectedPods: 2,
    disruptionsAllowed: 2,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: 'True',
        reason: 'SufficientPods',
        message: '',
        observedGeneration: pdb.metadata?.generation,
        lastTransitionTime: new Date(Date.now() - 60_000),
      },
    ],
    ...status,
  };
  return policy.replaceNamespacedPodDisruptionBudgetStatus({
    name: 'web',
    namespace: ns,
    body: pdb,
  });
}

describe('what a successful eviction writes', () => {
  it('writes DisruptionTarget before the delete (two MODIFIED events)', async () => {
    const ns = await namespace();
    const [pod] = await readyPods(ns, ['p']);
    const events: { type: string; pod: V1Pod }[] = [];
    const path = `/api/v1/namespaces/${ns}/pods`;
    const opts = {
      resourceVersion: pod?.metadata?.resourceVersion,
      fieldSelector: 'metadata.name=p',
    };
    const watch = await new Watch(tc.kc).watch(
      path,
      opts,
      (type, obj: V1Pod) => events.push({ type, pod: obj }),
      () => 0,
    );
    onTestFinished(() => watch.abort());
    await evict(ns, 'p');
    await eventually(() => events.length >= 2, 5_000, 'two watch events');
    const [first, second] = events;
    expect(first?.type).toBe('MODIFIED');
    expect(first?.pod.metadata?.deletionTimestamp).toBeUndefined();
    // Watch objects arrive as plain JSON: times are RFC 3339 strings.
    expect(first && target(first.pod)).toEqual({
      ...TARGET,
      lastProbeTime: null,
      lastTransitionTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(second?.type).toBe('MODIFIED');
    expect(second?.pod.metadata?.deletionTimestamp).toEqual(expect.any(String));
    expect(second?.pod.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(second && target(second.pod)).toMatchObject(TARGET);
  });

  it('decrements the budget, records disruptedPods and flips the condition at 0', async () => {
    const ns = await namespace();
    await readyPods(ns, ['a', 'b']);
    await pause();
    await budget(ns, { maxUnavailable: 2 });
    const written = await writeStatus(ns, {});
    const before = written.status?.conditions?.[0];
    const t0 = Date.now() - 1_000;
    await evict(ns, 'a');
    const one = await readPdb(ns);
    expect(one.status?.disruptionsAllowed).toBe(1);
    expect(Object.keys(one.status?.disruptedPods ?? {})).toEqual(['a']);
    expect(one.status?.disruptedPods?.a?.getTime()).toBeGreaterThanOrEqual(t0);
    expect(one.status?.conditions).toEqual([before]);
    expect(one.status).toMatchObject({
      observedGeneration: 1,
      currentHealthy: 2,
      desiredHealthy: 0,
    });
    await evict(ns, 'b');
    const zero = await readPdb(ns);
    expect(zero.status?.disruptionsAllowed).toBe(0);
    expect(Object.keys(zero.status?.disruptedPods ?? {}).sort()).toEqual(['a', 'b']);
    const cond = zero.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
    expect(cond).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    expect(cond?.lastTransitionTime.getTime()).toBeGreaterThan(
      before?.lastTransitionTime.getTime() ?? 0,
    );
  });

  it.each([
    ['query dryRun=All', '?dryRun=All', {}],
    ['body deleteOptions.dryRun', '', { deleteOptions: { dryRun: ['All'] } }],
    ['both, agreeing', '?dryRun=All', { deleteOptions: { dryRun: ['All'] } }],
  ])('dry-run (%s) answers 201 and changes nothing', async (_, query, more) => {
    const ns = await namespace();
    const [pod] = await readyPods(ns, ['p']);
    await pause();
    await budget(ns, { maxUnavailable: 1 });
    const pdb = await writeStatus(ns, { disruptionsAllowed: 1 });
    const res = await fetch(`${tc.cluster.url}/api/v1/namespaces/${ns}/pods/p/eviction${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'p' }, ...more }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      code: 201,
    });
    const after = await read(ns, 'p');
    expect(after.metadata?.resourceVersion).toBe(pod?.metadata?.resourceVersion);
    expect(after.metadata?.deletionTimestamp).toBeUndefined();
    expect(target(after)).toBeUndefined();
    const budgetAfter = await readPdb(ns);
    expect(budgetAfter.metadata?.resourceVersion).toBe(pdb.metadata?.resourceVersion);
    expect(budgetAfter.status?.disruptionsAllowed).toBe(1);
  });

  it('dry-run under an exhausted budget is still refused with 429', async () => {
    const ns = await namespace();
    await readyPods(ns, ['p']);
    await pause();
    await budget(ns, { maxUnavailable: 1 });
    await writeStatus(ns, { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1 });
    const err = await evict(ns, 'p', { deleteOptions: { dryRun: ['All'] } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<string>).code).toBe(429);
  });

  it('ten concurrent evictions under a budget with room for ten all answer 201', async () => {
    const ns = await namespace();
    const names = Array.from({ length: 10 }, (_, i) => `p${i}`);
    await readyPods(ns, names);
    await budget(ns, { minAvailable: 0 });
    await eventually(
      async () => (await readPdb(ns)).status?.disruptionsAllowed === 10,
      10_000,
      'room for ten',
    );
    const results = await Promise.allSettled(names.map((n) => evict(ns, n)));
    const codes = results.map((r) =>
      r.status === 'fulfilled'
        ? 201
        : r.reason instanceof ApiException
          ? r.reason.code
          : String(r.reason),
    );
    expect(codes).toEqual(names.map(() => 201));
    await eventually(
      async () => (await core.listNamespacedPod({ namespace: ns })).items.length === 0,
      15_000,
      'all ten pods gone',
    );
  });
});
