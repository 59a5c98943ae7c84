import type { PodView } from '@/lib/domain/views';

/** The colour family of a state (../shared/docs/ui.md, "Colours and states"). */
export type Tone = 'healthy' | 'waiting' | 'progress' | 'failed' | 'inactive';

/** A pod's state in one word, as the Pods table and the node map show it. */
export const POD_STATES = [
  'Running',
  'Pending',
  'Terminating',
  'Succeeded',
  'Failed',
  'Unknown',
] as const;
export type PodState = (typeof POD_STATES)[number];

/** Our own reasons (the others are Kubernetes'), which the interface says in its language. */
export type OwnReason = 'not-ready' | 'unscheduled';

/** Our own reasons in English. */
const OWN_REASON_TEXT: Record<OwnReason, string> = {
  'not-ready': 'Not ready',
  unscheduled: 'Unscheduled',
};

/** A pod's state, what qualifies it, and its colour. */
export interface PodStatus {
  readonly state: PodState;
  /** What qualifies the state: `Not ready`, `CrashLoopBackOff`, `Unschedulable`… */
  readonly reason: string | null;
  /** Which of our own reasons `reason` is; null when it is Kubernetes' (or none). */
  readonly ownReason: OwnReason | null;
  readonly tone: Tone;
}

/** The first waiting or terminated container reason, as `kubectl get pods` shows it. */
function containerReason(pod: PodView): string | null {
  return pod.containers.find((c) => c.state !== 'running' && c.reason !== null)?.reason ?? null;
}

/** A status whose reason, if any, is Kubernetes'. */
const theirs = (state: PodState, reason: string | null, tone: Tone): PodStatus => ({
  state,
  reason,
  ownReason: null,
  tone,
});

/** A status qualified by one of our own reasons. */
const ours = (state: PodState, ownReason: OwnReason, tone: Tone): PodStatus => ({
  state,
  reason: OWN_REASON_TEXT[ownReason],
  ownReason,
  tone,
});

function pending(pod: PodView): PodStatus {
  if (pod.nodeName !== null) return theirs('Pending', containerReason(pod), 'inactive');
  const scheduled = pod.conditions.find((c) => c.type === 'PodScheduled')?.reason ?? null;
  return scheduled === null
    ? ours('Pending', 'unscheduled', 'inactive')
    : theirs('Pending', scheduled, 'inactive');
}

/**
 * Classifies a pod. A deletion timestamp makes it Terminating whatever its phase (the API
 * server sets it when the eviction or delete is accepted); a Running pod that is not Ready
 * waits (amber) unless a container is crash-looping (red).
 * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
 */
export function podStatus(pod: PodView): PodStatus {
  if (pod.deletionTimestamp !== null) return theirs('Terminating', null, 'progress');
  switch (pod.phase) {
    case 'Pending':
      return pending(pod);
    case 'Running': {
      const reason = containerReason(pod);
      if (reason === 'CrashLoopBackOff') return theirs('Running', reason, 'failed');
      if (pod.isReady) return theirs('Running', null, 'healthy');
      return reason === null
        ? ours('Running', 'not-ready', 'waiting')
        : theirs('Running', reason, 'waiting');
    }
    case 'Succeeded':
      return theirs('Succeeded', containerReason(pod), 'healthy');
    case 'Failed':
      return theirs('Failed', containerReason(pod), 'failed');
    case 'Unknown':
      return theirs('Unknown', null, 'inactive');
    default: {
      const unknown: never = pod.phase;
      throw new Error(`unknown pod phase ${String(unknown)}`);
    }
  }
}

/** Ready containers and all containers, as in `kubectl get pods` READY. */
export function readiness(pod: PodView): { ready: number; total: number } {
  return { ready: pod.containers.filter((c) => c.isReady).length, total: pod.containers.length };
}

/** Restarts summed over the pod's containers. */
export function restarts(pod: PodView): number {
  return pod.containers.reduce((sum, c) => sum + c.restartCount, 0);
}
