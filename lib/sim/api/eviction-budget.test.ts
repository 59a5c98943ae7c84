import {
  ApiException,
  CoreV1Api,
  PolicyV1Api,
  type V1Pod,
  type V1PodDisruptionBudgetSpec,
  type V1PodDisruptionBudgetStatus,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/**
 * Eviction API conformance, §2 Step D and the rows of its summary table for Running pods:
 * Ready under an exhausted budget (T1), not Ready with AlwaysAllow / IfHealthyBudget, and two
 * budgets (I1). Budget states are written through /status with the controller paused, except
 * where the real controller computes them.
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
const T1_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'empty' });
  core = tc.kc.makeApiClient(CoreV1Api);
  policy = tc.kc.makeApiClient(PolicyV1Api);
});
afterAll(() => tc?.stop());

async function namespace(): Promise<string> {
  const name = `ev-budget-${++seq}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

async function control(action: 'pause' | 'resume'): Promise<void> {
  const url = `${tc.cluster.url}/sim/v1/disruption-controller/${action}`;
  expect((await fetch(url, { method: 'POST' })).status).toBe(200);
}
async function pause(): Promise<void> {
  await control('pause');
  onTestFinished(() => control('resume'));
}

const read = (ns: string, name: string) => core.readNamespacedPod({ name, namespace: ns });
const readPdb = (ns: string, name: string) =>
  policy.readNamespacedPodDisruptionBudget({ name, namespace: ns });
const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/** A pod that turns Ready, or (sick) one that runs but never turns Ready. */
async function pod(ns: string, name: string, sick = false): Promise<V1Pod> {
  const annotations = sick ? { ...FAST, 'sim.drainboard.dev/never-ready': 'true' } : FAST;
  const metadata = { name, labels: LABELS, annotations };
  const spec = { containers: [{ name: 'app', image: 'nginx' }] };
  await core.createNamespacedPod({ namespace: ns, body: { metadata, spec } });
  return eventually(
    async () => {
      const p = await read(ns, name);
      return (sick ? p.status?.phase === 'Running' : isReady(p)) && p;
    },
    15_000,
    `${name} ${sick ? 'Running' : 'Ready'}`,
  );
}

async function budget(ns: string, name: string, spec: V1PodDisruptionBudgetSpec) {
  const body = { metadata: { name }, spec: { selector: { matchLabels: LABELS }, ...spec } };
  await policy.createNamespacedPodDisruptionBudget({ namespace: ns, body });
}

/** Writes the status (observedGeneration = generation); returns the new resourceVersion. */
async function writeStatus(ns: string, name: string, status: Partial<V1PodDisruptionBudgetStatus>) {
  const pdb = await readPdb(ns, name);
  pdb.status = {
    observedGeneration: pdb.metadata?.generation,
    disruptionsAllowed: 0,
    currentHealthy: 0,
    desiredHealthy: 0,
    expectedPods: 1,
    ...status,
  };
  const written = await policy.replaceNamespacedPodDisruptionBudgetStatus({
    name,
    namespace: ns,
    body: pdb,
  });
  return written.metadata?.resourceVersion;
}

const evict = (ns: string, name: string) =>
  core.createNamespacedPodEviction({ name, namespace: ns, body: { metadata: { name } } });

async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    const body = JSON.parse((e as ApiException<string>).body) as Record<string, unknown>;
    return { code: e.code, body, headers: e.headers };
  }
  throw new Error('expected the eviction to fail');
}

/** T1 exactly: 429, the needs/has cause, and no Retry-After anywhere. */
async function expectT1(ns: string, name: string, pdb: string, desired: number, current: number) {
  const err = await failure(evict(ns, name));
  expect(err.code).toBe(429);
  expect(err.body).toEqual({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: T1_MESSAGE,
    reason: 'TooManyRequests',
    details: {
      causes: [
        {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${pdb} needs ${desired} healthy pods and has ${current} currently`,
        },
      ],
    },
    code: 429,
  });
  expect(err.headers['retry-after']).toBeUndefined();
}

async function expectUntouched(ns: string, pod: V1Pod) {
  const now = await read(ns, pod.metadata?.name ?? '');
  expect(now.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
  expect(now.metadata?.deletionTimestamp).toBeUndefined();
}

async function expectEvicted(ns: string, name: string) {
  const p = await read(ns, name).catch(() => undefined);
  if (p) expect(p.metadata?.deletionTimestamp).toBeDefined();
}

describe('the budget check (§2 Step D)', () => {
  it('Running & Ready under a budget the controller computed as exhausted: 429 T1', async () => {
    const ns = await namespace();
    const a = await pod(ns, 'a');
    await pod(ns, 'b');
    await budget(ns, 'web', { minAvailable: 2 });
    await eventually(
      async () => {
        const s = (await readPdb(ns, 'web')).status;
        return s?.observedGeneration === 1 && s.currentHealthy === 2 && s.desiredHealthy === 2;
      },
      10_000,
      'budget status',
    );
    expect((await readPdb(ns, 'web')).status?.disruptionsAllowed).toBe(0);
    await expectT1(ns, 'a', 'web', 2, 2);
    await expectUntouched(ns, a);
  });

  it('Running & Ready: the T1 cause reports the status as written, budget untouched', async () => {
    const ns = await namespace();
    const a = await pod(ns, 'a');
    await pause();
    await budget(ns, 'web', { minAvailable: 3 });
    const rv = await writeStatus(ns, 'web', { currentHealthy: 1, desiredHealthy: 3 });
    await expectT1(ns, 'a', 'web', 3, 1);
    await expectUntouched(ns, a);
    expect((await readPdb(ns, 'web')).metadata?.resourceVersion).toBe(rv);
  });

  it('Running & not Ready with AlwaysAllow: evicted, budget untouched', async () => {
    const ns = await namespace();
    await pod(ns, 'sick', true);
    await pause();
    await budget(ns, 'web', { minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    const rv = await writeStatus(ns, 'web', { currentHealthy: 0, desiredHealthy: 1 });
    await evict(ns, 'sick');
    await expectEvicted(ns, 'sick');
    expect((await readPdb(ns, 'web')).metadata?.resourceVersion).toBe(rv);
  });

  it.each([undefined, 'IfHealthyBudget'])(
    'Running & not Ready, policy %s, currentHealthy >= desiredHealthy > 0: evicted, untouched',
    async (unhealthyPodEvictionPolicy) => {
      const ns = await namespace();
      await pod(ns, 'sick', true);
      await pause();
      await budget(ns, 'web', { minAvailable: 2, unhealthyPodEvictionPolicy });
      const rv = await writeStatus(ns, 'web', { currentHealthy: 2, desiredHealthy: 2 });
      await evict(ns, 'sick');
      await expectEvicted(ns, 'sick');
      const pdb = await readPdb(ns, 'web');
      expect(pdb.metadata?.resourceVersion).toBe(rv);
      expect(pdb.status?.disruptedPods).toBeUndefined();
    },
  );

  it.each([
    [undefined, 1, 2],
    ['IfHealthyBudget', 1, 2],
    [undefined, 0, 0],
  ])(
    'Running & not Ready, policy %s, currentHealthy %i / desiredHealthy %i: 429 T1',
    async (unhealthyPodEvictionPolicy, current, desired) => {
      const ns = await namespace();
      const sick = await pod(ns, 'sick', true);
      await pause();
      await budget(ns, 'web', { minAvailable: desired, unhealthyPodEvictionPolicy });
      const rv = await writeStatus(ns, 'web', {
        currentHealthy: current,
        desiredHealthy: desired,
      });
      await expectT1(ns, 'sick', 'web', desired, current);
      await expectUntouched(ns, sick);
      expect((await readPdb(ns, 'web')).metadata?.resourceVersion).toBe(rv);
    },
  );

  it.each([
    ['Ready', false, undefined],
    ['not Ready under AlwaysAllow budgets', true, 'AlwaysAllow'],
  ])('I1: a %s pod selected by two budgets gets 500 without a reason', async (_, sick, policy_) => {
    const ns = await namespace();
    const p = await pod(ns, 'p', sick);
    await pause();
    const rvs: (string | undefined)[] = [];
    for (const name of ['one', 'two']) {
      await budget(ns, name, { maxUnavailable: 1, unhealthyPodEvictionPolicy: policy_ });
      rvs.push(await writeStatus(ns, name, { disruptionsAllowed: 1, currentHealthy: 1 }));
    }
    const err = await failure(evict(ns, 'p'));
    expect(err.code).toBe(500);
    expect(err.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      code: 500,
    });
    await expectUntouched(ns, p);
    expect((await readPdb(ns, 'one')).metadata?.resourceVersion).toBe(rvs[0]);
    expect((await readPdb(ns, 'two')).metadata?.resourceVersion).toBe(rvs[1]);
  });
});
