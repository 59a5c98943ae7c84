import type { KObject } from '../store/types';

/** A node taint or a pod toleration, as core/v1 spells them. */
interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

interface Toleration extends Taint {
  operator?: 'Exists' | 'Equal';
}

interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

interface SelectorTerm {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

/** The taint the node lifecycle controller puts on a node whose Ready condition is not True. */
const NOT_READY: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };
const UNSCHEDULABLE: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

/** Toleration.ToleratesTaint: an empty key with operator Exists tolerates every taint. */
function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

function podTolerates(pod: KObject, taint: Taint): boolean {
  const tolerations = (pod.spec?.tolerations ?? []) as Toleration[];
  return tolerations.some((t) => tolerates(t, taint));
}

export function isNodeReady(node: KObject): boolean {
  const conditions = (node.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function matches(r: Requirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      // Gt/Lt compare integers; a missing or non-numeric label never matches.
      const n = Number(value);
      const bound = Number(values[0]);
      if (value === undefined || !Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** One nodeSelectorTerm: its expressions and fields are ANDed; an empty term matches nothing. */
function termMatches(term: SelectorTerm, node: KObject): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  // metadata.name is the only field a node selector may name (DaemonSet pods pin by it).
  const fieldOf = (key: string) => (key === 'metadata.name' ? node.metadata.name : undefined);
  return (
    exprs.every((r) => matches(r, labels[r.key])) && fields.every((r) => matches(r, fieldOf(r.key)))
  );
}

/**
 * Whether the node satisfies the pod's `nodeSelector` and required node affinity (terms are
 * ORed) — the NodeAffinity filter plugin.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity
 */
export function matchesNodeAffinity(pod: KObject, node: KObject): boolean {
  const labels = node.metadata.labels ?? {};
  const selector = (pod.spec?.nodeSelector ?? {}) as Record<string, string>;
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = (required?.nodeSelectorTerms ?? undefined) as SelectorTerm[] | undefined;
  if (terms === undefined) return true;
  return terms.some((t) => termMatches(t, node));
}

/**
 * Why `node` cannot take `pod`, in the words of the scheduler's filter plugins (run in their
 * upstream order: NodeUnschedulable, TaintToleration, NodeAffinity); `undefined` when it fits.
 * A node that is not Ready counts as carrying the `node.kubernetes.io/not-ready` taint.
 */
export function unfitReason(pod: KObject, node: KObject): string | undefined {
  if (node.spec?.unschedulable === true && !podTolerates(pod, UNSCHEDULABLE)) {
    return REASON_UNSCHEDULABLE;
  }
  const taints = ((node.spec?.taints ?? []) as Taint[]).filter(
    (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
  );
  const untolerated = taints.find((t) => !podTolerates(pod, t));
  if (untolerated)
    return `node(s) had untolerated taint {${untolerated.key ?? ''}: ${untolerated.value ?? ''}}`;
  // Ready=True is required outright, whatever the pod tolerates.
  if (!isNodeReady(node)) return `node(s) had untolerated taint {${NOT_READY.key ?? ''}: }`;
  if (!matchesNodeAffinity(pod, node)) return REASON_AFFINITY;
  return undefined;
}

/**
 * The FitError message of kube-scheduler: a sorted histogram of reasons, then the verdict of
 * the default preemption plugin (no filter we model can be resolved by preempting pods).
 */
export function fitErrorMessage(
  pod: KObject,
  reasons: Map<string, number>,
  nodeCount: number,
): string {
  if (nodeCount === 0) return 'no nodes available to schedule pods';
  const histogram = [...reasons].map(([reason, n]) => `${n} ${reason}`).sort();
  const preemption =
    pod.spec?.preemptionPolicy === 'Never'
      ? 'preemption: not eligible due to preemptionPolicy=Never.'
      : `preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`;
  return `0/${nodeCount} nodes are available: ${histogram.join(', ')}. ${preemption}`;
}
