import { afterEach, describe, expect, it } from 'vitest';

import { rfc3339 } from '../clock';
import { resourceType } from '../store/resources';
import type { KObject, OwnerReference } from '../store/types';
import { createDisruptionController, type DisruptionController } from './disruption';
import { ownerRefTo } from './workload-pods';
import { Cluster, template } from './workload-testkit';

const PDBS = resourceType('policy/poddisruptionbudgets');
const PODS = resourceType('pods');
const MINUTE = 60_000;

let cluster: Cluster;
let controller: DisruptionController;
afterEach(() => cluster.stop());

function start(options: { staleDisruptionTimeoutMs?: number } = {}): void {
  cluster = new Cluster((ctx) => (controller = createDisruptionController(ctx, options)));
}

/** The work queue runs on setImmediate: a few turns of the event loop and no clock at all. */
const settle = () => cluster.settle(5);

function budget(name: string, spec: Record<string, unknown>): KObject {
  return cluster.create('policy/poddisruptionbudgets', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name },
    spec,
  });
}

const selector = { matchLabels: { app: 'web' } };
const status = (name = 'pdb') => cluster.get('policy/poddisruptionbudgets', name)?.status;

/** The four counts of upstream's `ps.VerifyPdbStatus`. */
function counts(name = 'pdb') {
  const s = status(name);
  return {
    expected: s?.expectedPods,
    desired: s?.desiredHealthy,
    current: s?.currentHealthy,
    allowed: s?.disruptionsAllowed,
  };
}

function condition(name = 'pdb') {
  const conditions = (status(name)?.conditions ?? []) as Record<string, unknown>[];
  return conditions.find((c) => c.type === 'DisruptionAllowed');
}

function workload(resource: string, name: string, replicas: number, owner?: KObject): KObject {
  return cluster.create(resource, {
    metadata: { name, ...(owner ? { ownerReferences: [ownerRefTo(owner)] } : {}) },
    spec: { replicas, selector, template: template('web'), serviceName: name },
  });
}

function pod(
  name: string,
  opts: { owner?: KObject | OwnerReference; labels?: Record<string, string> } = {},
): KObject {
  const ref = opts.owner && 'metadata' in opts.owner ? ownerRefTo(opts.owner) : opts.owner;
  return cluster.create('pods', {
    metadata: {
      name,
      labels: opts.labels ?? { app: 'web' },
      ...(ref ? { ownerReferences: [ref] } : {}),
    },
    spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] },
  });
}

/** The kubelet's part: Running, and Ready or not. */
function setReady(name: string, ready = true): void {
  const p = cluster.get('pods', name);
  if (p) cluster.ready(p, ready);
}

function readyPods(names: string[], owner?: KObject): void {
  for (const n of names) {
    pod(n, { owner });
    setReady(n);
  }
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('disruption controller: expectedPods and desiredHealthy (§4.3, §4.7)', () => {
  it('minAvailable 3 over 4 unmanaged Ready pods, then one unready (TestUnavailable)', async () => {
    start();
    budget('pdb', { minAvailable: 3, selector });
    readyPods(range('p', 4));
    await settle();
    expect(counts()).toEqual({ expected: 4, desired: 3, current: 4, allowed: 1 });
    expect(status()?.observedGeneration).toBe(1);
    expect(cluster.events('UnmanagedPods')).toEqual([]);

    setReady('p0', false);
    await settle();
    expect(counts()).toEqual({ expected: 4, desired: 3, current: 3, allowed: 0 });
  });

  it('maxUnavailable 2 of a ReplicaSet follows its scale (TestIntegerMaxUnavailableWithScaling)', async () => {
    start();
    const rs = workload('apps/replicasets', 'rs', 7);
    budget('pdb', { maxUnavailable: 2, selector });
    readyPods(['p0'], rs);
    await settle();
    expect(counts()).toEqual({ expected: 7, desired: 5, current: 1, allowed: 0 });

    cluster.update('apps/replicasets', 'rs', (o) => void (o.spec.replicas = 5));
    await settle();
    expect(counts()).toEqual({ expected: 5, desired: 3, current: 1, allowed: 0 });
  });

  it('minAvailable 20% of a ReplicaSet of 10 with one pod (TestReplicaSet)', async () => {
    start();
    const rs = workload('apps/replicasets', 'rs', 10);
    budget('pdb', { minAvailable: '20%', selector });
    readyPods(['p0'], rs);
    await settle();
    expect(counts()).toEqual({ expected: 10, desired: 2, current: 1, allowed: 0 });
  });

  it.each([{ resource: 'apps/replicasets' }, { resource: 'apps/statefulsets' }])(
    'minAvailable 34 percent of $resource with 3 replicas rounds up to 2',
    async ({ resource }) => {
      start();
      const owner = workload(resource, 'web', 3);
      budget('pdb', { minAvailable: '34%', selector });
      const allowed: unknown[] = [];
      for (const n of range('p', 3)) {
        readyPods([n], owner);
        await settle();
        allowed.push(counts().allowed);
        expect(counts().desired).toBe(2);
      }
      expect(allowed).toEqual([0, 0, 1]);
    },
  );

  it('minAvailable 28% of 11, then of 22 across two controllers (TestTwoControllers)', async () => {
    start();
    const rs = workload('apps/replicasets', 'rs', 11);
    budget('pdb', { minAvailable: '28%', selector });
    readyPods(range('a', 11), rs);
    await settle();
    expect(counts()).toEqual({ expected: 11, desired: 4, current: 11, allowed: 7 });

    // The second controller is a Deployment: its ReplicaSet's own replicas do not count.
    const deployment = workload('apps/deployments', 'dep', 11);
    const owned = workload('apps/replicasets', 'dep-abc', 3, deployment);
    readyPods(range('b', 11), owned);
    await settle();
    expect(counts()).toEqual({ expected: 22, desired: 7, current: 22, allowed: 15 });

    cluster.update('apps/deployments', 'dep', (o) => void (o.spec.replicas = 0));
    await settle();
    expect(counts()).toEqual({ expected: 11, desired: 4, current: 22, allowed: 18 });
  });

  it.each([
    { ready: true, want: { expected: 3, desired: 2, current: 3, allowed: 1 } },
    { ready: false, want: { expected: 3, desired: 2, current: 0, allowed: 0 } },
  ])('maxUnavailable 1 of a ReplicaSet of 3, all Ready: $ready', async ({ ready, want }) => {
    start();
    const rs = workload('apps/replicasets', 'rs', 3);
    budget('pdb', { maxUnavailable: 1, selector });
    for (const n of range('p', 3)) {
      pod(n, { owner: rs });
      setReady(n, ready);
    }
    await settle();
    expect(counts()).toEqual(want);
  });

  it.each([
    { name: 'minAvailable 90%', spec: { minAvailable: '90%' }, desired: 9 },
    { name: 'maxUnavailable 10%', spec: { maxUnavailable: '10%' }, desired: 9 },
    { name: 'maxUnavailable 20', spec: { maxUnavailable: 20 }, desired: 0 },
    { name: 'neither field', spec: {}, desired: 0, expected: 0 },
  ])('$name of a ReplicaSet of 10', async ({ spec, desired, expected }) => {
    start();
    const rs = workload('apps/replicasets', 'rs', 10);
    budget('pdb', { ...spec, selector });
    readyPods(range('p', 10), rs);
    await settle();
    const want = expected ?? 10;
    expect(counts()).toEqual({
      expected: want,
      desired,
      current: 10,
      allowed: want > 0 ? 10 - desired : 0,
    });
  });
});

describe('disruption controller: selection', () => {
  it('an empty selector selects every pod of the namespace, even unlabelled ones', async () => {
    start();
    budget('pdb', { minAvailable: 1, selector: {} });
    pod('a', { labels: {} });
    pod('b', { labels: { other: 'x' } });
    setReady('a');
    setReady('b');
    await settle();
    expect(counts()).toEqual({ expected: 2, desired: 1, current: 2, allowed: 1 });
  });

  it('a null selector selects nothing and says so with a NoPods event', async () => {
    start();
    budget('pdb', { minAvailable: 1 });
    readyPods(['a']);
    await settle();
    expect(counts()).toEqual({ expected: 0, desired: 1, current: 0, allowed: 0 });
    expect(cluster.events('NoPods')[0]).toBe('controllermanager: No matching pods found');
  });

  it('follows a pod out of one budget and into another when its labels change', async () => {
    start();
    budget('web', { minAvailable: 0, selector });
    budget('api', { minAvailable: 0, selector: { matchLabels: { app: 'api' } } });
    readyPods(['p']);
    await settle();
    expect([counts('web').current, counts('api').current]).toEqual([1, 0]);

    cluster.update('pods', 'p', (o) => void (o.metadata.labels = { app: 'api' }));
    await settle();
    expect([counts('web').current, counts('api').current]).toEqual([0, 1]);
  });

  it('warns on a pod several budgets select, and keeps all of them current', async () => {
    start();
    budget('b', { minAvailable: 0, selector });
    budget('a', { minAvailable: 0, selector: {} });
    readyPods(['p']);
    await settle();
    expect(counts('a').allowed).toBe(1);
    expect(counts('b').allowed).toBe(1);
    expect(cluster.events('MultiplePodDisruptionBudgets')).toEqual([
      'controllermanager: Pod "default"/"p" matches multiple PodDisruptionBudgets.  Chose "a" arbitrarily.',
    ]);
  });
});

describe('disruption controller: sync failures and unmanaged pods (§4.3, §4.5)', () => {
  it('fails safe on a controller that does not exist, without advancing observedGeneration', async () => {
    start();
    const rs = workload('apps/replicasets', 'rs', 3);
    budget('pdb', { maxUnavailable: 1, selector });
    readyPods(range('p', 3), rs);
    await settle();
    expect(counts().allowed).toBe(1);

    cluster.update('policy/poddisruptionbudgets', 'pdb', (o) => void (o.spec.maxUnavailable = 2));
    const gone = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'gone',
      uid: 'x',
      controller: true,
    };
    pod('orphan', { owner: gone });
    await settle();
    expect(status()?.disruptionsAllowed).toBe(0);
    expect(status()?.observedGeneration).toBe(1);
    expect(condition()).toMatchObject({
      status: 'False',
      reason: 'SyncFailed',
      message: 'found no controllers for pod "orphan"',
      observedGeneration: 1,
    });
    expect(cluster.events('CalculateExpectedPodCountFailed')).toEqual([
      'controllermanager: Failed to calculate the number of expected pods: found no controllers for pod "orphan"',
    ]);

    cluster.delete('pods', 'orphan');
    await settle();
    expect(status()?.observedGeneration).toBe(2);
    expect(counts()).toEqual({ expected: 3, desired: 1, current: 3, allowed: 2 });
    expect(condition()).toMatchObject({ status: 'True', reason: 'SufficientPods', message: '' });
  });

  it.each([
    {
      ref: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' },
      uid: 'wrong',
      msg: 'found no controllers for pod "p"',
    },
    {
      ref: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds' },
      uid: 'x',
      msg: 'daemonsets.apps does not implement the scale subresource',
    },
    {
      ref: { apiVersion: 'batch/v1', kind: 'Job', name: 'job' },
      uid: 'x',
      msg: 'jobs.batch does not implement the scale subresource',
    },
  ])('fails safe for a pod of $ref.kind (uid $uid)', async ({ ref, uid, msg }) => {
    start();
    workload('apps/replicasets', 'rs', 1);
    budget('pdb', { maxUnavailable: 0, selector });
    pod('p', { owner: { ...ref, uid, controller: true } });
    await settle();
    expect(condition()).toMatchObject({ status: 'False', reason: 'SyncFailed', message: msg });
    expect(status()?.observedGeneration).toBeUndefined();
  });

  it('counts a ReplicaSet whose Deployment is gone through its own scale subresource', async () => {
    start();
    const deployment = workload('apps/deployments', 'dep', 5);
    const rs = workload('apps/replicasets', 'dep-abc', 4, deployment);
    budget('pdb', { maxUnavailable: 1, selector });
    readyPods(range('p', 4), rs);
    await settle();
    expect(counts()).toEqual({ expected: 5, desired: 4, current: 4, allowed: 0 });

    cluster.registry.delete(resourceType('apps/deployments'), 'default', 'dep');
    await settle();
    expect(counts()).toEqual({ expected: 4, desired: 3, current: 4, allowed: 1 });
  });

  it('leaves pods without a controller out of the scale and warns (UnmanagedPods)', async () => {
    start();
    const rs = workload('apps/replicasets', 'rs', 3);
    budget('pdb', { maxUnavailable: 1, selector });
    readyPods(range('p', 3), rs);
    readyPods(['naked']);
    await settle();
    expect(counts()).toEqual({ expected: 3, desired: 2, current: 4, allowed: 2 });
    expect(condition()?.reason).toBe('SufficientPods');
    expect(cluster.events('UnmanagedPods')[0]).toBe(
      'controllermanager: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found ' +
        'to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
        'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
  });
});

/** What the eviction handler writes when it admits an eviction of `pod` at `at`. */
function markDisrupted(entries: Record<string, string>): void {
  cluster.registry.mutate(
    PDBS,
    'default',
    'pdb',
    (o) => {
      o.status.disruptedPods = entries;
      o.status.disruptionsAllowed = 0;
    },
    { subresource: 'status' },
  );
}

describe('disruption controller: disruptedPods (§4.4)', () => {
  it('keeps only fresh entries of undeleted pods (TestUpdateDisruptedPods)', async () => {
    start();
    budget('pdb', { minAvailable: 1, selector });
    readyPods(['p1', 'p2', 'p3']);
    const p1 = cluster.get('pods', 'p1');
    if (p1) cluster.bind(p1);
    await settle();

    const now = cluster.clock.now();
    cluster.delete('pods', 'p1'); // graceful: it stays, terminating
    markDisrupted({
      p1: rfc3339(now),
      p2: rfc3339(now - 5 * MINUTE),
      p3: rfc3339(now),
      notthere: rfc3339(now),
    });
    await settle();
    expect(status()?.disruptedPods).toEqual({ p3: rfc3339(now) });
    expect(counts()).toEqual({ expected: 3, desired: 1, current: 1, allowed: 0 });
    expect(cluster.events('NotDeleted')).toEqual([
      "controllermanager: Pod was expected by PDB default/default to be deleted but it wasn't",
    ]);
  });

  it('drops an entry two minutes after the disruption and counts the pod again', async () => {
    start();
    budget('pdb', { minAvailable: 1, selector });
    readyPods(['p1', 'p2']);
    await settle();
    expect(counts().allowed).toBe(1);

    markDisrupted({ p1: rfc3339(cluster.clock.now()) });
    await settle();
    expect(counts()).toEqual({ expected: 2, desired: 1, current: 1, allowed: 0 });

    await cluster.advance(2 * MINUTE - 1_000);
    expect(status()?.disruptedPods).toEqual({ p1: rfc3339(cluster.clock.now() - 119_000) });
    expect(cluster.events('NotDeleted')).toEqual([]);

    await cluster.advance(1_001);
    expect(status()?.disruptedPods).toBeUndefined();
    expect(counts()).toEqual({ expected: 2, desired: 1, current: 2, allowed: 1 });
    expect(cluster.events('NotDeleted')).toHaveLength(1);
  });
});

describe('disruption controller: the DisruptionAllowed condition', () => {
  it('is True/SufficientPods, then False/InsufficientPods, moving lastTransitionTime on flips only', async () => {
    start();
    budget('pdb', { minAvailable: 1, selector });
    readyPods(['a', 'b', 'c']);
    await settle();
    const first = rfc3339(cluster.clock.now());
    expect(condition()).toEqual({
      type: 'DisruptionAllowed',
      status: 'True',
      reason: 'SufficientPods',
      message: '',
      observedGeneration: 1,
      lastTransitionTime: first,
    });

    await cluster.advance(5_000);
    setReady('a', false);
    await settle();
    expect(counts().allowed).toBe(1);
    expect(condition()?.lastTransitionTime).toBe(first);

    await cluster.advance(5_000);
    setReady('b', false);
    await settle();
    expect(condition()).toMatchObject({
      status: 'False',
      reason: 'InsufficientPods',
      lastTransitionTime: rfc3339(cluster.clock.now()),
    });
  });

  it('writes nothing when the stored status already says it all, in whatever field order', async () => {
    start();
    budget('pdb', { minAvailable: 1, selector });
    readyPods(['a']);
    await settle();
    // Another writer (the eviction handler) may store the same status with its fields reordered.
    cluster.registry.mutate(
      PDBS,
      'default',
      'pdb',
      (o) => void (o.status = Object.fromEntries(Object.entries(o.status).reverse())),
      { subresource: 'status' },
    );
    const rv = () => cluster.get('policy/poddisruptionbudgets', 'pdb')?.metadata.resourceVersion;
    const before = rv();
    cluster.update('pods', 'a', (o) => void (o.metadata.annotations = { touched: 'yes' }));
    await settle();
    expect(rv()).toBe(before);
  });
});

describe('disruption controller: stale DisruptionTarget conditions (§4.6, TestStalePodDisruption)', () => {
  const target = (reason: string, at: string) => ({
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: at,
    reason,
    message: 'Eviction API: evicting',
  });

  function podWith(name: string, phase: string, reason = 'EvictionByEvictionAPI'): void {
    const p = pod(name);
    cluster.bind(p);
    cluster.registry.mutate(
      PODS,
      'default',
      name,
      (o) =>
        void (o.status = { phase, conditions: [target(reason, rfc3339(cluster.clock.now()))] }),
      { subresource: 'status' },
    );
  }

  const disruptionTarget = (name: string) =>
    ((cluster.get('pods', name)?.status?.conditions ?? []) as Record<string, unknown>[]).find(
      (c) => c.type === 'DisruptionTarget',
    );

  it.each([
    { name: 'running, not deleted', phase: 'Running', deleted: false, reset: true },
    { name: 'running, being deleted', phase: 'Running', deleted: true, reset: false },
    { name: 'failed, set by the kubelet', phase: 'Failed', kubelet: true, reset: false },
    { name: 'running, set by the kubelet', phase: 'Running', kubelet: true, reset: false },
    { name: 'failed', phase: 'Failed', deleted: false, reset: false },
  ])('$name: reset to False is $reset', async ({ phase, deleted, kubelet, reset }) => {
    start({ staleDisruptionTimeoutMs: 3_000 });
    podWith('p', phase, kubelet ? 'TerminationByKubelet' : 'EvictionByEvictionAPI');
    if (deleted) cluster.delete('pods', 'p');
    await settle();
    await cluster.advance(2_999);
    expect(disruptionTarget('p')?.status).toBe('True');

    await cluster.advance(1);
    if (!reset) return expect(disruptionTarget('p')?.status).toBe('True');
    expect(disruptionTarget('p')).toEqual({
      type: 'DisruptionTarget',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: rfc3339(cluster.clock.now()),
    });
  });

  it('waits two minutes by default', async () => {
    start();
    podWith('p', 'Running');
    await cluster.advance(2 * MINUTE - 1);
    expect(disruptionTarget('p')?.status).toBe('True');
    await cluster.advance(1);
    expect(disruptionTarget('p')?.status).toBe('False');
  });
});

describe('disruption controller: pause and resume', () => {
  it('writes nothing while paused, then re-syncs every budget', async () => {
    start();
    budget('old', { minAvailable: 1, selector });
    readyPods(['a', 'b']);
    await settle();
    expect(counts('old').allowed).toBe(1);

    controller.pause();
    expect(controller.paused).toBe(true);
    setReady('b', false);
    const created = budget('new', { minAvailable: 1, selector });
    await settle();
    expect(created.metadata.generation).toBe(1);
    expect(status('new')).toEqual({
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
    });
    expect(counts('old').allowed).toBe(1);

    controller.resume();
    expect(controller.paused).toBe(false);
    await settle();
    expect(status('new')?.observedGeneration).toBe(1);
    expect(counts('new')).toEqual({ expected: 2, desired: 1, current: 1, allowed: 0 });
    expect(counts('old').allowed).toBe(0);
  });
});
