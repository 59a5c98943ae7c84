import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Registry } from '../api/registry';
import { ManualClock } from '../clock';
import { resourceType } from '../store/resources';
import { Store } from '../store/store';
import type { KObject, StoredEvent } from '../store/types';
import { ANNOTATIONS } from './annotations';
import { OwnerIndex, isPodReady, type Controller, type ControllerContext } from './context';
import { EventRecorder } from './events';
import { createKubelet } from './kubelet';
import { createScheduler } from './scheduler';

const pods = resourceType('pods');
const nodes = resourceType('nodes');
const events = resourceType('events');

let clock: ManualClock;
let ctx: ControllerContext;
let controllers: Controller[];
/** Every pod change, to check the order of what watchers see. */
let seen: StoredEvent[];

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/** Moves time in small steps, letting the controllers work before and between them. */
async function advance(ms: number, stepMs = 100): Promise<void> {
  await flush();
  for (let done = 0; done < ms; done += stepMs) {
    clock.advance(Math.min(stepMs, ms - done));
    await flush();
  }
}

function addNode(name: string) {
  ctx.registry.create(nodes, '', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  });
}

function addPod(
  name: string,
  annotations: Record<string, string> = {},
  extra: Partial<KObject['metadata']> = {},
) {
  ctx.registry.create(pods, 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, annotations, ...extra },
    spec: { nodeName: 'node-a', containers: [{ name: 'app', image: 'nginx:1.27' }] },
  });
}

const pod = (name: string) => ctx.registry.tryGet(pods, 'default', name);
const status = (name: string) => pod(name)?.status;
const container = (name: string) => status(name)?.containerStatuses?.[0];
const condition = (name: string, type: string) =>
  (status(name)?.conditions ?? []).find((c: { type: string }) => c.type === type);
const reasons = (name: string) =>
  ctx.registry
    .list(events, 'default')
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => `${String(e.reason)}: ${String(e.message)} (${String(e.count)})`)
    .sort();

beforeEach(() => {
  clock = new ManualClock();
  const store = new Store(clock);
  const registry = new Registry(store, clock);
  ctx = {
    registry,
    store,
    clock,
    events: new EventRecorder(registry, clock),
    owners: new OwnerIndex(store),
  };
  registry.create(resourceType('namespaces'), '', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'default' },
  });
  addNode('node-a');
  seen = [];
  store.subscribe((e) => {
    if (e.resource === 'pods') seen.push(e);
  });
  controllers = [createScheduler(ctx), createKubelet(ctx)];
  for (const c of controllers) c.start();
});

afterEach(() => {
  for (const c of controllers) c.stop();
});

describe('kubelet: start and readiness', () => {
  it('starts after start-after and turns Ready ready-after later', async () => {
    addPod('web', { [ANNOTATIONS.startAfter]: '3s', [ANNOTATIONS.readyAfter]: '5s' });
    await advance(2900);
    expect(status('web')).toMatchObject({ phase: 'Pending', hostIP: '172.18.0.2' });
    expect(container('web')).toMatchObject({
      started: false,
      ready: false,
      state: { waiting: { reason: 'ContainerCreating' } },
    });
    expect(condition('web', 'PodReadyToStartContainers')?.status).toBe('False');
    await advance(100);
    const s = status('web');
    expect(s).toMatchObject({
      phase: 'Running',
      startTime: '2026-01-01T00:00:00Z',
      hostIP: '172.18.0.2',
      podIP: expect.stringMatching(/^10\.244\.0\.\d+$/),
    });
    expect(container('web')).toMatchObject({
      name: 'app',
      image: 'docker.io/library/nginx:1.27',
      imageID: expect.stringMatching(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/),
      containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/),
      started: true,
      ready: false,
      restartCount: 0,
      state: { running: { startedAt: '2026-01-01T00:00:03Z' } },
    });
    expect(
      s.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`),
    ).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=False',
      'ContainersReady=False',
      'PodScheduled=True',
    ]);
    // Ready has been False since the kubelet admitted the pod, so its transition time stays.
    expect(condition('web', 'Ready')).toMatchObject({
      reason: 'ContainersNotReady',
      lastTransitionTime: '2026-01-01T00:00:00Z',
    });
    expect(condition('web', 'PodReadyToStartContainers')?.lastTransitionTime).toBe(
      '2026-01-01T00:00:03Z',
    );
    expect(reasons('web')).toEqual([
      'Created: Created container: app (1)',
      'Pulled: Container image "nginx:1.27" already present on machine (1)',
      'Started: Started container app (1)',
    ]);
    await advance(4900);
    expect(isPodReady(pod('web') as KObject)).toBe(false);
    await advance(100);
    expect(isPodReady(pod('web') as KObject)).toBe(true);
    expect(condition('web', 'ContainersReady')).toMatchObject({
      status: 'True',
      lastTransitionTime: '2026-01-01T00:00:08Z',
    });
    expect(container('web')?.ready).toBe(true);
  });

  it('uses the default timings, and gives each pod its own IP', async () => {
    addPod('a');
    addPod('b');
    await advance(1000);
    expect(status('a')?.phase).toBe('Running');
    await advance(1900);
    expect(isPodReady(pod('a') as KObject)).toBe(false);
    await advance(100);
    expect(isPodReady(pod('a') as KObject)).toBe(true);
    expect(status('a')?.podIP).not.toBe(status('b')?.podIP);
  });

  it('never readies a never-ready pod', async () => {
    addPod('web', { [ANNOTATIONS.neverReady]: 'true' });
    await advance(60_000, 1000);
    expect(status('web')?.phase).toBe('Running');
    expect(isPodReady(pod('web') as KObject)).toBe(false);
    expect(container('web')?.started).toBe(true);
  });

  it('never readies pods created after never-ready-if-created-after, but readies older ones', async () => {
    const cutoff = { [ANNOTATIONS.neverReadyIfCreatedAfter]: '2026-01-01T00:00:05Z' };
    addPod('before', cutoff);
    await advance(10_000, 1000);
    addPod('after', cutoff);
    await advance(60_000, 1000);
    expect(isPodReady(pod('before') as KObject)).toBe(true);
    expect(status('after')?.phase).toBe('Running');
    expect(isPodReady(pod('after') as KObject)).toBe(false);
  });

  it('gives a node without a Ready condition a kubelet status, and runs pods there', async () => {
    ctx.registry.create(nodes, '', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-b' },
    });
    ctx.registry.mutate(nodes, '', 'node-a', (n) => (n.spec = { unschedulable: true }));
    await flush();
    const node = ctx.registry.get(nodes, '', 'node-b');
    expect(node.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      }),
    );
    expect(node.status).toMatchObject({
      nodeInfo: { kubeletVersion: 'v1.32.4' },
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
    });
    expect(node.status.addresses).toContainEqual({ type: 'InternalIP', address: '172.18.0.3' });
    expect(node.metadata.labels?.['kubernetes.io/hostname']).toBe('node-b');
    ctx.registry.create(pods, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    });
    await advance(1000);
    expect(status('web')).toMatchObject({ phase: 'Running', hostIP: '172.18.0.3' });
    expect(pod('web')?.spec.nodeName).toBe('node-b');
  });
});

describe('kubelet: crash loop', () => {
  it('restarts with a doubling back-off and is never Ready', async () => {
    addPod('web', { [ANNOTATIONS.crashLoop]: 'true' });
    await advance(1000);
    expect(container('web')?.state.running).toBeDefined();
    await advance(1000);
    expect(container('web')).toMatchObject({
      restartCount: 1,
      ready: false,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: expect.stringContaining('back-off 10s restarting failed container=app'),
        },
      },
      lastState: {
        terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T00:00:02Z' },
      },
    });
    expect(status('web')?.phase).toBe('Running');
    await advance(9900);
    expect(container('web')?.state.waiting).toBeDefined();
    await advance(100); // t=12s: restarted
    expect(container('web')).toMatchObject({
      restartCount: 1,
      state: { running: { startedAt: '2026-01-01T00:00:12Z' } },
    });
    await advance(1000); // t=13s: second crash, back-off 20s
    expect(container('web')).toMatchObject({
      restartCount: 2,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
    });
    await advance(21_000); // t=34s: restarted at 33s, crashed again
    expect(container('web')?.restartCount).toBe(3);
    expect(isPodReady(pod('web') as KObject)).toBe(false);
    const backOffs = ctx.registry.list(events, 'default').filter((e) => e.reason === 'BackOff');
    expect(backOffs).toHaveLength(1);
    expect(backOffs[0]).toMatchObject({ type: 'Warning', count: 3 });
    expect(String(backOffs[0]?.message)).toMatch(
      /^Back-off restarting failed container app in pod web_default\(/,
    );
  });

  it('caps the back-off at five minutes', async () => {
    addPod('web', { [ANNOTATIONS.crashLoop]: 'true' });
    // Crashes at 2, 13, 34, 75, 156 and 317 s; the sixth back-off (320 s) is capped at 300 s.
    await advance(616_000, 1000);
    expect(container('web')).toMatchObject({
      restartCount: 6,
      state: {
        waiting: { reason: 'CrashLoopBackOff', message: expect.stringContaining('back-off 5m0s') },
      },
    });
    await advance(1000, 1000);
    expect(container('web')?.state.running).toMatchObject({ startedAt: '2026-01-01T00:10:17Z' });
    await advance(1000, 1000);
    expect(container('web')).toMatchObject({
      restartCount: 7,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
    });
  });
});

/** The last state of the pod that watchers saw before it was deleted. */
function lastSeenBeforeDeletion(name: string): KObject | undefined {
  const mine = seen.filter((e) => e.object.metadata.name === name);
  const gone = mine.findIndex((e) => e.type === 'DELETED');
  return gone > 0 ? mine[gone - 1]?.object : undefined;
}

describe('kubelet: graceful deletion', () => {
  async function runningReadyPod(annotations: Record<string, string>, extra = {}) {
    addPod('web', annotations, extra);
    await advance(3000);
    expect(isPodReady(pod('web') as KObject)).toBe(true);
  }

  it('is not Ready at once, exits 0 when the app stops within the grace, then goes', async () => {
    await runningReadyPod({ [ANNOTATIONS.shutdownAfter]: '2s' });
    ctx.registry.delete(pods, 'default', 'web', { gracePeriodSeconds: 30 });
    await flush();
    expect(isPodReady(pod('web') as KObject)).toBe(false);
    expect(condition('web', 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
    });
    expect(reasons('web')).toContain('Killing: Stopping container app (1)');
    await advance(1900);
    expect(status('web')?.phase).toBe('Running');
    await advance(100);
    expect(pod('web')).toBeUndefined();
    const last = lastSeenBeforeDeletion('web');
    expect(last?.status.phase).toBe('Succeeded');
    expect(last?.status.containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
      startedAt: '2026-01-01T00:00:01Z',
      finishedAt: '2026-01-01T00:00:05Z',
    });
  });

  it('kills the app with 137 at the deadline when it would take longer than the grace', async () => {
    await runningReadyPod({ [ANNOTATIONS.shutdownAfter]: '60s' });
    ctx.registry.delete(pods, 'default', 'web', { gracePeriodSeconds: 5 });
    await advance(4900);
    expect(status('web')?.phase).toBe('Running');
    await advance(100);
    expect(pod('web')).toBeUndefined();
    const last = lastSeenBeforeDeletion('web');
    expect(last?.status.phase).toBe('Failed');
    expect(last?.status.containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
      finishedAt: '2026-01-01T00:00:08Z',
    });
  });

  it('stops by the new deadline when the grace is shortened', async () => {
    await runningReadyPod({ [ANNOTATIONS.shutdownAfter]: '60s' });
    ctx.registry.delete(pods, 'default', 'web', { gracePeriodSeconds: 30 });
    await advance(1000);
    ctx.registry.delete(pods, 'default', 'web', { gracePeriodSeconds: 10 });
    await advance(8900);
    expect(status('web')?.phase).toBe('Running');
    await advance(100);
    expect(pod('web')).toBeUndefined();
    expect(
      lastSeenBeforeDeletion('web')?.status.containerStatuses[0].state.terminated.exitCode,
    ).toBe(137);
  });

  it('leaves a pod with a finalizer terminal after its final delete, and never acts again', async () => {
    await runningReadyPod(
      { [ANNOTATIONS.shutdownAfter]: '1s' },
      { finalizers: ['example.com/hold'] },
    );
    ctx.registry.delete(pods, 'default', 'web', { gracePeriodSeconds: 30 });
    await advance(1000);
    const kept = pod('web');
    expect(kept?.status.phase).toBe('Succeeded');
    expect(kept?.metadata).toMatchObject({
      deletionGracePeriodSeconds: 0,
      finalizers: ['example.com/hold'],
    });
    const changes = seen.length;
    await advance(60_000, 1000);
    expect(seen.length).toBe(changes);
    expect(reasons('web').filter((r) => r.startsWith('Killing'))).toEqual([
      'Killing: Stopping container app (1)',
    ]);
    ctx.registry.mutate(pods, 'default', 'web', (p) => (p.metadata.finalizers = []));
    expect(pod('web')).toBeUndefined();
  });

  it('lets a pod deleted with grace 0 simply vanish', async () => {
    await runningReadyPod({});
    ctx.registry.delete(pods, 'default', 'web', { gracePeriodSeconds: 0 });
    const changes = seen.length;
    await advance(10_000, 1000);
    expect(pod('web')).toBeUndefined();
    expect(seen.length).toBe(changes);
  });

  it('fails a pod deleted before its containers started', async () => {
    addPod('web', { [ANNOTATIONS.startAfter]: '10s' });
    await advance(1000);
    ctx.registry.delete(pods, 'default', 'web', { gracePeriodSeconds: 30 });
    await flush();
    expect(pod('web')).toBeUndefined();
    const last = lastSeenBeforeDeletion('web');
    expect(last?.status.phase).toBe('Failed');
    expect(last?.status.containerStatuses[0].state.terminated.reason).toBe(
      'ContainerStatusUnknown',
    );
    await advance(10_000, 1000);
    expect(seen.filter((e) => e.type === 'ADDED')).toHaveLength(1);
  });
});
