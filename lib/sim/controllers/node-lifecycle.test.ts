import { afterEach, expect, it } from 'vitest';
import { createNodeLifecycleController } from './node-lifecycle';
import { Cluster } from './workload-testkit';

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

const taints = (c: Cluster) => c.get('nodes', 'node-a')?.spec?.taints;

it('taints a cordoned node NoSchedule and removes only that taint on uncordon', async () => {
  const c = (cluster = new Cluster(createNodeLifecycleController));
  const gpu = { key: 'gpu', value: 'true', effect: 'NoSchedule' };
  c.create('nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-a' },
    spec: { taints: [gpu] },
  });
  await c.settle();
  expect(taints(c)).toEqual([gpu]);
  c.update('nodes', 'node-a', (n) => (n.spec.unschedulable = true));
  await c.settle();
  expect(taints(c)).toEqual([
    gpu,
    { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
  ]);
  c.update('nodes', 'node-a', (n) => delete n.spec.unschedulable);
  await c.settle();
  expect(taints(c)).toEqual([gpu]);
});
