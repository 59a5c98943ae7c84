import { afterEach, describe, expect, it } from 'vitest';

import { createReplicaSetController } from './replicaset';
import { Cluster, template } from './workload-testkit';

let cluster: Cluster;
afterEach(() => cluster.stop());

function replicaSet(replicas: number, extra: Record<string, unknown> = {}) {
  return {
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: template('web'),
      ...extra,
    },
  };
}

describe('ReplicaSet controller', () => {
  it('creates spec.replicas pods from the template, owned by the ReplicaSet', async () => {
    cluster = new Cluster(createReplicaSetController);
    const rs = cluster.create('apps/replicasets', replicaSet(3));
    await cluster.settle();

    const pods = cluster.pods('web');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.generateName).toBe('web-');
      expect(pod.metadata.labels).toEqual({ app: 'web' });
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(pod.spec.containers[0].image).toBe('nginx:1.27');
    }
    const created = cluster.events('SuccessfulCreate');
    expect(created).toHaveLength(3);
    expect(created[0]).toMatch(/^replicaset-controller: Created pod: web-\w{5}$/);
    expect(cluster.get('apps/replicasets', 'web')?.status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      observedGeneration: 1,
    });
  });

  it('counts ready and available pods, waiting out minReadySeconds on the clock', async () => {
    cluster = new Cluster(createReplicaSetController);
    cluster.create('apps/replicasets', replicaSet(2, { minReadySeconds: 10 }));
    await cluster.settle();
    cluster.readyAll('web');
    await cluster.settle();
    expect(cluster.get('apps/replicasets', 'web')?.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
    });
    expect(cluster.get('apps/replicasets', 'web')?.status.availableReplicas).toBeUndefined();

    await cluster.advance(10_000);
    expect(cluster.get('apps/replicasets', 'web')?.status.availableReplicas).toBe(2);
  });

  it('scales down the least useful pods first: running but not ready, then the most recently ready', async () => {
    cluster = new Cluster(createReplicaSetController);
    cluster.create('apps/replicasets', replicaSet(3));
    await cluster.settle();
    const [oldest, newer, notReady] = cluster.pods('web');
    if (!oldest || !newer || !notReady) throw new Error('expected three pods');
    cluster.bind(oldest);
    cluster.ready(oldest);
    await cluster.advance(60_000);
    cluster.bind(newer);
    cluster.ready(newer);
    cluster.bind(notReady);
    cluster.ready(notReady, false);
    await cluster.settle();

    cluster.update('apps/replicasets', 'web', (o) => void (o.spec.replicas = 1));
    await cluster.settle();

    expect(cluster.active('web').map((p) => p.metadata.name)).toEqual([oldest.metadata.name]);
    // Bound pods terminate gracefully; they stay until their kubelet removes them.
    expect(cluster.pods('web')).toHaveLength(3);
    expect(cluster.events('SuccessfulDelete').sort()).toEqual(
      [newer, notReady]
        .map((p) => `replicaset-controller: Deleted pod: ${p.metadata.name ?? ''}`)
        .sort(),
    );
    expect(cluster.get('apps/replicasets', 'web')?.status).toMatchObject({
      replicas: 1,
      readyReplicas: 1,
    });
  });

  it('replaces a pod as soon as it starts terminating, before it is gone', async () => {
    cluster = new Cluster(createReplicaSetController);
    cluster.create('apps/replicasets', replicaSet(2));
    await cluster.settle();
    cluster.readyAll('web');
    await cluster.settle();
    const [evicted] = cluster.pods('web');
    if (!evicted) throw new Error('expected a pod');

    cluster.delete('pods', evicted.metadata.name ?? '');
    await cluster.settle();

    const pods = cluster.pods('web');
    expect(pods).toHaveLength(3);
    expect(
      pods.find((p) => p.metadata.name === evicted.metadata.name)?.metadata.deletionTimestamp,
    ).toBeDefined();
    expect(cluster.active('web')).toHaveLength(2);
    expect(cluster.get('apps/replicasets', 'web')?.status).toMatchObject({
      replicas: 2,
      readyReplicas: 1,
    });

    cluster.finish(evicted);
    await cluster.settle();
    expect(cluster.pods('web')).toHaveLength(2);
  });

  it('leaves the pods of a ReplicaSet that is being deleted alone', async () => {
    cluster = new Cluster(createReplicaSetController);
    cluster.create('apps/replicasets', replicaSet(1));
    await cluster.settle();
    cluster.update('apps/replicasets', 'web', (o) => {
      o.metadata.finalizers = ['foregroundDeletion'];
    });
    cluster.delete('apps/replicasets', 'web');
    cluster.update('apps/replicasets', 'web', (o) => void (o.spec.replicas = 3));
    await cluster.settle();
    expect(cluster.pods('web')).toHaveLength(1);
  });
});
