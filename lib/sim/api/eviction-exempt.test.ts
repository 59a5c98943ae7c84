import { ApiException, CoreV1Api, PolicyV1Api, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/**
 * Eviction API conformance, §2 Step C: Succeeded, Failed, Pending (scheduled or not) and
 * already-deleting pods skip the budgets. Each pod sits under a budget whose status (written
 * with the disruption controller paused) would refuse any check, and which must stay untouched.
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
const LABELS = { app: 'guarded' };
const app = [{ name: 'app', image: 'nginx' }];
const TARGET = {
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
  const name = `ev-exempt-${++seq}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

async function control(action: 'pause' | 'resume'): Promise<void> {
  const res = await fetch(`${tc.cluster.url}/sim/v1/disruption-controller/${action}`, {
    method: 'POST',
  });
  expect(res.status).toBe(200);
}

/**
 * Pauses the controller (resumed when the test ends) and creates a budget over LABELS whose
 * status refuses everything: 0 allowed, and 0 of 1 healthy (so the unhealthy-pod skip does not
 * apply either). Returns the budget's resourceVersion.
 */
async function refusingBudget(ns: string): Promise<string> {
  await control('pause');
  onTestFinished(() => control('resume'));
  const spec = { minAvailable: 1, selector: { matchLabels: LABELS } };
  await policy.createNamespacedPodDisruptionBudget({
    namespace: ns,
    body: { metadata: { name: 'pdb' }, spec },
  });
  const pdb = await policy.readNamespacedPodDisruptionBudget({ name: 'pdb', namespace: ns });
  pdb.status = {
    observedGeneration: pdb.metadata?.generation,
    disruptionsAllowed: 0,
    currentHealthy: 0,
    desiredHealthy: 1,
    expectedPods: 1,
  };
  const body = pdb;
  const written = await policy.replaceNamespacedPodDisruptionBudgetStatus({
    name: 'pdb',
    namespace: ns,
    body,
  });
  return written.metadata?.resourceVersion ?? '';
}

async function budgetRv(ns: string): Promise<string | undefined> {
  const pdb = await policy.readNamespacedPodDisruptionBudget({ name: 'pdb', namespace: ns });
  return pdb.metadata?.resourceVersion;
}

const read = (ns: string, name: string) => core.readNamespacedPod({ name, namespace: ns });
const evict = (ns: string, name: string, body: object = {}) =>
  core.createNamespacedPodEviction({ name, namespace: ns, body: { metadata: { name }, ...body } });
const gone = (ns: string, name: string) =>
  read(ns, name).then(
    () => false,
    (e: unknown) => e instanceof ApiException && e.code === 404,
  );

async function pod(ns: string, name: string, spec: object = {}, annotations = {}, hold = false) {
  const finalizers = hold ? ['example.com/hold'] : undefined;
  const metadata = { name, labels: LABELS, annotations: { ...FAST, ...annotations }, finalizers };
  await core.createNamespacedPod({
    namespace: ns,
    body: { metadata, spec: { containers: app, ...spec } },
  });
}

async function until(ns: string, name: string, what: string, ok: (p: V1Pod) => boolean) {
  return eventually(async () => ok(await read(ns, name)) && read(ns, name), 15_000, what);
}
const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
/** A JSON merge patch, with the kubelet idle (the pod is Ready), so nothing races it. */
async function mergePatch(ns: string, path: string, body: object): Promise<void> {
  const res = await fetch(`${tc.cluster.url}/api/v1/namespaces/${ns}/pods/${path}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}
const target = (p: V1Pod) => p.status?.conditions?.find((c) => c.type === 'DisruptionTarget');

describe('pods that skip the budget (§2 Step C)', () => {
  it.each(['Succeeded', 'Failed'])(
    'evicts a %s pod at once under a refusing budget, leaving the budget untouched',
    async (phase) => {
      const ns = await namespace();
      await pod(ns, 'done');
      await until(ns, 'done', 'Ready', isReady);
      const rv = await refusingBudget(ns);
      await mergePatch(ns, 'done/status', { status: { phase } });
      expect((await read(ns, 'done')).status?.phase).toBe(phase);
      await evict(ns, 'done');
      expect(await gone(ns, 'done')).toBe(true); // terminal: grace forced to 0
      expect(await budgetRv(ns)).toBe(rv);
    },
  );

  it('marks a terminal pod held by a finalizer with DisruptionTarget (Step F)', async () => {
    const ns = await namespace();
    await pod(ns, 'held', {}, {}, true);
    onTestFinished(() => mergePatch(ns, 'held', { metadata: { finalizers: null } }));
    await until(ns, 'held', 'Ready', isReady);
    const rv = await refusingBudget(ns);
    await mergePatch(ns, 'held/status', { status: { phase: 'Succeeded' } });
    await evict(ns, 'held');
    const held = await read(ns, 'held');
    expect(held.metadata?.deletionTimestamp).toBeDefined();
    expect(held.metadata?.deletionGracePeriodSeconds).toBe(0);
    expect(target(held)).toMatchObject(TARGET);
    expect(await budgetRv(ns)).toBe(rv);
  });

  it('dry-run of an unscheduled Pending pod leaves it in place', async () => {
    const ns = await namespace();
    await pod(ns, 'unscheduled', { nodeSelector: { 'no-such': 'node' } });
    const rv = await refusingBudget(ns);
    const before = await read(ns, 'unscheduled');
    await evict(ns, 'unscheduled', { deleteOptions: { dryRun: ['All'] } });
    const after = await read(ns, 'unscheduled');
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    expect(target(after)).toBeUndefined();
    expect(await budgetRv(ns)).toBe(rv);
  });

  it('evicts a scheduled Pending pod under a refusing budget', async () => {
    const ns = await namespace();
    await pod(ns, 'pending', { nodeName: 'node-1' }, { 'sim.drainboard.dev/start-after': '1h' });
    await until(ns, 'pending', 'admitted', (p) => p.status?.containerStatuses !== undefined);
    const rv = await refusingBudget(ns);
    expect((await read(ns, 'pending')).status?.phase).toBe('Pending');
    await evict(ns, 'pending');
    expect(await budgetRv(ns)).toBe(rv);
    await eventually(() => gone(ns, 'pending'), 15_000, 'pending pod removed');
  });

  it('evicts an unscheduled Pending pod under a refusing budget, at once', async () => {
    const ns = await namespace();
    await pod(ns, 'unscheduled', { nodeSelector: { 'no-such': 'node' } });
    const rv = await refusingBudget(ns);
    const before = await read(ns, 'unscheduled');
    expect(before.status?.phase).toBe('Pending');
    expect(before.spec?.nodeName).toBeUndefined();
    await evict(ns, 'unscheduled');
    expect(await gone(ns, 'unscheduled')).toBe(true);
    expect(await budgetRv(ns)).toBe(rv);
  });

  it('evicts an already-deleting Ready pod again (201), only ever shortening its grace', async () => {
    const ns = await namespace();
    await pod(ns, 'leaving', {}, { 'sim.drainboard.dev/shutdown-after': '60s' });
    await until(ns, 'leaving', 'Ready', isReady);
    const rv = await refusingBudget(ns);
    const deleted = await core.deleteNamespacedPod({ name: 'leaving', namespace: ns });
    const stamp = deleted.metadata?.deletionTimestamp?.getTime();
    expect(deleted.metadata?.deletionGracePeriodSeconds).toBe(30);
    await evict(ns, 'leaving', { deleteOptions: { gracePeriodSeconds: 60 } });
    const again = await read(ns, 'leaving');
    expect(again.metadata?.deletionTimestamp?.getTime()).toBe(stamp);
    expect(again.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(target(again)).toMatchObject(TARGET);
    await evict(ns, 'leaving', { deleteOptions: { gracePeriodSeconds: 0 } });
    expect(await gone(ns, 'leaving')).toBe(true);
    expect(await budgetRv(ns)).toBe(rv);
  });

  it('still refuses a Running Ready pod under that budget (the control case)', async () => {
    const ns = await namespace();
    await pod(ns, 'running');
    const before = await until(ns, 'running', 'Ready', isReady);
    const rv = await refusingBudget(ns);
    const err = await evict(ns, 'running').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<string>).code).toBe(429);
    const after = await read(ns, 'running');
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    expect(await budgetRv(ns)).toBe(rv);
  });
});
