import { afterEach, describe, expect, it } from 'vitest';

import type { KObject } from '../store/types';
import { createDaemonSetController } from './daemonset';
import { Cluster, template } from './workload-testkit';

let cluster: Cluster;
afterEach(() => cluster.stop());

const SSD = { disk: 'ssd' };

function addNode(
  name: string,
  labels: Record<string, string> = SSD,
  spec: Record<string, unknown> = {},
) {
  cluster.create('nodes', { metadata: { name, labels }, spec });
}

async function start(
  nodes: [string, Record<string, string>][],
  extra: Record<string, unknown> = {},
) {
  cluster = new Cluster(createDaemonSetController);
  for (const [name, labels] of nodes) addNode(name, labels);
  const t = template('agent') as { spec: Record<string, unknown> };
  t.spec.nodeSelector = SSD;
  cluster.create('apps/daemonsets', {
    metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: t, ...extra },
  });
  await cluster.settle();
}

const pinned = (p: KObject): string =>
  p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]
    .matchFields[0].values[0];
const placed = () => cluster.active('agent').map(pinned).sort();
const status = () => cluster.get('apps/daemonsets', 'agent')?.status;

function taint(node: string, key: string, effect: string): void {
  cluster.update('nodes', node, (n) => {
    n.spec.taints = [...(n.spec.taints ?? []), { key, effect }];
  });
}

describe('DaemonSet controller', () => {
  it('creates one pod per node that matches the nodeSelector, pinned by node affinity', async () => {
    await start([
      ['node-1', {}],
      ['node-2', SSD],
      ['node-3', SSD],
    ]);
    expect(placed()).toEqual(['node-2', 'node-3']);
    const [pod] = cluster.pods('agent');
    expect(pod?.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod?.metadata.labels?.['controller-revision-hash']).toMatch(
      /^[bcdfghjklmnpqrstvwxz2456789]+$/,
    );
    expect(pod?.spec.nodeName).toBeUndefined();
    expect(pod?.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [
        {
          matchFields: [{ key: 'metadata.name', operator: 'In', values: [pinned(pod as KObject)] }],
        },
      ],
    });
    expect(pod?.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(cluster.events('SuccessfulCreate')[0]).toMatch(
      /^daemonset-controller: Created pod: agent-\w{5}$/,
    );
    expect(status()).toEqual({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 0,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberUnavailable: 2,
    });
  });

  it('counts ready and available daemon pods', async () => {
    await start([['node-1', SSD]]);
    cluster.readyAll('agent');
    await cluster.settle();
    expect(cluster.active('agent')[0]?.spec.nodeName).toBe('node-1');
    expect(status()).toMatchObject({
      desiredNumberScheduled: 1,
      numberReady: 1,
      numberAvailable: 1,
    });
    expect(status()?.numberUnavailable).toBeUndefined();
  });

  it('gives a new node a pod, and takes it away when the node stops matching', async () => {
    await start([['node-1', SSD]]);
    addNode('node-2');
    await cluster.settle();
    expect(placed()).toEqual(['node-1', 'node-2']);

    cluster.update('nodes', 'node-2', (n) => void (n.metadata.labels = {}));
    await cluster.settle();
    expect(placed()).toEqual(['node-1']);
    expect(status()).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1 });
  });

  it('keeps the daemon pod on a cordoned node', async () => {
    await start([
      ['node-1', SSD],
      ['node-2', SSD],
    ]);
    cluster.update('nodes', 'node-1', (n) => void (n.spec.unschedulable = true));
    taint('node-1', 'node.kubernetes.io/unschedulable', 'NoSchedule');
    await cluster.settle();
    expect(placed()).toEqual(['node-1', 'node-2']);
    expect(cluster.events('SuccessfulDelete')).toEqual([]);
    expect(status()).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 0 });
  });

  it('respects taints it does not tolerate: NoSchedule blocks new pods, NoExecute removes them', async () => {
    await start([['node-1', SSD]]);
    addNode('node-2', SSD, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    taint('node-1', 'maintenance', 'NoSchedule');
    await cluster.settle();
    // The running pod stays but no longer counts as desired.
    expect(placed()).toEqual(['node-1']);
    expect(status()).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });

    taint('node-1', 'maintenance', 'NoExecute');
    await cluster.settle();
    expect(placed()).toEqual([]);
  });

  it('replaces a failed daemon pod', async () => {
    await start([['node-1', SSD]]);
    const [failed] = cluster.pods('agent');
    cluster.bind(failed as KObject);
    cluster.fail(failed as KObject);
    await cluster.settle();
    expect(cluster.pods('agent').map((p) => p.metadata.name)).not.toContain(failed?.metadata.name);
    expect(placed()).toEqual(['node-1']);
    expect(cluster.events('FailedDaemonPod')).toHaveLength(1);
  });

  it('rolls a new template out one node at a time (maxUnavailable 1)', async () => {
    await start([
      ['node-1', SSD],
      ['node-2', SSD],
      ['node-3', SSD],
    ]);
    cluster.readyAll('agent');
    await cluster.settle();
    cluster.update('apps/daemonsets', 'agent', (d) => {
      d.spec.template.spec.containers[0].image = 'nginx:1.28';
    });
    const image = (p: KObject) => p.spec.containers[0].image as string;
    for (let step = 0; step < 3; step++) {
      await cluster.settle();
      const gone = cluster.pods('agent').filter((p) => p.metadata.deletionTimestamp);
      expect(gone).toHaveLength(1);
      expect(cluster.active('agent').filter((p) => image(p) === 'nginx:1.28')).toHaveLength(step);
      cluster.finishAll('agent');
      await cluster.settle();
      cluster.readyAll('agent');
    }
    await cluster.settle();
    expect(cluster.active('agent').map(image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    expect(status()).toMatchObject({
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      observedGeneration: 2,
    });
  });
});
