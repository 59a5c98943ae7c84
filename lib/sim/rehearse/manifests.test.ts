import { describe, expect, it } from 'vitest';
import { parseManifests } from '../scenarios';
import { rehearsalManifests } from './manifests';
import type { SourceObjects } from './source';

const SECRET = 'hunter2-do-not-copy';

const empty: SourceObjects = {
  namespaces: [],
  nodes: [],
  deployments: [],
  statefulSets: [],
  daemonSets: [],
  replicaSets: [],
  services: [],
  budgets: [],
  pods: [],
};

const template = {
  metadata: {
    labels: { app: 'web' },
    annotations: { 'vault.example/secret': SECRET, 'sim.drainboard.dev/never-ready': 'true' },
  },
  spec: {
    terminationGracePeriodSeconds: 45,
    nodeSelector: { disk: 'ssd' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
    serviceAccountName: 'web',
    imagePullSecrets: [{ name: 'registry' }],
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        command: ['nginx', `--password=${SECRET}`],
        env: [
          { name: 'PASSWORD', value: SECRET },
          { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
        ],
        envFrom: [{ configMapRef: { name: 'settings' } }],
        ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
        readinessProbe: { httpGet: { path: '/healthz', port: 80 } },
        resources: { requests: { cpu: '100m' } },
        volumeMounts: [
          { name: 'scratch', mountPath: '/tmp' },
          { name: 'creds', mountPath: '/creds' },
          { name: 'data', mountPath: '/data' },
        ],
      },
    ],
    volumes: [
      { name: 'scratch', emptyDir: { medium: 'Memory' } },
      { name: 'creds', secret: { secretName: 'creds' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
    ],
  },
};

const src: SourceObjects = {
  ...empty,
  namespaces: [
    { metadata: { name: 'shop', uid: 'n1', labels: { team: 'a' } }, status: { phase: 'Active' } },
  ],
  nodes: [
    {
      metadata: { name: 'n-1', uid: 'x', labels: { zone: 'a' }, annotations: { note: SECRET } },
      spec: {
        unschedulable: true,
        providerID: 'aws:///i-1',
        taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      },
      status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] },
    },
  ],
  deployments: [
    {
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'd1',
        labels: { app: 'web' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': SECRET },
      },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      status: { replicas: 3 },
    },
  ],
  replicaSets: [
    {
      metadata: {
        name: 'web-5d8',
        namespace: 'shop',
        uid: 'r1',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true },
        ],
      },
      spec: { selector: { matchLabels: { app: 'web' } }, template },
    },
    {
      metadata: { name: 'loose', namespace: 'shop', uid: 'r2' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'loose' } },
        template: {
          metadata: { labels: { app: 'loose' } },
          spec: { containers: [{ name: 'c', image: 'busybox' }] },
        },
      },
    },
  ],
  services: [
    {
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        type: 'NodePort',
        clusterIP: '10.0.0.9',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }],
      },
    },
    {
      metadata: { name: 'db', namespace: 'shop' },
      spec: { clusterIP: 'None', selector: { app: 'db' } },
    },
    {
      metadata: { name: 'ext', namespace: 'shop' },
      spec: { type: 'ExternalName', externalName: 'example.com' },
    },
  ],
  budgets: [
    {
      metadata: { name: 'web', namespace: 'shop', generation: 4 },
      spec: {
        maxUnavailable: '25%',
        selector: { matchLabels: { app: 'web' } },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
      status: { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 },
    },
  ],
  pods: [
    {
      metadata: {
        name: 'web-5d8-a',
        namespace: 'shop',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'web-5d8',
            uid: 'r1',
            controller: true,
          },
        ],
      },
      status: {
        conditions: [
          {
            type: 'PodScheduled',
            status: 'True',
            lastTransitionTime: new Date('2026-11-01T10:00:00Z'),
          },
          { type: 'Ready', status: 'True', lastTransitionTime: new Date('2026-11-01T10:00:12Z') },
        ],
        containerStatuses: [
          {
            name: 'web',
            image: 'nginx:1.27',
            imageID: '',
            ready: true,
            restartCount: 0,
            state: { running: { startedAt: new Date('2026-11-01T10:00:04Z') } },
          },
        ],
      },
    },
  ],
};

const byKind = (text: string, kind: string) => parseManifests(text).filter((o) => o.kind === kind);

describe('rehearsalManifests', () => {
  const text = rehearsalManifests(src);

  it('copies namespaces and nodes with names, labels, taints and schedulability only', () => {
    expect(byKind(text, 'Namespace')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } },
    ]);
    expect(byKind(text, 'Node')).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n-1', labels: { zone: 'a' } },
        spec: {
          unschedulable: true,
          taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
        },
      },
    ]);
  });

  it('reduces pod templates to what a drain needs, with the times of the pods', () => {
    const [web] = byKind(text, 'Deployment');
    expect(web?.metadata).toEqual({ name: 'web', namespace: 'shop', labels: { app: 'web' } });
    expect(web?.spec).toEqual({
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: {
          labels: { app: 'web' },
          annotations: {
            'sim.drainboard.dev/start-after': '4s',
            'sim.drainboard.dev/ready-after': '8s',
            'sim.drainboard.dev/shutdown-after': '2s',
          },
        },
        spec: {
          terminationGracePeriodSeconds: 45,
          nodeSelector: { disk: 'ssd' },
          tolerations: [
            { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
          ],
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
              resources: { requests: { cpu: '100m' } },
              volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'scratch', emptyDir: { medium: 'Memory' } }],
        },
      },
    });
  });

  it('copies ownerless ReplicaSets only, with default times when no pod tells', () => {
    const sets = byKind(text, 'ReplicaSet');
    expect(sets.map((s) => s.metadata.name)).toEqual(['loose']);
    expect(sets[0]?.spec.template.metadata.annotations['sim.drainboard.dev/start-after']).toBe(
      '1s',
    );
  });

  it('copies Services without cluster IPs, node ports or ExternalName ones, and budgets without status', () => {
    expect(byKind(text, 'Service').map((s) => s.spec)).toEqual([
      { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      { selector: { app: 'db' }, clusterIP: 'None' },
    ]);
    expect(byKind(text, 'PodDisruptionBudget')).toEqual([
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          maxUnavailable: '25%',
          selector: { matchLabels: { app: 'web' } },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
        },
      },
    ]);
  });

  it('leaves out every secret-bearing field and every pod', () => {
    expect(text).not.toContain(SECRET);
    for (const word of [
      'creds',
      'settings',
      'registry',
      'serviceAccountName',
      'readinessProbe',
      'web-5d8-a',
    ])
      expect(text).not.toContain(word);
  });

  it('takes given times over inferred ones, and refuses times for an unknown workload', () => {
    const given = rehearsalManifests(src, {
      'shop/Deployment/web': { shutdownMs: 30_000, crashLoop: true },
    });
    const [web] = byKind(given, 'Deployment');
    expect(web?.spec.template.metadata.annotations).toEqual({
      'sim.drainboard.dev/start-after': '4s',
      'sim.drainboard.dev/ready-after': '8s',
      'sim.drainboard.dev/shutdown-after': '30s',
      'sim.drainboard.dev/crash-loop': 'true',
    });
    expect(() => rehearsalManifests(src, { 'shop/Deployment/nope': { startMs: 1 } })).toThrow(
      /timings for workloads the source does not have: shop\/Deployment\/nope/,
    );
  });
});
