/**
 * Stale DisruptionTarget cleanup (pkg/controller/disruption/disruption.go:
 * nonTerminatingPodHasStaleDisruptionCondition, syncStalePodDisruption). A pod marked as a
 * disruption target that was never deleted (an eviction whose delete failed, a dry run of a
 * preemption) must not keep announcing a disruption forever.
 */
import { rfc3339 } from '../clock';
import type { KObject } from '../store/types';
import { isTerminal, type ControllerContext } from './context';
import { PODS } from './disruption-sync';

/** stalePodDisruptionTimeout. */
export const STALE_POD_DISRUPTION_TIMEOUT_MS = 2 * 60_000;

interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  lastTransitionTime?: string;
}

function disruptionTarget(pod: KObject): PodCondition | undefined {
  const conditions = (pod.status?.conditions ?? []) as PodCondition[];
  return conditions.find((c) => c.type === 'DisruptionTarget');
}

/**
 * How long until the pod's DisruptionTarget condition is stale, 0 if it already is, or
 * undefined when it never will be: the pod is terminating or terminal, the condition is not
 * True, or the kubelet set it (TerminationByKubelet may precede the deletion by any time).
 */
export function staleDisruptionIn(
  pod: KObject,
  timeoutMs: number,
  now: number,
): number | undefined {
  if (pod.metadata.deletionTimestamp || isTerminal(pod)) return undefined;
  const cond = disruptionTarget(pod);
  if (cond?.status !== 'True' || cond.reason === 'TerminationByKubelet') return undefined;
  // A missing or unreadable time is Go's zero time: long past.
  const since = Date.parse(cond.lastTransitionTime ?? '');
  return Number.isFinite(since) ? Math.max(0, since + timeoutMs - now) : 0;
}

/**
 * syncStalePodDisruption: once stale, the condition becomes `status: False` with a new
 * lastTransitionTime and no reason or message (apipod.UpdatePodCondition). Returns the time
 * still to wait when it is not stale yet.
 */
export function resetStaleDisruption(
  ctx: ControllerContext,
  namespace: string,
  name: string,
  timeoutMs: number,
): number | undefined {
  const pod = ctx.registry.tryGet(PODS, namespace, name);
  if (!pod) return undefined;
  const wait = staleDisruptionIn(pod, timeoutMs, ctx.clock.now());
  if (wait === undefined || wait > 0) return wait;
  const next = {
    type: 'DisruptionTarget',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(ctx.clock.now()),
  };
  ctx.registry.mutate(
    PODS,
    namespace,
    name,
    (p) => {
      const conditions = (p.status?.conditions ?? []) as PodCondition[];
      p.status.conditions = conditions.map((c) => (c.type === 'DisruptionTarget' ? next : c));
    },
    { subresource: 'status' },
  );
  return undefined;
}
