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
 * Eviction API conformance, §3 row T2: a budget whose status.observedGeneration is behind its
 * generation answers 429 with Retry-After 10, for as long as the disruption controller has not
 * caught up; the unhealthy-pod skip never looks at observedGeneration.
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
  const name = `ev-stale-${++seq}`;
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

async function pod(ns: string, name: string, app: string, sick = false): Promise<V1Pod> {
  const annotations = sick ? { ...FAST, 'sim.drainboard.dev/never-ready': 'true' } : FAST;
  const metadata = { name, labels: { app }, annotations };
  const spec = { containers: [{ name: 'app', image: 'nginx' }] };
  await core.createNamespacedPod({ namespace: ns, body: { metadata, spec } });
  return eventually(
    async () => {
      const p = await read(ns, name);
      const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      return (sick ? p.status?.phase === 'Running' : ready) && p;
    },
    15_000,
    `${name} started`,
  );
}

async function budget(ns: string, name: string, app: string, spec: V1PodDisruptionBudgetSpec) {
  const body = { metadata: { name }, spec: { selector: { matchLabels: { app } }, ...spec } };
  const created = await policy.createNamespacedPodDisruptionBudget({ namespace: ns, body });
  expect(created.metadata?.generation).toBe(1);
}

/** Writes a status whose observedGeneration (0) is behind generation (1). */
async function writeStaleStatus(
  ns: string,
  name: string,
  status: Partial<V1PodDisruptionBudgetStatus>,
) {
  const pdb = await readPdb(ns, name);
  pdb.status = {
    observedGeneration: 0,
    disruptionsAllowed: 0,
    currentHealthy: 0,
    desiredHealthy: 0,
    expectedPods: 1,
    ...status,
  };
  const body = pdb;
  const written = await policy.replaceNamespacedPodDisruptionBudgetStatus({
    name,
    namespace: ns,
    body,
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

const T1_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";
const t2Body = (pdb: string) => ({
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
        message: `The disruption budget ${pdb} is still being processed by the server.`,
      },
    ],
    retryAfterSeconds: 10,
  },
  code: 429,
});

async function expectT2(ns: string, name: string, pdb: string) {
  const err = await failure(evict(ns, name));
  expect(err.code).toBe(429);
  expect(err.body).toEqual(t2Body(pdb));
  expect(err.headers['retry-after']).toBe('10');
}

describe('a budget not yet processed (§3 T2)', () => {
  it('T2 even with disruptions allowed, when observedGeneration < generation', async () => {
    const ns = await namespace();
    const p = await pod(ns, 'p', 'web');
    await pause();
    await budget(ns, 'web', 'web', { maxUnavailable: 1 });
    const rv = await writeStaleStatus(ns, 'web', { disruptionsAllowed: 3, currentHealthy: 1 });
    await expectT2(ns, 'p', 'web');
    const after = await read(ns, 'p');
    expect(after.metadata?.resourceVersion).toBe(p.metadata?.resourceVersion);
    expect(after.metadata?.deletionTimestamp).toBeUndefined();
    expect((await readPdb(ns, 'web')).metadata?.resourceVersion).toBe(rv);
  });

  it('a budget created a moment ago is stale only while the controller is paused', async () => {
    const ns = await namespace();
    await pod(ns, 'free', 'free');
    await pod(ns, 'held', 'held');
    await pause();
    await budget(ns, 'free', 'free', { minAvailable: 0 });
    await budget(ns, 'held', 'held', { minAvailable: 1 });
    await expectT2(ns, 'free', 'free');
    await expectT2(ns, 'held', 'held');
    await control('resume');
    await eventually(() => evict(ns, 'free').then(() => true), 10_000, 'eviction of free');
    const held = await eventually(
      async () => {
        const err = await failure(evict(ns, 'held'));
        const causes = (err.body.details as { causes?: { message: string }[] }).causes;
        return !causes?.[0]?.message.includes('still being processed') && err;
      },
      10_000,
      'held refused by the computed budget',
    );
    expect(held.code).toBe(429);
    expect(held.headers['retry-after']).toBeUndefined();
    expect(held.body.details).toEqual({
      causes: [
        {
          reason: 'DisruptionBudget',
          message: 'The disruption budget held needs 1 healthy pods and has 1 currently',
        },
      ],
    });
  });

  it('the unhealthy-pod skip ignores a stale AlwaysAllow budget', async () => {
    const ns = await namespace();
    await pod(ns, 'sick', 'web', true);
    await pod(ns, 'well', 'web');
    await pause();
    await budget(ns, 'web', 'web', { minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    const rv = await writeStaleStatus(ns, 'web', { currentHealthy: 1, desiredHealthy: 1 });
    await expectT2(ns, 'well', 'web'); // the budget is stale for a Ready pod
    await evict(ns, 'sick');
    const sick = await read(ns, 'sick').catch(() => undefined);
    if (sick) expect(sick.metadata?.deletionTimestamp).toBeDefined();
    expect((await readPdb(ns, 'web')).metadata?.resourceVersion).toBe(rv);
  });

  it('the unhealthy-pod skip ignores a stale IfHealthyBudget budget with current >= desired > 0', async () => {
    const ns = await namespace();
    await pod(ns, 'sick', 'web', true);
    await pod(ns, 'well', 'web');
    await pause();
    await budget(ns, 'web', 'web', { minAvailable: 1 });
    const rv = await writeStaleStatus(ns, 'web', { currentHealthy: 1, desiredHealthy: 1 });
    await expectT2(ns, 'well', 'web');
    await evict(ns, 'sick');
    const sick = await read(ns, 'sick').catch(() => undefined);
    if (sick) expect(sick.metadata?.deletionTimestamp).toBeDefined();
    expect((await readPdb(ns, 'web')).metadata?.resourceVersion).toBe(rv);
  });

  it("the unhealthy-pod skip deletes with the resourceVersion it read, replacing the caller's", async () => {
    // Upstream's setPreconditionsResourceVersion overwrites a caller's resourceVersion
    // precondition on this path (only a Conflict of that delete decides 409 vs T3).
    const ns = await namespace();
    const sick = await pod(ns, 'sick', 'web', true);
    await pause();
    await budget(ns, 'web', 'web', { minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    const stale = String(Number(sick.metadata?.resourceVersion) - 1);
    const body = {
      metadata: { name: 'sick' },
      deleteOptions: { preconditions: { resourceVersion: stale } },
    };
    await core.createNamespacedPodEviction({ name: 'sick', namespace: ns, body });
    const after = await read(ns, 'sick').catch(() => undefined);
    if (after) expect(after.metadata?.deletionTimestamp).toBeDefined();
  });
});
