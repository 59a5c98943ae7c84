import { describe, expect, it, onTestFinished } from 'vitest';
import { eventually } from '../testing';
import {
  disruptionTarget,
  failure,
  failureStatus,
  useEvictionCluster,
  type BudgetStatus,
} from './eviction-testkit';

/**
 * Eviction API conformance, §3 rows F1 (a budget with negative disruptionsAllowed or more than
 * 2000 disruptedPods) and F2 (the namespace is being terminated): 403 Forbidden.
 */

const kit = useEvictionCluster('ev-forbidden');
const { cluster, core, namespace, read, evict, expectUntouched } = kit;
const LABELS = { app: 'web' };
const PDBS = 'policy/poddisruptionbudgets';

const readPdb = (ns: string) => kit.readPdb(ns, 'web');
const readyPod = (ns: string, name: string, finalizers?: string[]) =>
  kit.readyPod(ns, name, { labels: LABELS, finalizers });

/** Pauses the controller (resumed when the test ends) and creates the budget `web`. */
async function pausedBudget(ns: string): Promise<void> {
  await kit.pause();
  await kit.createBudget(ns, 'web', { maxUnavailable: 1, selector: { matchLabels: LABELS } });
}

const statusWrite = (ns: string, status: BudgetStatus) =>
  kit.writeBudgetStatus(ns, 'web', { disruptionsAllowed: 1, currentHealthy: 1, ...status });

const forbiddenStatus = (message: string, details: Record<string, unknown>) =>
  failureStatus(403, message, { reason: 'Forbidden', details });

const pdbForbidden = (why: string) =>
  forbiddenStatus(`poddisruptionbudget.policy "web" is forbidden: ${why}`, {
    name: 'web',
    group: 'policy',
    kind: 'poddisruptionbudget',
  });

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
    const stored = structuredClone(cluster().cluster.store.get(PDBS, ns, 'web'));
    if (!stored) throw new Error('budget not stored');
    stored.status = { ...stored.status, disruptionsAllowed: -1 };
    cluster().cluster.store.put(PDBS, stored);
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
    onTestFinished(() => kit.mergePatch(ns, 'held', { metadata: { finalizers: null } }));
    await core().deleteNamespace({ name: ns });
    await eventually(
      async () => (await core().readNamespace({ name: ns })).status?.phase === 'Terminating',
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
    expect(disruptionTarget(await read(ns, 'held'))).toBeUndefined();
  });
});
