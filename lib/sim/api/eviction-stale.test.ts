import type { V1PodDisruptionBudgetSpec } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { eventually } from '../testing';
import {
  budgetCause,
  failure,
  needsHealthy,
  tooManyRequests,
  useEvictionCluster,
  type BudgetStatus,
} from './eviction-testkit';

/**
 * Eviction API conformance, §3 row T2: a budget whose status.observedGeneration is behind its
 * generation answers 429 with Retry-After 10, for as long as the disruption controller has not
 * caught up; the unhealthy-pod skip never looks at observedGeneration.
 */

const kit = useEvictionCluster('ev-stale');
const { core, namespace, control, pause, readPdb, evict, expectUntouched, expectEvicted } = kit;

const pod = (ns: string, name: string, app: string, sick = false) =>
  (sick ? kit.sickPod : kit.readyPod)(ns, name, { labels: { app } });

async function budget(ns: string, name: string, app: string, spec: V1PodDisruptionBudgetSpec) {
  const created = await kit.createBudget(ns, name, { selector: { matchLabels: { app } }, ...spec });
  expect(created.metadata?.generation).toBe(1);
}

/** Writes a status whose observedGeneration (0) is behind generation (1). */
async function writeStaleStatus(ns: string, name: string, status: BudgetStatus) {
  const written = await kit.writeBudgetStatus(ns, name, { observedGeneration: 0, ...status });
  return written.metadata?.resourceVersion;
}

const t2Body = (pdb: string) =>
  tooManyRequests(
    budgetCause(`The disruption budget ${pdb} is still being processed by the server.`, {
      retryAfterSeconds: 10,
    }),
  );

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
    await expectUntouched(ns, p);
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
    expect(held.body.details).toEqual(needsHealthy('held', 1, 1));
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
    await expectEvicted(ns, 'sick');
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
    await expectEvicted(ns, 'sick');
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
    await core().createNamespacedPodEviction({ name: 'sick', namespace: ns, body });
    await expectEvicted(ns, 'sick');
  });
});
