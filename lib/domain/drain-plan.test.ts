import { describe, expect, it } from 'vitest';

import { DRAIN_MESSAGES } from './drain-filters';
import { drainPodOf, evictCandidates, planDrain, type DrainPlanInput } from './drain-plan';
import {
  DrainPlanSchema,
  DrainRequestSchema,
  type DrainPlan,
  type DrainRequestInput,
  type DryRunVerdict,
} from './drains';
import { budgetView, nodeView, podView } from './test-views';
import type { BudgetView, OwnerView } from './views';

const NOW = Date.parse('2026-11-29T10:00:00Z');

type Over = Partial<Omit<DrainPlanInput, 'request'>> & { request?: Partial<DrainRequestInput> };

function input({ request, ...over }: Over = {}): DrainPlanInput {
  return {
    cluster: 'demo',
    request: DrainRequestSchema.parse({ nodes: ['node-1'], ...request }),
    nodes: [nodeView('node-1'), nodeView('node-2')],
    pods: [],
    budgets: [],
    owners: [],
    dryRuns: new Map(),
    now: NOW,
    ...over,
  };
}

/** Plans, and checks the plan against the contract the API sends. */
function plan(over: Over = {}): DrainPlan {
  const result = planDrain(input(over));
  expect(DrainPlanSchema.parse(result)).toEqual(result);
  return result;
}

const pods = (...names: string[]) => names.map((name) => podView(name));
const wavesOf = (p: DrainPlan) => Object.fromEntries(p.pods.map((pod) => [pod.name, pod.wave]));
const podOf = (p: DrainPlan, name: string) => p.pods.find((pod) => pod.name === name);

/** `maxUnavailable 1` over a ReplicaSet of 3, all healthy: room for one. */
const maxOne = (over: Partial<BudgetView> = {}) =>
  budgetView('web', { minAvailable: null, maxUnavailable: 1, ...over });

function daemonSet(name: string): OwnerView {
  return {
    uid: `uid-${name}`,
    kind: 'DaemonSet',
    namespace: 'kube-system',
    name,
    owner: null,
    replicas: { desired: 2, current: 2, ready: 2, available: 2, updated: 2 },
  };
}

const dsPod = (name: string) =>
  podView(name, {
    namespace: 'kube-system',
    labels: { app: 'node-exporter' },
    owner: { kind: 'DaemonSet', name: 'node-exporter', uid: 'ds-1' },
  });

const dryRun = (verdict: DryRunVerdict['verdict'], code: number | null): DryRunVerdict => ({
  verdict,
  code,
  message: null,
  budget: verdict === 'blocked' ? 'web' : null,
});

describe('planDrain: one node, one budget', () => {
  it('maxUnavailable 1 over 3 pods: one wave each, two rounds of replacements', () => {
    const p = plan({ pods: pods('web-1', 'web-2', 'web-3'), budgets: [maxOne()] });
    expect(wavesOf(p)).toEqual({ 'web-1': 1, 'web-2': 2, 'web-3': 3 });
    expect(p.budgets).toEqual([
      {
        namespace: 'shop',
        name: 'web',
        allowedNow: 1,
        capacity: 1,
        pods: ['shop/web-1', 'shop/web-2', 'shop/web-3'],
        atOnce: 1,
        waiting: 2,
        rounds: 2,
        canFinish: true,
        why: null,
      },
    ]);
    expect(p).toMatchObject({ canStart: true, canFinish: true, problems: [], errors: [] });
    expect(p.warning).toBeNull();
  });

  it('shows each pod as kubectl would treat it', () => {
    const p = plan({ pods: pods('web-1'), budgets: [maxOne()] });
    expect(p.pods).toEqual([
      {
        uid: 'uid-web-1',
        namespace: 'shop',
        name: 'web-1',
        node: 'node-1',
        phase: 'Running',
        owner: { kind: 'ReplicaSet', name: 'web-7d9f' },
        action: 'evict',
        skipWhy: null,
        message: null,
        dryRun: null,
        budgets: ['shop/web'],
        wave: 1,
        replaced: true,
      },
    ]);
  });

  it('echoes the resolved request, the nodes and the time', () => {
    const p = plan({
      request: { podSelector: 'app=web', gracePeriodSeconds: 20, timeoutSeconds: 600 },
      nodes: [nodeView('node-1', { isCordoned: true, isReady: false })],
    });
    expect(p.request).toEqual({
      force: false,
      ignoreDaemonSets: false,
      deleteEmptyDirData: false,
      podSelector: 'app=web',
      gracePeriodSeconds: 20,
      timeoutSeconds: 600,
    });
    expect(p.nodes).toEqual([{ name: 'node-1', isCordoned: true, isReady: false }]);
    expect(p.cluster).toBe('demo');
    expect(p.plannedAt).toBe('2026-11-29T10:00:00.000Z');
  });

  it('lets pods without a budget go at once', () => {
    const p = plan({ pods: pods('web-1', 'web-2') });
    expect(wavesOf(p)).toEqual({ 'web-1': 1, 'web-2': 1 });
    expect(p.budgets).toEqual([]);
  });

  it('passes as many at once as the budget allows now', () => {
    const budget = maxOne({ maxUnavailable: 2, desiredHealthy: 3, expectedPods: 5 });
    const p = plan({
      pods: pods('web-1', 'web-2', 'web-3', 'web-4', 'web-5'),
      budgets: [{ ...budget, currentHealthy: 5, disruptionsAllowed: 2 }],
    });
    expect(wavesOf(p)).toEqual({ 'web-1': 1, 'web-2': 1, 'web-3': 2, 'web-4': 2, 'web-5': 3 });
    expect(p.budgets[0]).toMatchObject({ atOnce: 2, waiting: 3, rounds: 2, capacity: 2 });
  });

  it('waits for unhealthy pods to become Ready when the budget allows none now', () => {
    const budget = maxOne({ currentHealthy: 2, disruptionsAllowed: 0 });
    const p = plan({ pods: pods('web-1', 'web-2'), budgets: [budget] });
    expect(wavesOf(p)).toEqual({ 'web-1': 2, 'web-2': 3 });
    expect(p.budgets[0]).toMatchObject({ allowedNow: 0, atOnce: 0, waiting: 2, rounds: 2 });
    expect(p.budgets[0]?.canFinish).toBe(true);
    expect(p.canFinish).toBe(true);
  });
});

describe('planDrain: several nodes', () => {
  it('shares a budget across the nodes, in node order then by name', () => {
    const p = plan({
      request: { nodes: ['node-2', 'node-1'] },
      pods: [
        podView('web-a', { nodeName: 'node-1' }),
        podView('web-b', { nodeName: 'node-2' }),
        podView('web-c', { nodeName: 'node-1' }),
        podView('web-d', { nodeName: 'node-2' }),
      ],
      budgets: [
        maxOne({ maxUnavailable: 2, expectedPods: 4, currentHealthy: 4, disruptionsAllowed: 2 }),
      ],
    });
    expect(p.pods.map((pod) => `${pod.node} ${pod.name}`)).toEqual([
      'node-2 web-b',
      'node-2 web-d',
      'node-1 web-a',
      'node-1 web-c',
    ]);
    expect(wavesOf(p)).toEqual({ 'web-b': 1, 'web-d': 1, 'web-a': 2, 'web-c': 2 });
    expect(p.budgets).toHaveLength(1);
    expect(p.budgets[0]).toMatchObject({ atOnce: 2, waiting: 2, rounds: 1 });
    expect(p.nodes.map((n) => n.name)).toEqual(['node-2', 'node-1']);
  });

  it('orders a node’s pods by namespace, then name, and leaves other nodes’ pods out', () => {
    const p = plan({
      pods: [
        podView('b', { namespace: 'shop' }),
        podView('z', { namespace: 'auth' }),
        podView('a', { namespace: 'shop' }),
        podView('elsewhere', { nodeName: 'node-2' }),
        podView('unscheduled', { nodeName: null, phase: 'Pending' }),
      ],
    });
    expect(p.pods.map((pod) => `${pod.namespace}/${pod.name}`)).toEqual([
      'auth/z',
      'shop/a',
      'shop/b',
    ]);
  });

  it('cannot start when a requested node is not in the model', () => {
    const p = plan({ request: { nodes: ['node-1', 'node-9'] }, pods: pods('web-1') });
    expect(p.nodes).toEqual([
      { name: 'node-1', isCordoned: false, isReady: true },
      { name: 'node-9', isCordoned: false, isReady: false },
    ]);
    expect(p.problems).toEqual(['node node-9 not found']);
    expect(p.canStart).toBe(false);
    expect(p.canFinish).toBe(true);
  });
});

describe('planDrain: budgets that never let pods go', () => {
  it('minAvailable equal to the expected pods', () => {
    const budget = budgetView('web', { currentHealthy: 2, expectedPods: 2, disruptionsAllowed: 0 });
    const p = plan({ pods: pods('web-1', 'web-2'), budgets: [budget] });
    const why = 'minAvailable 2 equals the 2 pods it expects: it never allows an eviction';
    expect(wavesOf(p)).toEqual({ 'web-1': null, 'web-2': null });
    expect(p.budgets[0]).toMatchObject({ canFinish: false, why, atOnce: 0, waiting: 0 });
    expect(p.budgets[0]).toMatchObject({ rounds: 0, capacity: 0, allowedNow: 0 });
    expect(p.problems).toEqual([`budget shop/web never lets shop/web-1, shop/web-2 go: ${why}`]);
    expect(p).toMatchObject({ canStart: true, canFinish: false });
  });

  it.each<{ name: string; over: Partial<BudgetView>; why: string }>([
    {
      name: 'maxUnavailable 0',
      over: { minAvailable: null, maxUnavailable: 0, desiredHealthy: 3, disruptionsAllowed: 0 },
      why: 'maxUnavailable 0: it never allows an eviction',
    },
    {
      name: 'minAvailable 100%',
      over: { minAvailable: '100%', desiredHealthy: 3, disruptionsAllowed: 0 },
      why: 'minAvailable 100% (3) equals the 3 pods it expects: it never allows an eviction',
    },
    {
      name: 'minAvailable above the expected pods',
      over: { minAvailable: 4, desiredHealthy: 4, disruptionsAllowed: 0 },
      why: 'minAvailable 4 exceeds the 3 pods it expects: it never allows an eviction',
    },
    {
      name: 'no expected pods',
      over: {
        minAvailable: null,
        maxUnavailable: 1,
        expectedPods: 0,
        desiredHealthy: 0,
        disruptionsAllowed: 0,
      },
      why: 'it expects no pods (maxUnavailable 1): it never allows an eviction',
    },
  ])('$name', ({ over, why }) => {
    const p = plan({ pods: pods('web-1'), budgets: [budgetView('web', over)] });
    expect(p.budgets[0]?.why).toBe(why);
    expect(p.canFinish).toBe(false);
  });

  it('a status that allows more than its capacity: the rest never pass', () => {
    // An unmanaged Ready pod counts as healthy but is not expected under maxUnavailable.
    const budget = maxOne({ maxUnavailable: 0, desiredHealthy: 3, currentHealthy: 4 });
    const p = plan({ pods: pods('web-1', 'web-2'), budgets: [budget] });
    expect(wavesOf(p)).toEqual({ 'web-1': 1, 'web-2': null });
    expect(p.budgets[0]?.why).toBe(
      'maxUnavailable 0: after the 1 it allows now, it never allows another',
    );
  });
});

describe('planDrain: pods without a controller', () => {
  const solo = podView('a-solo', { owner: null });

  it('are refused without --force, with kubectl’s error', () => {
    const p = plan({ pods: [solo, ...pods('web-1')] });
    expect(podOf(p, 'a-solo')).toMatchObject({
      action: 'refuse',
      message: DRAIN_MESSAGES.unreplicated,
    });
    expect(podOf(p, 'a-solo')?.wave).toBeNull();
    // kubectl's own line (whether it doubles "cannot delete" is drain-filters' business).
    expect(p.errors).toEqual([
      expect.stringMatching(/^cannot delete .*declare no controller .*: shop\/a-solo$/),
    ]);
    expect(p.problems).toEqual(p.errors);
    expect(p.canStart).toBe(false);
  });

  it('use a budget’s room for good under --force', () => {
    // minAvailable 2 of 3 selected pods: the one disruption goes to the pod nothing replaces.
    const p = plan({
      request: { force: true },
      pods: [solo, ...pods('web-1', 'web-2')],
      budgets: [budgetView('web')],
    });
    expect(wavesOf(p)).toEqual({ 'a-solo': 1, 'web-1': null, 'web-2': null });
    expect(podOf(p, 'a-solo')?.replaced).toBe(false);
    expect(p.warning).toBe(`Warning: ${DRAIN_MESSAGES.deletingUnreplicated}: shop/a-solo`);
    const why = 'nothing replaces shop/a-solo: once it is gone, it allows no more evictions';
    expect(p.budgets[0]).toMatchObject({ canFinish: false, why, atOnce: 1, waiting: 0 });
    expect(p.problems).toEqual([`budget shop/web never lets shop/web-1, shop/web-2 go: ${why}`]);
  });

  it('shrink the room of later waves by one', () => {
    const budget = budgetView('web', {
      expectedPods: 5,
      currentHealthy: 5,
      disruptionsAllowed: 3,
    });
    const p = plan({
      request: { force: true },
      pods: [solo, ...pods('web-1', 'web-2', 'web-3', 'web-4')],
      budgets: [budget],
    });
    // Capacity 3; after a-solo goes, 2 per wave.
    expect(wavesOf(p)).toEqual({ 'a-solo': 1, 'web-1': 1, 'web-2': 1, 'web-3': 2, 'web-4': 2 });
    expect(p.budgets[0]).toMatchObject({ capacity: 3, atOnce: 3, waiting: 2, rounds: 1 });
    expect(p.canFinish).toBe(true);
  });
  it('under maxUnavailable, take no room between waves: the budget does not expect them', () => {
    // RS of 2 and an unmanaged pod: expects 2, desires 1, has 3 healthy, allows 2.
    const budget = maxOne({ expectedPods: 2, desiredHealthy: 1, disruptionsAllowed: 2 });
    const p = plan({
      request: { force: true },
      pods: [solo, ...pods('web-1', 'web-2')],
      budgets: [budget],
    });
    expect(wavesOf(p)).toEqual({ 'a-solo': 1, 'web-1': 1, 'web-2': 2 });
    expect(p.budgets[0]).toMatchObject({ capacity: 1, rounds: 1, canFinish: true });
  });
});

describe('planDrain: several budgets', () => {
  const search = budgetView('search', {
    selector: { matchLabels: { app: 'search' }, matchExpressions: [] },
  });
  const backend = budgetView('backend', {
    selector: { matchLabels: { tier: 'backend' }, matchExpressions: [] },
  });
  const searchX = podView('search-x', { labels: { app: 'search', tier: 'backend' } });
  const searchY = podView('search-y', { labels: { app: 'search' } });

  it('a pod two budgets select never passes and takes no room', () => {
    const p = plan({ pods: [searchX, searchY], budgets: [search, backend] });
    expect(podOf(p, 'search-x')).toMatchObject({
      wave: null,
      budgets: ['shop/search', 'shop/backend'],
    });
    expect(podOf(p, 'search-y')?.wave).toBe(1);
    expect(p.budgets).toEqual([
      expect.objectContaining({ name: 'search', pods: ['shop/search-y'], atOnce: 1 }),
    ]);
    expect(p.problems).toEqual([
      'shop/search-x is selected by 2 budgets (shop/search, shop/backend): the API server answers 500; fix the selectors so one budget selects it',
    ]);
    expect(p).toMatchObject({ canStart: true, canFinish: false });
  });

  it('a pod whose dry run says several budgets likewise', () => {
    const dryRuns = new Map([['uid-web-1', dryRun('several-budgets', 500)]]);
    const p = plan({ pods: pods('web-1', 'web-2'), budgets: [maxOne()], dryRuns });
    expect(wavesOf(p)).toEqual({ 'web-1': null, 'web-2': 1 });
    expect(podOf(p, 'web-1')?.dryRun).toEqual(dryRun('several-budgets', 500));
    expect(p.budgets[0]?.pods).toEqual(['shop/web-2']);
    expect(p.problems).toEqual([
      'shop/web-1 is selected by several budgets, says its dry run: the API server answers 500; fix the selectors so one budget selects it',
    ]);
    expect(p.canFinish).toBe(false);
  });
});

describe('planDrain: dry runs', () => {
  it('a pod the cluster blocks waits a round at least', () => {
    const dryRuns = new Map([['uid-web-1', dryRun('blocked', 429)]]);
    const p = plan({ pods: pods('web-1', 'web-2', 'web-3'), budgets: [maxOne()], dryRuns });
    expect(wavesOf(p)).toEqual({ 'web-1': 2, 'web-2': 1, 'web-3': 3 });
  });

  it('every pod blocked: none passes at once', () => {
    const dryRuns = new Map([
      ['uid-web-1', dryRun('blocked', 429)],
      ['uid-web-2', dryRun('blocked', 429)],
    ]);
    const p = plan({ pods: pods('web-1', 'web-2'), budgets: [maxOne()], dryRuns });
    expect(wavesOf(p)).toEqual({ 'web-1': 2, 'web-2': 3 });
    expect(p.budgets[0]).toMatchObject({ atOnce: 0, waiting: 2, rounds: 2 });
  });

  it('a pod without a budget in the model but blocked by the cluster waits too', () => {
    const dryRuns = new Map([['uid-web-1', dryRun('blocked', 429)]]);
    const p = plan({ pods: pods('web-1'), dryRuns });
    expect(wavesOf(p)).toEqual({ 'web-1': 2 });
  });

  it('a pass changes nothing, and only evicted pods carry their dry run', () => {
    const dryRuns = new Map([
      ['uid-web-1', dryRun('would-pass', 201)],
      ['uid-web-2', dryRun('would-pass', 201)],
      ['uid-a-solo', dryRun('would-pass', 201)],
    ]);
    const solo = podView('a-solo', { owner: null });
    const p = plan({ pods: [solo, ...pods('web-1', 'web-2')], budgets: [maxOne()], dryRuns });
    expect(wavesOf(p)).toEqual({ 'a-solo': null, 'web-1': 1, 'web-2': 2 });
    expect(podOf(p, 'a-solo')?.dryRun).toBeNull();
    expect(podOf(p, 'web-1')?.dryRun).toEqual(dryRun('would-pass', 201));
  });
});

describe('planDrain: unhealthy and exempt pods', () => {
  const unready = (name: string) => podView(name, { isReady: false });

  it('AlwaysAllow lets an unhealthy pod go at once without using room', () => {
    const budget = maxOne({
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
      currentHealthy: 1,
      disruptionsAllowed: 0,
    });
    const p = plan({ pods: [unready('web-1'), ...pods('web-2', 'web-3')], budgets: [budget] });
    expect(wavesOf(p)).toEqual({ 'web-1': 1, 'web-2': 2, 'web-3': 3 });
    expect(p.budgets[0]).toMatchObject({ atOnce: 1, waiting: 2, rounds: 2, canFinish: true });
  });

  it('IfHealthyBudget lets it go only while the budget has its desired healthy pods', () => {
    const healthy = maxOne({ currentHealthy: 2, disruptionsAllowed: 0 });
    expect(wavesOf(plan({ pods: [unready('web-1')], budgets: [healthy] }))).toEqual({
      'web-1': 1,
    });
    const short = maxOne({ currentHealthy: 1, disruptionsAllowed: 0 });
    expect(wavesOf(plan({ pods: [unready('web-1')], budgets: [short] }))).toEqual({ 'web-1': 2 });
  });

  it('terminating, finished and Pending pods pass at once outside any budget', () => {
    const p = plan({
      pods: [
        podView('web-1', { deletionTimestamp: '2026-11-29T09:59:00Z', isReady: false }),
        podView('web-2', { phase: 'Succeeded', isReady: false }),
        podView('web-3', { phase: 'Pending', isReady: false }),
      ],
      budgets: [budgetView('web', { disruptionsAllowed: 0 })],
    });
    expect(wavesOf(p)).toEqual({ 'web-1': 1, 'web-2': 1, 'web-3': 1 });
    expect(p.budgets).toEqual([]);
    expect(podOf(p, 'web-1')?.budgets).toEqual(['shop/web']);
    expect(podOf(p, 'web-2')?.replaced).toBe(false);
    expect(podOf(p, 'web-3')?.replaced).toBe(true);
  });
});

describe('planDrain: kubectl’s filters', () => {
  it('refuses DaemonSet pods without --ignore-daemonsets', () => {
    const p = plan({ pods: [dsPod('ds-x')], owners: [daemonSet('node-exporter')] });
    const error = `cannot delete ${DRAIN_MESSAGES.daemonSet}: kube-system/ds-x`;
    expect(podOf(p, 'ds-x')).toMatchObject({ action: 'refuse', wave: null });
    expect(p).toMatchObject({ errors: [error], problems: [error], canStart: false });
  });

  it('skips DaemonSet pods with --ignore-daemonsets, with kubectl’s warning', () => {
    const p = plan({
      request: { ignoreDaemonSets: true },
      pods: [dsPod('ds-x')],
      owners: [daemonSet('node-exporter')],
    });
    expect(podOf(p, 'ds-x')).toMatchObject({
      action: 'skip',
      skipWhy: 'daemonset',
      message: DRAIN_MESSAGES.ignoringDaemonSet,
      wave: null,
      replaced: true,
    });
    expect(p.warning).toBe(`Warning: ${DRAIN_MESSAGES.ignoringDaemonSet}: kube-system/ds-x`);
    expect(p.canStart).toBe(true);
  });

  it('evicts the pod of a missing DaemonSet under --force; nothing replaces it', () => {
    const missing = 'daemonsets.apps "node-exporter" not found';
    const p = plan({ request: { force: true }, pods: [dsPod('ds-x')] });
    // As in kubectl, the later filters' silence replaces the 404 warning.
    expect(podOf(p, 'ds-x')).toMatchObject({ action: 'evict', message: null, wave: 1 });
    expect(podOf(p, 'ds-x')?.replaced).toBe(false);
    const refused = plan({ pods: [dsPod('ds-x')] });
    expect(refused.errors).toEqual([`cannot delete ${missing}: kube-system/ds-x`]);
  });

  it('skips a mirror pod silently', () => {
    const mirror = podView('etcd-node-1', {
      isMirror: true,
      owner: { kind: 'Node', name: 'node-1', uid: 'n' },
    });
    const p = plan({ pods: [mirror] });
    expect(podOf(p, 'etcd-node-1')).toMatchObject({
      action: 'skip',
      skipWhy: 'mirror',
      message: null,
      wave: null,
    });
    expect(p).toMatchObject({ errors: [], warning: null, canStart: true });
  });

  it('refuses a pod with an emptyDir unless --delete-emptydir-data', () => {
    const scratch = podView('web-1', { hasEmptyDir: true });
    const refused = plan({ pods: [scratch] });
    expect(refused.errors).toEqual([`cannot delete ${DRAIN_MESSAGES.localStorage}: shop/web-1`]);
    const allowed = plan({ request: { deleteEmptyDirData: true }, pods: [scratch] });
    expect(podOf(allowed, 'web-1')).toMatchObject({ action: 'evict', wave: 1 });
    expect(allowed.canStart).toBe(true);
  });

  it('drains only the pods --pod-selector selects', () => {
    const db = podView('db-0', { labels: { app: 'db' } });
    const all = [db, ...pods('web-1')];
    expect(
      plan({ request: { podSelector: 'app=web' }, pods: all }).pods.map((p) => p.name),
    ).toEqual(['web-1']);
    expect(
      plan({ request: { podSelector: 'app notin (web)' }, pods: all }).pods.map((p) => p.name),
    ).toEqual(['db-0']);
    expect(plan({ pods: all }).pods.map((p) => p.name)).toEqual(['db-0', 'web-1']);
  });
});

describe('evictCandidates', () => {
  it('lists the pods kubectl would evict, in its order', () => {
    const candidates = evictCandidates(
      input({
        request: { nodes: ['node-2', 'node-1'], ignoreDaemonSets: true },
        pods: [
          podView('web-1'),
          podView('web-2', { nodeName: 'node-2' }),
          dsPod('ds-x'),
          podView('mirror', { isMirror: true }),
          podView('solo', { owner: null }),
        ],
        owners: [daemonSet('node-exporter')],
      }),
    );
    expect(candidates.map((p) => p.name)).toEqual(['web-2', 'web-1']);
  });
});

describe('drainPodOf', () => {
  it('takes the controller and the flags from the pod view', () => {
    const pod = podView('web-1', { hasEmptyDir: true, deletionTimestamp: '2026-11-29T09:00:00Z' });
    expect(drainPodOf(pod, [])).toEqual({
      namespace: 'shop',
      name: 'web-1',
      phase: 'Running',
      deletionTimestamp: '2026-11-29T09:00:00Z',
      controller: { kind: 'ReplicaSet', name: 'web-7d9f' },
      daemonSetExists: false,
      isMirror: false,
      hasEmptyDir: true,
    });
  });

  it('finds the DaemonSet by namespace and name', () => {
    const elsewhere = { ...daemonSet('node-exporter'), namespace: 'monitoring' };
    expect(drainPodOf(dsPod('ds-x'), [daemonSet('node-exporter')]).daemonSetExists).toBe(true);
    expect(drainPodOf(dsPod('ds-x'), [elsewhere]).daemonSetExists).toBe(false);
    expect(drainPodOf(podView('solo', { owner: null }), []).controller).toBeNull();
  });
});
