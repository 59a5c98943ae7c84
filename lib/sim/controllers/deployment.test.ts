import { afterEach, describe, expect, it } from 'vitest';

import type { KObject } from '../store/types';
import { isPodReady } from './context';
import { createDeploymentController } from './deployment';
import { createReplicaSetController } from './replicaset';
import { Cluster, template } from './workload-testkit';

const REVISION = 'deployment.kubernetes.io/revision';

let cluster: Cluster;
afterEach(() => cluster.stop());

function deployment(replicas: number, extra: Record<string, unknown> = {}) {
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

/** The Deployment's ReplicaSets, oldest revision first. */
function replicaSets(): KObject[] {
  const revision = (rs: KObject) => Number(rs.metadata.annotations?.[REVISION]);
  return cluster.list('apps/replicasets').sort((a, b) => revision(a) - revision(b));
}

const sizes = () => replicaSets().map((rs) => rs.spec.replicas as number);
const ready = () => cluster.active().filter(isPodReady).length;

async function start(replicas: number, extra: Record<string, unknown> = {}): Promise<void> {
  cluster = new Cluster(createReplicaSetController, createDeploymentController);
  cluster.create('apps/deployments', deployment(replicas, extra));
  await cluster.settle();
  cluster.readyAll();
  await cluster.settle();
}

function setImage(image: string): void {
  cluster.update('apps/deployments', 'web', (d) => {
    d.spec.template.spec.containers[0].image = image;
  });
}

describe('Deployment controller', () => {
  it('creates a ReplicaSet named after the template hash, labelled and annotated', async () => {
    await start(3);
    const [rs] = replicaSets();
    const hash = rs?.metadata.labels?.['pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.metadata.annotations).toEqual({
      [REVISION]: '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
    });
    expect(cluster.get('apps/deployments', 'web')?.metadata.annotations?.[REVISION]).toBe('1');
    expect(cluster.events('ScalingReplicaSet')).toEqual([
      `deployment-controller: Scaled up replica set web-${hash} from 0 to 3`,
    ]);
    expect(cluster.pods(`web-${hash}`)).toHaveLength(3);
  });

  it('reports status and the conditions kubectl rollout status reads', async () => {
    await start(3);
    const d = cluster.get('apps/deployments', 'web');
    const rs = replicaSets()[0]?.metadata.name ?? '';
    expect(d?.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(d?.status.unavailableReplicas).toBeUndefined();
    const conds = (d?.status.conditions ?? []) as Record<string, string>[];
    expect(conds.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      [
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rs}" has successfully progressed.`,
      ],
    ]);
  });

  it('scales its one ReplicaSet when spec.replicas changes', async () => {
    await start(3);
    cluster.update('apps/deployments', 'web', (d) => void (d.spec.replicas = 5));
    await cluster.settle();
    const [rs] = replicaSets();
    expect(rs?.spec.replicas).toBe(5);
    expect(rs?.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(cluster.events('ScalingReplicaSet').at(-1)).toBe(
      `deployment-controller: Scaled up replica set ${rs?.metadata.name ?? ''} from 3 to 5`,
    );
  });

  it('rolls out step by step within maxSurge and maxUnavailable', async () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } };
    await start(4, { strategy });
    // Checked on every change the controllers make, not just between steps.
    const violations: string[] = [];
    cluster.store.subscribe(() => {
      const total = sizes().reduce((n, x) => n + x, 0);
      if (total > 5) violations.push(`replicas ${total} > 4 + maxSurge`);
      if (ready() < 3) violations.push(`ready ${ready()} < 4 - maxUnavailable`);
    });

    setImage('nginx:1.28');
    const steps: number[][] = [];
    for (let i = 0; i < 10 && sizes().join() !== '0,4'; i++) {
      await cluster.settle();
      steps.push(sizes());
      cluster.finishAll();
      cluster.readyAll();
    }
    await cluster.settle();

    expect(violations).toEqual([]);
    // Old 4→3 frees room under 4 + maxSurge, so the new ReplicaSet reaches 2 before any is ready;
    // once both are ready, two old pods may go (5 available − minAvailable 3).
    expect(steps).toEqual([
      [3, 2],
      [1, 4],
      [0, 4],
    ]);
    const [oldRS, newRS] = replicaSets();
    expect(newRS?.metadata.annotations?.[REVISION]).toBe('2');
    expect(cluster.get('apps/deployments', 'web')?.metadata.annotations?.[REVISION]).toBe('2');
    expect(
      cluster
        .active(newRS?.metadata.name)
        .every((p) => p.spec.containers[0].image === 'nginx:1.28'),
    ).toBe(true);
    expect(cluster.events('ScalingReplicaSet').slice(1, 3)).toEqual([
      `deployment-controller: Scaled up replica set ${newRS?.metadata.name ?? ''} from 0 to 1`,
      `deployment-controller: Scaled down replica set ${oldRS?.metadata.name ?? ''} from 4 to 3`,
    ]);
    expect(cluster.get('apps/deployments', 'web')?.status).toMatchObject({
      replicas: 4,
      updatedReplicas: 4,
      availableReplicas: 4,
    });
  });

  it('removes unhealthy old pods first, by at most allPods − minAvailable − newRSUnavailable', async () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } };
    cluster = new Cluster(createReplicaSetController, createDeploymentController);
    cluster.create('apps/deployments', deployment(4, { strategy }));
    await cluster.settle();
    const [a, b] = cluster.active();
    for (const pod of cluster.active()) cluster.bind(pod);
    for (const pod of [a, b]) cluster.ready(pod as KObject);
    await cluster.settle();

    setImage('nginx:1.28');
    await cluster.settle();
    // 5 pods − minAvailable 3 − 1 unavailable new pod: one unhealthy old pod goes, no more.
    expect(sizes()).toEqual([3, 2]);
    expect(cluster.active(replicaSets()[0]?.metadata.name).filter(isPodReady)).toHaveLength(2);
  });

  it('rounds a percentage maxSurge up and maxUnavailable down', async () => {
    const strategy = {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '10%', maxUnavailable: '10%' },
    };
    await start(4, { strategy });
    setImage('nginx:1.28');
    await cluster.settle();
    // 10% of 4: surge 0.4 → 1, unavailable 0.4 → 0, so nothing old goes before a new pod is ready.
    expect(sizes()).toEqual([4, 1]);
    cluster.readyAll();
    await cluster.settle();
    expect(sizes()).toEqual([3, 2]);
  });

  it('with both limits 0 still makes progress, one unavailable pod at a time', async () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } };
    await start(2, { strategy });
    setImage('nginx:1.28');
    await cluster.settle();
    expect(sizes()).toEqual([1, 1]);
  });

  it('Recreate stops every old pod before it starts a new one', async () => {
    await start(2, { strategy: { type: 'Recreate' } });
    const oldRS = replicaSets()[0]?.metadata.name ?? '';
    setImage('nginx:1.28');
    await cluster.settle();
    expect(sizes()).toEqual([0]);
    expect(cluster.pods(oldRS)).toHaveLength(2);

    cluster.finishAll();
    await cluster.settle();
    expect(sizes()).toEqual([0, 2]);
    expect(cluster.active().every((p) => p.spec.containers[0].image === 'nginx:1.28')).toBe(true);
  });

  it('marks a rollout that makes no progress as past its deadline', async () => {
    await start(1, { progressDeadlineSeconds: 30 });
    setImage('nginx:1.28');
    await cluster.settle();
    await cluster.advance(20_000);
    const progressing = () =>
      (
        (cluster.get('apps/deployments', 'web')?.status.conditions ?? []) as Record<
          string,
          string
        >[]
      ).find((c) => c.type === 'Progressing');
    expect(progressing()?.reason).toBe('ReplicaSetUpdated');
    await cluster.advance(20_000);
    expect(progressing()).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
  });

  it('pauses without rolling out, but still scales', async () => {
    await start(2);
    cluster.update('apps/deployments', 'web', (d) => {
      d.spec.paused = true;
      d.spec.replicas = 3;
      d.spec.template.spec.containers[0].image = 'nginx:1.28';
    });
    await cluster.settle();
    expect(sizes()).toEqual([3]);
    const conds = (cluster.get('apps/deployments', 'web')?.status.conditions ?? []) as Record<
      string,
      string
    >[];
    expect(conds.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
    });
  });
});
