import {
  ApiException,
  CoreV1Api,
  PolicyV1Api,
  type V1Pod,
  type V1PodDisruptionBudgetSpec,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/**
 * Eviction API conformance, §2 steps 11 and 13: which budgets a Running pod's eviction looks
 * at. policy/v1: an empty selector matches every pod of the namespace (labels or not), a nil
 * selector none; a pod no budget selects is simply deleted.
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

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'empty' });
  core = tc.kc.makeApiClient(CoreV1Api);
  policy = tc.kc.makeApiClient(PolicyV1Api);
});
afterAll(() => tc?.stop());

async function namespace(): Promise<string> {
  const name = `ev-selectors-${++seq}`;
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
  policy.readNamespacedPodDisruptionBudget({ name: 'pdb', namespace: ns });
const evict = (ns: string, name: string) =>
  core.createNamespacedPodEviction({ name, namespace: ns, body: { metadata: { name } } });

async function readyPod(ns: string, name: string, labels?: Record<string, string>) {
  const metadata = { name, labels, annotations: FAST };
  const spec = { containers: [{ name: 'app', image: 'nginx' }] };
  await core.createNamespacedPod({ namespace: ns, body: { metadata, spec } });
  return eventually(
    async () => {
      const p = await read(ns, name);
      return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && p;
    },
    15_000,
    `${name} Ready`,
  );
}

async function budget(ns: string, spec: V1PodDisruptionBudgetSpec) {
  await policy.createNamespacedPodDisruptionBudget({
    namespace: ns,
    body: { metadata: { name: 'pdb' }, spec },
  });
  return readPdb(ns);
}

/** With the controller paused: a status that would refuse a Ready pod (0 allowed). */
async function refuse(ns: string) {
  const pdb = await readPdb(ns);
  pdb.status = {
    observedGeneration: pdb.metadata?.generation,
    disruptionsAllowed: 0,
    currentHealthy: 1,
    desiredHealthy: 1,
    expectedPods: 1,
  };
  const body = pdb;
  const written = await policy.replaceNamespacedPodDisruptionBudgetStatus({
    name: 'pdb',
    namespace: ns,
    body,
  });
  return written.metadata?.resourceVersion;
}

async function expectT1(ns: string, pod: V1Pod, needs: number, has: number) {
  const name = pod.metadata?.name ?? '';
  const err = await evict(ns, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiException)) throw new Error(`expected a 429, got ${String(err)}`);
  expect(err.code).toBe(429);
  const body = JSON.parse((err as ApiException<string>).body) as { details: unknown };
  expect(body.details).toEqual({
    causes: [
      {
        reason: 'DisruptionBudget',
        message: `The disruption budget pdb needs ${needs} healthy pods and has ${has} currently`,
      },
    ],
  });
  const after = await read(ns, name);
  expect(after.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
}

async function expectEvicted(ns: string, name: string) {
  await evict(ns, name);
  const p = await read(ns, name).catch(() => undefined);
  if (p) expect(p.metadata?.deletionTimestamp).toBeDefined();
}

describe('which budgets an eviction consults (§2 steps 11, 13)', () => {
  it('an empty selector selects every pod of the namespace, unlabelled ones too', async () => {
    const ns = await namespace();
    const bare = await readyPod(ns, 'bare');
    const labelled = await readyPod(ns, 'labelled', { app: 'x' });
    const pdb = await budget(ns, { minAvailable: 2, selector: {} });
    expect(pdb.spec?.selector).toEqual({});
    await eventually(
      async () => {
        const s = (await readPdb(ns)).status;
        return s?.observedGeneration === 1 && s.currentHealthy === 2;
      },
      10_000,
      'budget computed over both pods',
    );
    await expectT1(ns, bare, 2, 2);
    await expectT1(ns, labelled, 2, 2);
  });

  it('a nil selector selects no pod: a Ready pod is evicted, the budget untouched', async () => {
    const ns = await namespace();
    await readyPod(ns, 'p', { app: 'x' });
    await pause();
    const pdb = await budget(ns, { minAvailable: 1 });
    expect(pdb.spec?.selector).toBeUndefined();
    const rv = await refuse(ns);
    await expectEvicted(ns, 'p');
    expect((await readPdb(ns)).metadata?.resourceVersion).toBe(rv);
  });

  it('a budget selecting other labels is not consulted', async () => {
    const ns = await namespace();
    await readyPod(ns, 'p', { app: 'x' });
    const other = await readyPod(ns, 'other', { app: 'y' });
    await pause();
    await budget(ns, { minAvailable: 1, selector: { matchLabels: { app: 'y' } } });
    const rv = await refuse(ns);
    await expectT1(ns, other, 1, 1);
    await expectEvicted(ns, 'p');
    expect((await readPdb(ns)).metadata?.resourceVersion).toBe(rv);
  });
});
