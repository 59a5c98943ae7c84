import { ApiException, Watch, type V1Pod } from '@kubernetes/client-node';
import { describe, expect, it, onTestFinished } from 'vitest';
import { eventually } from '../testing';
import {
  SUCCESS_STATUS,
  disruptionTarget as target,
  evictionPath,
  failure,
  isReady,
  useEvictionCluster,
  type BudgetStatus,
} from './eviction-testkit';

/**
 * Eviction API conformance, what a successful eviction writes (§1.4, §2 Steps D-F): the
 * DisruptionTarget condition before the delete, the budget's decrement, disruptedPods entry and
 * condition flip; dry-run writing nothing; ten concurrent evictions all succeeding.
 */

const kit = useEvictionCluster('ev-effects');
const { cluster, core, namespace, pause, read, evict, raw, expectUntouched } = kit;
const LABELS = { app: 'web' };
const TARGET = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'EvictionByEvictionAPI',
  message: 'Eviction API: evicting',
};

const readPdb = (ns: string) => kit.readPdb(ns, 'web');

async function readyPods(ns: string, names: string[]): Promise<V1Pod[]> {
  for (const name of names) await kit.createPod(ns, name, { labels: LABELS });
  return eventually(
    async () => {
      const pods = await Promise.all(names.map((n) => read(ns, n)));
      return pods.every(isReady) && pods;
    },
    20_000,
    'pods Ready',
  );
}

const budget = (ns: string, spec: object) =>
  kit.createBudget(ns, 'web', { selector: { matchLabels: LABELS }, ...spec });

/** A status with room for two, DisruptionAllowed since a minute ago, as `status` amends. */
const writeStatus = (ns: string, status: BudgetStatus) =>
  kit.writeBudgetStatus(ns, 'web', {
    currentHealthy: 2,
    expectedPods: 2,
    disruptionsAllowed: 2,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: 'True',
        reason: 'SufficientPods',
        message: '',
        observedGeneration: 1, // the generation of a budget just created
        lastTransitionTime: new Date(Date.now() - 60_000),
      },
    ],
    ...status,
  });

describe('what a successful eviction writes', () => {
  it('writes DisruptionTarget before the delete (two MODIFIED events)', async () => {
    const ns = await namespace();
    const [pod] = await readyPods(ns, ['p']);
    const events: { type: string; pod: V1Pod }[] = [];
    const path = `/api/v1/namespaces/${ns}/pods`;
    const opts = {
      resourceVersion: pod?.metadata?.resourceVersion,
      fieldSelector: 'metadata.name=p',
    };
    const watch = await new Watch(cluster().kc).watch(
      path,
      opts,
      (type, obj: V1Pod) => events.push({ type, pod: obj }),
      () => 0,
    );
    onTestFinished(() => watch.abort());
    await evict(ns, 'p');
    await eventually(() => events.length >= 2, 5_000, 'two watch events');
    const [first, second] = events;
    expect(first?.type).toBe('MODIFIED');
    expect(first?.pod.metadata?.deletionTimestamp).toBeUndefined();
    // Watch objects arrive as plain JSON: times are RFC 3339 strings.
    expect(first && target(first.pod)).toEqual({
      ...TARGET,
      lastProbeTime: null,
      lastTransitionTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(second?.type).toBe('MODIFIED');
    expect(second?.pod.metadata?.deletionTimestamp).toEqual(expect.any(String));
    expect(second?.pod.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(second && target(second.pod)).toMatchObject(TARGET);
  });

  it('decrements the budget, records disruptedPods and flips the condition at 0', async () => {
    const ns = await namespace();
    await readyPods(ns, ['a', 'b']);
    await pause();
    await budget(ns, { maxUnavailable: 2 });
    const written = await writeStatus(ns, {});
    const before = written.status?.conditions?.[0];
    const t0 = Date.now() - 1_000;
    await evict(ns, 'a');
    const one = await readPdb(ns);
    expect(one.status?.disruptionsAllowed).toBe(1);
    expect(Object.keys(one.status?.disruptedPods ?? {})).toEqual(['a']);
    expect(one.status?.disruptedPods?.a?.getTime()).toBeGreaterThanOrEqual(t0);
    expect(one.status?.conditions).toEqual([before]);
    expect(one.status).toMatchObject({
      observedGeneration: 1,
      currentHealthy: 2,
      desiredHealthy: 0,
    });
    await evict(ns, 'b');
    const zero = await readPdb(ns);
    expect(zero.status?.disruptionsAllowed).toBe(0);
    expect(Object.keys(zero.status?.disruptedPods ?? {}).sort()).toEqual(['a', 'b']);
    const cond = zero.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
    expect(cond).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    expect(cond?.lastTransitionTime.getTime()).toBeGreaterThan(
      before?.lastTransitionTime.getTime() ?? 0,
    );
  });

  it.each([
    ['query dryRun=All', '?dryRun=All', {}],
    ['body deleteOptions.dryRun', '', { deleteOptions: { dryRun: ['All'] } }],
    ['both, agreeing', '?dryRun=All', { deleteOptions: { dryRun: ['All'] } }],
  ])('dry-run (%s) answers 201 and changes nothing', async (_, query, more) => {
    const ns = await namespace();
    const [pod] = await readyPods(ns, ['p']);
    await pause();
    await budget(ns, { maxUnavailable: 1 });
    const pdb = await writeStatus(ns, { disruptionsAllowed: 1 });
    const body = { metadata: { name: 'p' }, ...more };
    const res = await raw('POST', `${evictionPath(ns, 'p')}${query}`, body);
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toEqual(SUCCESS_STATUS);
    if (!pod) throw new Error('no pod');
    await expectUntouched(ns, pod);
    const budgetAfter = await readPdb(ns);
    expect(budgetAfter.metadata?.resourceVersion).toBe(pdb.metadata?.resourceVersion);
    expect(budgetAfter.status?.disruptionsAllowed).toBe(1);
  });

  it('dry-run under an exhausted budget is still refused with 429', async () => {
    const ns = await namespace();
    await readyPods(ns, ['p']);
    await pause();
    await budget(ns, { maxUnavailable: 1 });
    await writeStatus(ns, { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1 });
    const err = await failure(evict(ns, 'p', { deleteOptions: { dryRun: ['All'] } }));
    expect(err.code).toBe(429);
  });

  it('ten concurrent evictions under a budget with room for ten all answer 201', async () => {
    const ns = await namespace();
    const names = Array.from({ length: 10 }, (_, i) => `p${i}`);
    await readyPods(ns, names);
    await budget(ns, { minAvailable: 0 });
    await eventually(
      async () => (await readPdb(ns)).status?.disruptionsAllowed === 10,
      10_000,
      'room for ten',
    );
    const results = await Promise.allSettled(names.map((n) => evict(ns, n)));
    const codes = results.map((r) =>
      r.status === 'fulfilled'
        ? 201
        : r.reason instanceof ApiException
          ? r.reason.code
          : String(r.reason),
    );
    expect(codes).toEqual(names.map(() => 201));
    await eventually(
      async () => (await core().listNamespacedPod({ namespace: ns })).items.length === 0,
      15_000,
      'all ten pods gone',
    );
  });
});
