import {
  ApiException,
  CoreV1Api,
  PolicyV1Api,
  type V1Pod,
  type V1PodDisruptionBudgetStatus,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/**
 * Eviction API conformance, §3 rows F1 (a budget with negative disruptionsAllowed or more than
 * 2000 disruptedPods) and F2 (the namespace is being terminated): 403 Forbidden.
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
const PDBS = 'policy/poddisruptionbudgets';

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'empty' });
  core = tc.kc.makeApiClient(CoreV1Api);
  policy = tc.kc.makeApiClient(PolicyV1Api);
});
afterAll(() => tc?.stop());

async function namespace(): Promise<string> {
  const name = `ev-forbidden-${++seq}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

async function control(action: 'pause' | 'resume'): Promise<void> {
  const url = `${tc.cluster.url}/sim/v1/disruption-controller/${action}`;
  expect((await fetch(url, { method: 'POST' })).status).toBe(200);
}

const read = (ns: string, name: string) => core.readNamespacedPod({ name, namespace: ns });
const readPdb = (ns: string) =>
  policy.readNamespacedPodDisruptionBudget({ name: 'web', namespace: ns });

async function readyPod(ns: string, name: string, finalizers?: string[]): Promise<V1Pod> {
  const metadata = { name, labels: LABELS, annotations: FAST, finalizers };
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

/** Pauses the controller (resumed when the test ends) and creates the budget `web`. */
async function pausedBudget(ns: string): Promise<void> {
  await control('pause');
  onTestFinished(() => control('resume'));
  const body = {
    metadata: { name: 'web' },
    spec: { maxUnavailable: 1, selector: { matchLabels: LABELS } },
  };
  await policy.createNamespacedPodDisruptionBudget({ namespace: ns, body });
}

function statusWrite(ns: string, status: Partial<V1PodDisruptionBudgetStatus>) {
  return readPdb(ns).then((pdb) => {
    pdb.status = {
      observedGeneration: pdb.metadata?.generation,
      disruptionsAllowed: 1,
      currentHealthy: 1,
      desiredHealthy: 0,
      expectedPods: 1,
      ...status,
    };
    const body = pdb;
    return policy.replaceNamespacedPodDisruptionBudgetStatus({ name: 'web', namespace: ns, body });
  });
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
  throw new Error('expected the request to fail');
}

function forbiddenStatus(message: string, details: Record<string, unknown>) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Forbidden',
    details,
    code: 403,
  };
}

const pdbForbidden = (why: string) =>
  forbiddenStatus(`poddisruptionbudget.policy "web" is forbidden: ${why}`, {
    name: 'web',
    group: 'policy',
    kind: 'poddisruptionbudget',
  });

async function expectUntouched(ns: string, pod: V1Pod) {
  const now = await read(ns, pod.metadata?.name ?? '');
  expect(now.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
  expect(now.metadata?.deletionTimestamp).toBeUndefined();
}

const disrupted = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`gone-${i}`, new Date()]));

describe('forbidden evictions (§3 F1, F2)', () => {
  it('F1: policy/v1 status validation refuses a negative disruptionsAllowed (422)', async () => {
    const ns = await namespace();
    await pausedBudget(ns);
    const err = await failure(statusWrite(ns, { disruptionsAllowed: -1 }));
    expect(err.code).toBe(422);
    expect(err.body).toMatchObject({ reason: 'Invalid' });
    expect(err.body.message).toContain(
      'status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('F1: a negative disruptionsAllowed stored behind the API (as in etcd) is a 403', async () => {
    const ns = await namespace();
    const pod = await readyPod(ns, 'p');
    await pausedBudget(ns);
    await statusWrite(ns, {});
    // kube has no API path to this state on policy/v1 (only a direct etcd write, or the
    // removed policy/v1beta1 status endpoint): write the store, the simulator's etcd.
    const stored = structuredClone(tc.cluster.store.get(PDBS, ns, 'web'));
    if (!stored) throw new Error('budget not stored');
    stored.status = { ...stored.status, disruptionsAllowed: -1 };
    tc.cluster.store.put(PDBS, stored);
    expect((await readPdb(ns)).status?.disruptionsAllowed).toBe(-1);
    const err = await failure(evict(ns, 'p'));
    expect(err.code).toBe(403);
    expect(err.body).toEqual(pdbForbidden('pdb disruptions allowed is negative'));
    await expectUntouched(ns, pod);
  });

  it('F1: more than 2000 disruptedPods is a 403, checked before the exhausted budget', async () => {
    const ns = await namespace();
    const pod = await readyPod(ns, 'p');
    await pausedBudget(ns);
    const written = await statusWrite(ns, {
      disruptionsAllowed: 0,
      disruptedPods: disrupted(2001),
    });
    expect(Object.keys(written.status?.disruptedPods ?? {})).toHaveLength(2001);
    const err = await failure(evict(ns, 'p'));
    expect(err.code).toBe(403);
    expect(err.body).toEqual(
      pdbForbidden(
        'DisruptedPods map too big - too many evictions not confirmed by PDB controller',
      ),
    );
    await expectUntouched(ns, pod);
    expect((await readPdb(ns)).metadata?.resourceVersion).toBe(written.metadata?.resourceVersion);
  });

  it('F1: exactly 2000 disruptedPods is still allowed', async () => {
    const ns = await namespace();
    await readyPod(ns, 'p');
    await pausedBudget(ns);
    await statusWrite(ns, { disruptionsAllowed: 1, disruptedPods: disrupted(2000) });
    await evict(ns, 'p');
    const pdb = await readPdb(ns);
    expect(pdb.status?.disruptionsAllowed).toBe(0);
    expect(Object.keys(pdb.status?.disruptedPods ?? {})).toHaveLength(2001);
    expect(pdb.status?.disruptedPods?.p).toBeDefined();
  });

  it('F2: a namespace being terminated refuses evictions with 403 NamespaceTerminating', async () => {
    const ns = await namespace();
    await readyPod(ns, 'held', ['example.com/hold']);
    onTestFinished(async () => {
      const res = await fetch(`${tc.cluster.url}/api/v1/namespaces/${ns}/pods/held`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ metadata: { finalizers: null } }),
      });
      expect(res.status).toBe(200);
    });
    await core.deleteNamespace({ name: ns });
    await eventually(
      async () => (await core.readNamespace({ name: ns })).status?.phase === 'Terminating',
      10_000,
      'namespace Terminating',
    );
    const err = await failure(evict(ns, 'held'));
    expect(err.code).toBe(403);
    expect(err.body).toEqual(
      forbiddenStatus(
        `pods "held" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
        {
          name: 'held',
          kind: 'pods',
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${ns} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      ),
    );
    const held = await read(ns, 'held');
    expect(held.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toBeUndefined();
  });
});
