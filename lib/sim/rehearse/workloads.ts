import type { V1ObjectMeta, V1Pod } from '@kubernetes/client-node';
import type { SourceObjects } from './source';

/** A workload's key in a rehearsal's `timings`: `namespace/Kind/name`, e.g. `shop/Deployment/web`. */
export const workloadKey = (kind: string, meta: V1ObjectMeta | undefined): string =>
  `${meta?.namespace ?? ''}/${kind}/${meta?.name ?? ''}`;

const controllerUid = (meta: V1ObjectMeta | undefined): string | undefined =>
  meta?.ownerReferences?.find((r) => r.controller === true)?.uid;

/** ReplicaSets that no controller owns: the only ones a rehearsal copies. */
export const ownerless = (src: SourceObjects) =>
  src.replicaSets.filter((rs) => controllerUid(rs.metadata) === undefined);

/** The copied workloads' keys by their UIDs, with each Deployment's ReplicaSets under its key. */
function keysByUid(src: SourceObjects): Map<string, string> {
  const keys = new Map<string, string>();
  const add = (kind: string, items: { metadata?: V1ObjectMeta }[]) => {
    for (const w of items) {
      if (w.metadata?.uid) keys.set(w.metadata.uid, workloadKey(kind, w.metadata));
    }
  };
  add('Deployment', src.deployments);
  add('StatefulSet', src.statefulSets);
  add('DaemonSet', src.daemonSets);
  add('ReplicaSet', ownerless(src));
  for (const rs of src.replicaSets) {
    const owner = keys.get(controllerUid(rs.metadata) ?? '');
    if (owner !== undefined && rs.metadata?.uid) keys.set(rs.metadata.uid, owner);
  }
  return keys;
}

/** The source's pods by the key of the copied workload that controls them (through its ReplicaSets). */
export function podsByWorkload(src: SourceObjects): Map<string, V1Pod[]> {
  const keys = keysByUid(src);
  const out = new Map<string, V1Pod[]>();
  for (const pod of src.pods) {
    const key = keys.get(controllerUid(pod.metadata) ?? '');
    if (key !== undefined) out.set(key, [...(out.get(key) ?? []), pod]);
  }
  return out;
}
