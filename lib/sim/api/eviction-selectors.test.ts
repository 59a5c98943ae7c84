import type { V1Pod, V1PodDisruptionBudgetSpec } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { eventually } from '../testing';
import { failure, needsHealthy, useEvictionCluster } from './eviction-testkit';

/**
 * Eviction API conformance, §2 steps 11 and 13: which budgets a Running pod's eviction looks
 * at. policy/v1: an empty selector matches every pod of the namespace (labels or not), a nil
 * selector none; a pod no budget selects is simply deleted.
 */

const kit = useEvictionCluster('ev-selectors');
const { namespace, pause, read, evict } = kit;

const readPdb = (ns: string) => kit.readPdb(ns, 'pdb');
const readyPod = (ns: string, name: string, labels?: Record<string, string>) =>
  kit.readyPod(ns, name, { labels });

async function budget(ns: string, spec: V1PodDisruptionBudgetSpec) {
  await kit.createBudget(ns, 'pdb', spec);
  return readPdb(ns);
}

/** With the controller paused: a status that would refuse a Ready pod (0 allowed). */
async function refuse(ns: string) {
  const written = await kit.writeBudgetStatus(ns, 'pdb', { currentHealthy: 1, desiredHealthy: 1 });
  return written.metadata?.resourceVersion;
}

async function expectT1(ns: string, pod: V1Pod, needs: number, has: number) {
  const name = pod.metadata?.name ?? '';
  const err = await failure(evict(ns, name));
  expect(err.code).toBe(429);
  expect(err.body.details).toEqual(needsHealthy('pdb', needs, has));
  const after = await read(ns, name);
  expect(after.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
}

async function expectEvicted(ns: string, name: string) {
  await evict(ns, name);
  await kit.expectEvicted(ns, name);
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
