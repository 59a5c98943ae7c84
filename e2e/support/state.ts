import type {
  V1DaemonSet,
  V1Deployment,
  V1EndpointSlice,
  CoreV1Event,
  V1Node,
  V1ObjectMeta,
  V1Pod,
  V1PodDisruptionBudget,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { SnapshotSchema, type Snapshot } from '../../lib/domain/changes';
import type { Sim } from './sim';

/**
 * What must agree between the dashboard's model and the cluster, per kind: each object's UID
 * with the fields a missed change would leave wrong (the views carry no resourceVersion).
 * Sorted lines, so a difference reads as a diff.
 */
export interface Fingerprints {
  pods: string[];
  budgets: string[];
  nodes: string[];
  owners: string[];
  endpoints: string[];
}

/** The dashboard's model of the cluster (`GET /api/clusters/{cluster}/state`). */
export async function dashboardState(baseURL: string, cluster: string): Promise<Snapshot> {
  const res = await fetch(`${baseURL}/api/clusters/${encodeURIComponent(cluster)}/state`);
  if (!res.ok) throw new Error(`GET …/${cluster}/state: ${res.status} ${await res.text()}`);
  return SnapshotSchema.parse(await res.json());
}

export function snapshotFingerprints(s: Snapshot): Fingerprints {
  return {
    pods: sorted(s.pods, (p) =>
      pod(p.namespace, p.name, p.uid, p.phase, p.isReady, p.deletionTimestamp, p.nodeName),
    ),
    budgets: sorted(s.budgets, (b) =>
      budget(b.namespace, b.name, b.uid, b.currentHealthy, b.desiredHealthy, b.disruptionsAllowed),
    ),
    nodes: sorted(s.nodes, (n) => node(n.name, n.uid, n.isCordoned, n.isReady)),
    owners: sorted(s.owners, (o) =>
      owner(o.kind, o.namespace, o.name, o.uid, o.replicas.desired, o.replicas.ready),
    ),
    endpoints: sorted(s.endpoints, (e) =>
      endpoints(
        e.namespace,
        e.name,
        e.uid,
        e.endpoints.map((m) => member(m.podName, m.isReady)),
      ),
    ),
  };
}

/** The same fingerprints from fresh lists of the cluster. */
export async function clusterFingerprints(sim: Sim): Promise<Fingerprints> {
  const [pods, budgets, nodes, rs, deploys, sts, ds, slices] = await Promise.all([
    sim.list<V1Pod>('/api/v1/pods'),
    sim.list<V1PodDisruptionBudget>('/apis/policy/v1/poddisruptionbudgets'),
    sim.list<V1Node>('/api/v1/nodes'),
    sim.list<V1ReplicaSet>('/apis/apps/v1/replicasets'),
    sim.list<V1Deployment>('/apis/apps/v1/deployments'),
    sim.list<V1StatefulSet>('/apis/apps/v1/statefulsets'),
    sim.list<V1DaemonSet>('/apis/apps/v1/daemonsets'),
    sim.list<V1EndpointSlice>('/apis/discovery.k8s.io/v1/endpointslices'),
  ]);
  const scaled = (kind: string, o: V1ReplicaSet | V1Deployment | V1StatefulSet) =>
    owner(kind, ...id(o.metadata), o.spec?.replicas ?? 1, o.status?.readyReplicas ?? 0);
  return {
    pods: sorted(pods, (p) =>
      pod(
        ...id(p.metadata),
        p.status?.phase ?? 'Pending',
        isTrue(p.status?.conditions, 'Ready'),
        p.metadata?.deletionTimestamp ?? null,
        p.spec?.nodeName ?? null,
      ),
    ),
    budgets: sorted(budgets, (b) => {
      const st = b.status;
      return budget(
        ...id(b.metadata),
        st?.currentHealthy ?? 0,
        st?.desiredHealthy ?? 0,
        st?.disruptionsAllowed ?? 0,
      );
    }),
    nodes: sorted(nodes, (n) =>
      node(
        n.metadata?.name ?? '',
        n.metadata?.uid ?? '',
        n.spec?.unschedulable ?? false,
        isTrue(n.status?.conditions, 'Ready'),
      ),
    ),
    owners: [
      ...rs.map((o) => scaled('ReplicaSet', o)),
      ...deploys.map((o) => scaled('Deployment', o)),
      ...sts.map((o) => scaled('StatefulSet', o)),
      ...ds.map((o) =>
        owner(
          'DaemonSet',
          ...id(o.metadata),
          o.status?.desiredNumberScheduled ?? 0,
          o.status?.numberReady ?? 0,
        ),
      ),
    ].sort(),
    endpoints: sorted(slices, (s) =>
      endpoints(
        ...id(s.metadata),
        (s.endpoints ?? []).map((e) =>
          member(
            e.targetRef?.kind === 'Pod' ? (e.targetRef.name ?? null) : null,
            e.conditions?.ready ?? true,
          ),
        ),
      ),
    ),
  };
}

/** UIDs of the cluster's Events; the dashboard keeps only the most recent ones. */
export async function clusterEventUids(sim: Sim): Promise<Set<string>> {
  const events = await sim.list<CoreV1Event>('/api/v1/events');
  return new Set(events.map((e) => e.metadata.uid ?? ''));
}

const id = (m: V1ObjectMeta | undefined): [string, string, string] => [
  m?.namespace ?? '',
  m?.name ?? '',
  m?.uid ?? '',
];
const isTrue = (conditions: { type: string; status: string }[] | undefined, type: string) =>
  conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
const sorted = <T>(items: readonly T[], line: (item: T) => string): string[] =>
  items.map(line).sort();

const pod = (
  ns: string,
  name: string,
  uid: string,
  phase: string,
  ready: boolean,
  deleting: string | Date | null,
  nodeName: string | null,
) =>
  `pod ${ns}/${name} ${uid} ${phase} ready=${ready} deleting=${deleting !== null} node=${nodeName ?? '-'}`;
const budget = (
  ns: string,
  name: string,
  uid: string,
  healthy: number,
  desired: number,
  allowed: number,
) => `pdb ${ns}/${name} ${uid} healthy=${healthy}/${desired} allowed=${allowed}`;
const node = (name: string, uid: string, cordoned: boolean, ready: boolean) =>
  `node ${name} ${uid} cordoned=${cordoned} ready=${ready}`;
const owner = (
  kind: string,
  ns: string,
  name: string,
  uid: string,
  desired: number,
  ready: number,
) => `${kind} ${ns}/${name} ${uid} ready=${ready}/${desired}`;
const member = (podName: string | null, ready: boolean) => `${podName ?? '-'}:${ready}`;
const endpoints = (ns: string, name: string, uid: string, members: string[]) =>
  `slice ${ns}/${name} ${uid} [${members.sort().join(' ')}]`;
