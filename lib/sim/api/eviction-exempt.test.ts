import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it, onTestFinished } from 'vitest';
import { eventually } from '../testing';
import {
  disruptionTarget as target,
  failure,
  isReady,
  useEvictionCluster,
  type PodOptions,
} from './eviction-testkit';

/**
 * Eviction API conformance, §2 Step C: Succeeded, Failed, Pending (scheduled or not) and
 * already-deleting pods skip the budgets. Each pod sits under a budget whose status (written
 * with the disruption controller paused) would refuse any check, and which must stay untouched.
 */

const kit = useEvictionCluster('ev-exempt');
const { core, namespace, read, evict, until, mergePatch } = kit;
const LABELS = { app: 'guarded' };
const TARGET = {
  status: 'True',
  reason: 'EvictionByEvictionAPI',
  message: 'Eviction API: evicting',
};

const pod = (ns: string, name: string, o: PodOptions = {}) =>
  kit.createPod(ns, name, { labels: LABELS, ...o });
const gone = (ns: string, name: string) =>
  read(ns, name).then(
    () => false,
    (e: unknown) => e instanceof ApiException && e.code === 404,
  );

/**
 * Pauses the controller (resumed when the test ends) and creates a budget over LABELS whose
 * status refuses everything: 0 allowed, and 0 of 1 healthy (so the unhealthy-pod skip does not
 * apply either). Returns the budget's resourceVersion.
 */
async function refusingBudget(ns: string): Promise<string> {
  await kit.pause();
  await kit.createBudget(ns, 'pdb', { minAvailable: 1, selector: { matchLabels: LABELS } });
  const written = await kit.writeBudgetStatus(ns, 'pdb', { desiredHealthy: 1 });
  return written.metadata?.resourceVersion ?? '';
}

const budgetRv = async (ns: string) => (await kit.readPdb(ns, 'pdb')).metadata?.resourceVersion;

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
    await pod(ns, 'held', { finalizers: ['example.com/hold'] });
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
    await pod(ns, 'unscheduled', { spec: { nodeSelector: { 'no-such': 'node' } } });
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
    await pod(ns, 'pending', {
      spec: { nodeName: 'node-1' },
      annotations: { 'sim.drainboard.dev/start-after': '1h' },
    });
    await until(ns, 'pending', 'admitted', (p) => p.status?.containerStatuses !== undefined);
    const rv = await refusingBudget(ns);
    expect((await read(ns, 'pending')).status?.phase).toBe('Pending');
    await evict(ns, 'pending');
    expect(await budgetRv(ns)).toBe(rv);
    await eventually(() => gone(ns, 'pending'), 15_000, 'pending pod removed');
  });

  it('evicts an unscheduled Pending pod under a refusing budget, at once', async () => {
    const ns = await namespace();
    await pod(ns, 'unscheduled', { spec: { nodeSelector: { 'no-such': 'node' } } });
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
    await pod(ns, 'leaving', { annotations: { 'sim.drainboard.dev/shutdown-after': '60s' } });
    await until(ns, 'leaving', 'Ready', isReady);
    const rv = await refusingBudget(ns);
    const deleted = await core().deleteNamespacedPod({ name: 'leaving', namespace: ns });
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
    expect((await failure(evict(ns, 'running'))).code).toBe(429);
    const after = await read(ns, 'running');
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    expect(await budgetRv(ns)).toBe(rv);
  });
});
