import { afterEach, describe, expect, it } from 'vitest';

import type { KObject } from '../store/types';
import { createStatefulSetController } from './statefulset';
import { Cluster, template } from './workload-testkit';

let cluster: Cluster;
afterEach(() => cluster.stop());

async function start(replicas: number, extra: Record<string, unknown> = {}): Promise<void> {
  cluster = new Cluster(createStatefulSetController);
  cluster.create('apps/statefulsets', {
    metadata: { name: 'web' },
    spec: {
      replicas,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: template('web'),
      ...extra,
    },
  });
  await cluster.settle();
}

const names = (pods: KObject[]) => pods.map((p) => p.metadata.name);
const terminating = () => names(cluster.pods('web').filter((p) => p.metadata.deletionTimestamp));
const pod = (name: string) => cluster.get('pods', name);
const status = () => cluster.get('apps/statefulsets', 'web')?.status;

/** Plays the kubelet until no pod is left to start or stop, one step at a time. */
async function converge(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    cluster.finishAll('web');
    cluster.readyAll('web');
    await cluster.settle();
  }
}

describe('StatefulSet controller', () => {
  it('creates ordinal i only once 0..i-1 are Running and Ready', async () => {
    await start(3);
    expect(names(cluster.pods('web'))).toEqual(['web-0']);
    cluster.bind(cluster.pods('web')[0] as KObject);
    await cluster.settle();
    expect(names(cluster.pods('web'))).toEqual(['web-0']);

    cluster.readyAll('web');
    await cluster.settle();
    expect(names(cluster.pods('web'))).toEqual(['web-0', 'web-1']);
    cluster.readyAll('web');
    await cluster.settle();
    expect(names(cluster.pods('web'))).toEqual(['web-0', 'web-1', 'web-2']);

    const web1 = pod('web-1');
    const revision = status()?.updateRevision as string;
    expect(revision).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(web1?.metadata.labels).toEqual({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': revision,
    });
    expect(web1?.spec).toMatchObject({ hostname: 'web-1', subdomain: 'web' });
    expect(cluster.events('SuccessfulCreate')).toEqual(
      [0, 1, 2].map(
        (i) => `statefulset-controller: create Pod web-${i} in StatefulSet web successful`,
      ),
    );
  });

  it('reports replicas, readiness and revisions', async () => {
    await start(2);
    await converge();
    expect(status()).toEqual({
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      currentRevision: status()?.updateRevision,
      updateRevision: status()?.updateRevision,
      collisionCount: 0,
      availableReplicas: 2,
    });
  });

  it('reuses a name only after the old pod is gone', async () => {
    await start(3);
    await converge();
    const old = pod('web-1');
    cluster.delete('pods', 'web-1');
    await cluster.settle();
    expect(terminating()).toEqual(['web-1']);
    expect(pod('web-1')?.metadata.uid).toBe(old?.metadata.uid);
    // Terminating pods still count as replicas of a StatefulSet, unlike a ReplicaSet's.
    expect(status()).toMatchObject({ replicas: 3, updatedReplicas: 2 });

    cluster.finish(old as KObject);
    await cluster.settle();
    expect(pod('web-1')?.metadata.uid).not.toBe(old?.metadata.uid);
    expect(pod('web-1')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('scales down from the highest ordinal, one pod at a time', async () => {
    await start(3);
    await converge();
    cluster.update('apps/statefulsets', 'web', (s) => void (s.spec.replicas = 1));
    await cluster.settle();
    expect(terminating()).toEqual(['web-2']);
    cluster.finishAll('web');
    await cluster.settle();
    expect(terminating()).toEqual(['web-1']);
    cluster.finishAll('web');
    await cluster.settle();
    expect(names(cluster.pods('web'))).toEqual(['web-0']);
    expect(cluster.events('SuccessfulDelete')).toEqual([
      'statefulset-controller: delete Pod web-2 in StatefulSet web successful',
      'statefulset-controller: delete Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('Parallel creates and deletes without waiting', async () => {
    await start(3, { podManagementPolicy: 'Parallel' });
    expect(names(cluster.pods('web'))).toEqual(['web-0', 'web-1', 'web-2']);
    cluster.finishAll('web');
    cluster.readyAll('web');
    cluster.update('apps/statefulsets', 'web', (s) => {
      s.spec.template.spec.containers[0].image = 'nginx:1.28';
    });
    await cluster.settle();
    expect(terminating()).toEqual(['web-2']);
    cluster.finishAll('web');
    await cluster.settle();
    // Updates still go one pod at a time, waiting for the replacement to be Ready.
    expect(terminating()).toEqual([]);
    expect(pod('web-2')?.spec.containers[0].image).toBe('nginx:1.28');

    cluster.update('apps/statefulsets', 'web', (s) => void (s.spec.replicas = 0));
    await cluster.settle();
    // All at once: the bound pods terminate, the unscheduled new web-2 goes at once.
    expect(terminating()).toEqual(['web-0', 'web-1']);
    expect(names(cluster.pods('web'))).toEqual(['web-0', 'web-1']);
  });

  it('rolls a new template out from the highest ordinal, waiting for each pod to be Ready', async () => {
    await start(3);
    await converge();
    const before = status()?.currentRevision;
    cluster.update('apps/statefulsets', 'web', (s) => {
      s.spec.template.spec.containers[0].image = 'nginx:1.28';
    });
    await cluster.settle();
    expect(terminating()).toEqual(['web-2']);
    expect(status()).toMatchObject({ currentRevision: before, currentReplicas: 2 });
    const after = status()?.updateRevision;
    expect(after).not.toBe(before);

    cluster.finishAll('web');
    await cluster.settle();
    expect(pod('web-2')?.metadata.labels?.['controller-revision-hash']).toBe(after);
    // web-1 waits until the new web-2 is Ready.
    expect(terminating()).toEqual([]);
    cluster.readyAll('web');
    await cluster.settle();
    expect(terminating()).toEqual(['web-1']);

    await converge();
    const images = cluster.pods('web').map((p) => p.spec.containers[0].image);
    expect(images).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    expect(status()).toMatchObject({
      currentRevision: after,
      updateRevision: after,
      currentReplicas: 3,
    });
  });
});
