import type {
  V1Namespace,
  V1Node,
  V1ObjectMeta,
  V1PodDisruptionBudget,
  V1PodTemplateSpec,
  V1Service,
} from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { SourceObjects } from './source';
import { copyTemplate } from './template';
import { resolveTimes, type WorkloadTimes } from './timings';
import { ownerless, podsByWorkload, workloadKey } from './workloads';

/** Per-workload times by `namespace/Kind/name`; fields left out are inferred or defaulted. */
export type Timings = Record<string, Partial<WorkloadTimes>>;

/** `timings` named workloads the source does not have; `keys` are those names. */
export class UnknownWorkloadsError extends Error {
  constructor(readonly keys: string[]) {
    super(`timings for workloads the source does not have: ${keys.join(', ')}`);
    this.name = 'UnknownWorkloadsError';
  }
}

/** Name, namespace and labels: all the metadata a copy keeps. */
const meta = (m: V1ObjectMeta | undefined) => ({
  name: m?.name,
  namespace: m?.namespace,
  labels: m?.labels,
});

const namespace = (ns: V1Namespace) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: meta(ns.metadata),
});

/** No status: the simulated kubelet registers the node and makes it Ready. */
const node = (n: V1Node) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: meta(n.metadata),
  spec: { taints: n.spec?.taints, unschedulable: n.spec?.unschedulable },
});

/** Selector and ports; a headless Service stays headless, other cluster IPs are allocated anew. */
const service = (s: V1Service) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta(s.metadata),
  spec: {
    selector: s.spec?.selector,
    clusterIP: s.spec?.clusterIP === 'None' ? 'None' : undefined,
    ports: s.spec?.ports?.map((p) => ({
      name: p.name,
      port: p.port,
      targetPort: p.targetPort,
      protocol: p.protocol,
    })),
  },
});

const budget = (b: V1PodDisruptionBudget) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: meta(b.metadata),
  spec: {
    selector: b.spec?.selector,
    minAvailable: b.spec?.minAvailable,
    maxUnavailable: b.spec?.maxUnavailable,
    unhealthyPodEvictionPolicy: b.spec?.unhealthyPodEvictionPolicy,
  },
});

interface Workload {
  metadata?: V1ObjectMeta;
  spec?: object & { template?: V1PodTemplateSpec };
}

/** The spec fields each kind keeps besides its template. */
const KEPT: Record<string, string[]> = {
  Deployment: ['replicas', 'selector', 'strategy', 'minReadySeconds'],
  StatefulSet: [
    'replicas',
    'selector',
    'serviceName',
    'podManagementPolicy',
    'updateStrategy',
    'minReadySeconds',
  ],
  DaemonSet: ['selector', 'updateStrategy', 'minReadySeconds'],
  ReplicaSet: ['replicas', 'selector', 'minReadySeconds'],
};

function workload(kind: string, w: Workload, times: WorkloadTimes) {
  const spec = (w.spec ?? {}) as Record<string, unknown>;
  const kept = Object.fromEntries((KEPT[kind] ?? []).map((f) => [f, spec[f]]));
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: meta(w.metadata),
    spec: { ...kept, template: copyTemplate(w.spec?.template ?? {}, times) },
  };
}

function workloads(src: SourceObjects, timings: Timings) {
  const pods = podsByWorkload(src);
  const all: [string, Workload[]][] = [
    ['Deployment', src.deployments],
    ['StatefulSet', src.statefulSets],
    ['DaemonSet', src.daemonSets],
    ['ReplicaSet', ownerless(src)],
  ];
  const keys = new Set<string>();
  const docs = all.flatMap(([kind, items]) =>
    items.map((w) => {
      const key = workloadKey(kind, w.metadata);
      keys.add(key);
      const grace = w.spec?.template?.spec?.terminationGracePeriodSeconds;
      return workload(kind, w, resolveTimes(pods.get(key) ?? [], grace, timings[key]));
    }),
  );
  const unknown = Object.keys(timings).filter((k) => !keys.has(k));
  if (unknown.length > 0) throw new UnknownWorkloadsError(unknown);
  return docs;
}

/**
 * The copy of a cluster for a rehearsal, as multi-document YAML: Namespaces and Nodes (name,
 * labels; taints and `unschedulable`), Services but ExternalName ones, Deployments,
 * StatefulSets, DaemonSets and ownerless ReplicaSets (pod templates reduced by
 * {@link copyTemplate}, with the times of `timings`, else of their pods, else defaults), and
 * PodDisruptionBudgets. Metadata is reduced to name, namespace and labels; status is dropped.
 * Pods are not copied: the copy's controllers create them. Throws
 * {@link UnknownWorkloadsError} for `timings` keys that name no copied workload.
 */
export function rehearsalManifests(src: SourceObjects, timings: Timings = {}): string {
  const docs = [
    ...src.namespaces.map(namespace),
    ...src.nodes.map(node),
    ...src.services.filter((s) => s.spec?.type !== 'ExternalName').map(service),
    ...workloads(src, timings),
    ...src.budgets.map(budget),
  ];
  // Through JSON: client-node's Dates become RFC 3339 text and absent fields disappear.
  return docs.map((d) => stringify(JSON.parse(JSON.stringify(d)))).join('---\n');
}
