import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Registry } from '../api/registry';
import { ManualClock } from '../clock';
import { resourceType } from '../store/resources';
import { Store } from '../store/store';
import type { KObject } from '../store/types';
import { OwnerIndex, type Controller, type ControllerContext } from './context';
import { EventRecorder } from './events';
import { createScheduler } from './scheduler';

const pods = resourceType('pods');
const nodes = resourceType('nodes');
const events = resourceType('events');

let ctx: ControllerContext;
let scheduler: Controller;

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function addNode(
  name: string,
  extra: { labels?: Record<string, string>; spec?: object; ready?: boolean } = {},
) {
  ctx.registry.create(nodes, '', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: extra.labels ?? {} },
    spec: extra.spec ?? {},
    status: { conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }] },
  });
}

function addPod(name: string, spec: object = {}, owner?: string): KObject {
  const ownerReferences = owner
    ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }]
    : undefined;
  return ctx.registry.create(pods, 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(ownerReferences ? { ownerReferences } : {}) },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  });
}

const pod = (name: string) => ctx.registry.get(pods, 'default', name);
const nodeOf = (name: string) => pod(name).spec?.nodeName as string | undefined;
const scheduled = (name: string) =>
  (pod(name).status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
const eventsFor = (name: string, reason: string) =>
  ctx.registry.list(events, 'default').filter((e) => {
    const involved = e.involvedObject as { name: string };
    return involved.name === name && e.reason === reason;
  });

beforeEach(() => {
  const clock = new ManualClock();
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
  scheduler = createScheduler(ctx);
  scheduler.start();
});

afterEach(() => scheduler.stop());

describe('scheduler', () => {
  it('binds a pod with PodScheduled=True and a Scheduled event', async () => {
    addNode('node-a');
    addPod('web');
    await flush();
    expect(nodeOf('web')).toBe('node-a');
    expect(scheduled('web')).toMatchObject({
      status: 'True',
      lastTransitionTime: '2026-01-01T00:00:00Z',
    });
    const [event] = eventsFor('web', 'Scheduled');
    expect(event).toMatchObject({
      type: 'Normal',
      message: 'Successfully assigned default/web to node-a',
      source: { component: 'default-scheduler' },
    });
  });

  it('spreads a controller’s pods, then all pods, then by node name', async () => {
    for (const n of ['node-a', 'node-b', 'node-c']) addNode(n);
    for (let i = 0; i < 6; i++) addPod(`rs-${i}`, {}, 'rs-uid');
    await flush();
    const count = (n: string) => [0, 1, 2, 3, 4, 5].filter((i) => nodeOf(`rs-${i}`) === n).length;
    expect([count('node-a'), count('node-b'), count('node-c')]).toEqual([2, 2, 2]);

    // node-c now has the fewest pods overall; a second controller's first pod goes there.
    addPod('solo', { nodeName: 'node-a' });
    addPod('solo-2', { nodeName: 'node-b' });
    addPod('other', {}, 'other-uid');
    await flush();
    expect(nodeOf('other')).toBe('node-c');
  });

  it('prefers fewer pods of the same controller over fewer pods overall', async () => {
    addNode('node-a');
    addNode('node-b');
    addPod('x-1', { nodeName: 'node-a' });
    addPod('x-2', { nodeName: 'node-a' });
    addPod('rs-1', { nodeName: 'node-b' }, 'rs-uid');
    addPod('rs-2', {}, 'rs-uid');
    await flush();
    expect(nodeOf('rs-2')).toBe('node-a');
  });

  it('does not count terminal or terminating pods', async () => {
    addNode('node-a');
    addNode('node-b');
    addPod('done', { nodeName: 'node-a' });
    ctx.registry.mutate(pods, 'default', 'done', (p) => (p.status.phase = 'Succeeded'), {
      subresource: 'status',
    });
    addPod('next');
    await flush();
    expect(nodeOf('next')).toBe('node-a');
  });

  it('avoids cordoned nodes unless the pod tolerates unschedulable', async () => {
    addNode('node-a', { spec: { unschedulable: true } });
    addNode('node-b');
    addPod('web');
    addPod('ds', {
      tolerations: [
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      ],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] },
            ],
          },
        },
      },
    });
    await flush();
    expect(nodeOf('web')).toBe('node-b');
    expect(nodeOf('ds')).toBe('node-a');
  });

  it('reports Unschedulable with the upstream message and retries when a node changes', async () => {
    for (const n of ['node-a', 'node-b', 'node-c']) addNode(n, { spec: { unschedulable: true } });
    addPod('web');
    await flush();
    const message =
      '0/3 nodes are available: 3 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(nodeOf('web')).toBeUndefined();
    expect(scheduled('web')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(eventsFor('web', 'FailedScheduling')).toMatchObject([
      { type: 'Warning', message, count: 1 },
    ]);

    ctx.registry.mutate(nodes, '', 'node-b', (n) => (n.spec.unschedulable = false));
    await flush();
    expect(nodeOf('web')).toBe('node-b');
    expect(scheduled('web')).toMatchObject({ status: 'True' });
  });

  it('honours nodeSelector, node affinity expressions, taints and readiness', async () => {
    addNode('node-a', { labels: { disk: 'ssd', zone: 'z1' } });
    addNode('node-b', {
      labels: { disk: 'hdd' },
      spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] },
    });
    addNode('node-c', { labels: { disk: 'ssd' }, ready: false });
    addPod('ssd', { nodeSelector: { disk: 'ssd' } });
    addPod('no-zone', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }],
          },
        },
      },
    });
    addPod('tolerant', {
      nodeSelector: { disk: 'hdd' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
    });
    addPod('nowhere', { nodeSelector: { disk: 'nvme' } });
    await flush();
    expect(nodeOf('ssd')).toBe('node-a');
    expect(nodeOf('tolerant')).toBe('node-b');
    expect(nodeOf('no-zone')).toBeUndefined();
    expect(scheduled('no-zone')?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: db}, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect(nodeOf('nowhere')).toBeUndefined();
  });

  it('says so when there are no nodes, and ignores pods for other schedulers', async () => {
    addPod('web');
    addPod('custom', { schedulerName: 'my-scheduler' });
    await flush();
    expect(scheduled('web')?.message).toBe('no nodes available to schedule pods');
    addNode('node-a');
    await flush();
    expect(nodeOf('web')).toBe('node-a');
    expect(nodeOf('custom')).toBeUndefined();
    expect(scheduled('custom')).toBeUndefined();
  });
});
