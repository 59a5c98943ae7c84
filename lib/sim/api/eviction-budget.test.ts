import type { V1PodDisruptionBudgetSpec } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { eventually } from '../testing';
import {
  failure,
  failureStatus,
  needsHealthy,
  tooManyRequests,
  useEvictionCluster,
  type BudgetStatus,
} from './eviction-testkit';

/**
 * Eviction API conformance, §2 Step D and the rows of its summary table for Running pods:
 * Ready under an exhausted budget (T1), not Ready with AlwaysAllow / IfHealthyBudget, and two
 * budgets (I1). Budget states are written through /status with the controller paused, except
 * where the real controller computes them.
 */

const kit = useEvictionCluster('ev-budget');
const { namespace, pause, readPdb, evict, expectUntouched, expectEvicted } = kit;
const LABELS = { app: 'web' };

/** A pod that turns Ready, or (sick) one that runs but never turns Ready. */
const pod = (ns: string, name: string, sick = false) =>
  (sick ? kit.sickPod : kit.readyPod)(ns, name, { labels: LABELS });
const budget = (ns: string, name: string, spec: V1PodDisruptionBudgetSpec) =>
  kit.createBudget(ns, name, { selector: { matchLabels: LABELS }, ...spec });
/** Writes the status (observedGeneration = generation); returns the new resourceVersion. */
const writeStatus = async (ns: string, name: string, status: BudgetStatus) =>
  (await kit.writeBudgetStatus(ns, name, status)).metadata?.resourceVersion;

/** T1 exactly: 429, the needs/has cause, and no Retry-After anywhere. */
async function expectT1(ns: string, name: string, pdb: string, desired: number, current: number) {
  const err = await failure(evict(ns, name));
  expect(err.code).toBe(429);
  expect(err.body).toEqual(tooManyRequests(needsHealthy(pdb, desired, current)));
  expect(err.headers['retry-after']).toBeUndefined();
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
    expect(err.body).toEqual(
      failureStatus(
        500,
        'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      ),
    );
    await expectUntouched(ns, p);
    expect((await readPdb(ns, 'one')).metadata?.resourceVersion).toBe(rvs[0]);
    expect((await readPdb(ns, 'two')).metadata?.resourceVersion).toBe(rvs[1]);
  });
});
