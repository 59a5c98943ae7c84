/**
 * Where daemon pods go and what they look like, after upstream's pkg/controller/daemon/util
 * and NodeShouldRunDaemonPod: nodeSelector and taints, the tolerations the controller adds,
 * and the node affinity that pins each pod to its node.
 */
import type { KObject } from '../store/types';
import { podFromTemplate } from './workload-pods';

export const REVISION_LABEL = 'controller-revision-hash';
const GENERATION = 'deprecated.daemonset.template.generation';
const nameOf = (o: KObject): string => o.metadata.name ?? '';

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** util.AddOrUpdateDaemonPodTolerations: daemons ride out node conditions and cordons. */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NETWORK_UNAVAILABLE: Toleration = {
  key: 'node.kubernetes.io/network-unavailable',
  operator: 'Exists',
  effect: 'NoSchedule',
};

/** v1.Toleration.ToleratesTaint. */
function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.operator ?? 'Equal') === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

/** The template's tolerations plus the daemon ones, replacing any with the same key and effect. */
function daemonTolerations(spec: Record<string, unknown>): Toleration[] {
  const add =
    spec.hostNetwork === true ? [...DAEMON_TOLERATIONS, NETWORK_UNAVAILABLE] : DAEMON_TOLERATIONS;
  let out = [...((spec.tolerations ?? []) as Toleration[])];
  for (const t of add) {
    const same = (x: Toleration) =>
      x.key === t.key &&
      x.operator === t.operator &&
      (x.value ?? '') === '' &&
      x.effect === t.effect;
    out = out.some(same) ? out.map((x) => (same(x) ? t : x)) : [...out, t];
  }
  return out;
}

/**
 * NodeShouldRunDaemonPod: the node matches the nodeSelector and tolerations; a NoSchedule
 * taint only stops new pods (`run`), a NoExecute one also evicts running ones (`keep`).
 */
export function placement(ds: KObject, node: KObject): { run: boolean; keep: boolean } {
  const spec = ds.spec?.template?.spec ?? {};
  const labels = node.metadata.labels ?? {};
  const selector = (spec.nodeSelector ?? {}) as Record<string, string>;
  const fits =
    Object.entries(selector).every(([k, v]) => labels[k] === v) &&
    (!spec.nodeName || spec.nodeName === nameOf(node));
  if (!fits) return { run: false, keep: false };
  const tolerations = daemonTolerations(spec);
  const untolerated = (effects: string[]) =>
    ((node.spec?.taints ?? []) as Taint[]).some(
      (taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)),
    );
  return { run: !untolerated(['NoSchedule', 'NoExecute']), keep: !untolerated(['NoExecute']) };
}

/** util.GetTargetNodeName: the pod's node, or the one its node affinity pins it to. */
export function targetNode(pod: KObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const affinity = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const fields = affinity?.nodeSelectorTerms?.[0]?.matchFields ?? [];
  const field = fields.find((f: { key: string }) => f.key === 'metadata.name');
  return field?.operator === 'In' && field.values?.length === 1 ? field.values[0] : undefined;
}

/**
 * The daemon pod for one node: the template with the daemon tolerations, pinned to the node by
 * node affinity (util.ReplaceDaemonSetPodNodeNameNodeAffinity) so that the scheduler binds it.
 */
export function daemonPod(ds: KObject, node: string, hash: string): KObject {
  const labels: Record<string, string> = { [REVISION_LABEL]: hash };
  const generation = ds.metadata.annotations?.[GENERATION];
  if (generation !== undefined) labels['pod-template-generation'] = generation;
  const generateName = `${nameOf(ds)}-`.slice(0, 58);
  const pod = podFromTemplate(ds, ds.spec?.template, { generateName, labels });
  pod.spec.tolerations = daemonTolerations(pod.spec);
  const pin = {
    nodeSelectorTerms: [
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] },
    ],
  };
  const affinity = pod.spec.affinity ?? {};
  affinity.nodeAffinity = {
    ...affinity.nodeAffinity,
    requiredDuringSchedulingIgnoredDuringExecution: pin,
  };
  pod.spec.affinity = affinity;
  return pod;
}
