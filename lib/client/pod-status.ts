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

/** A pod's state, what qualifies it, and its colour. */
export interface PodStatus {
  readonly state: PodState;
  /** What qualifies the state: `Not ready`, `CrashLoopBackOff`, `Unschedulable`… */
  readonly reason: string | null;
  readonly tone: Tone;
}

/** The first waiting or terminated container reason, as `kubectl get pods` shows it. */
function containerReason(pod: PodView): string | null {
  return pod.containers.find((c) => c.state !== 'running' && c.reason !== null)?.reason ?? null;
}

/** Our own reasons (the others are Kubernetes'), which the interface says in its language. */
export const NOT_READY = 'Not ready';
export const UNSCHEDULED = 'Unscheduled';

function pendingReason(pod: PodView): string | null {
  if (pod.nodeName !== null) return containerReason(pod);
  const scheduled = pod.conditions.find((c) => c.type === 'PodScheduled');
  return scheduled?.reason ?? UNSCHEDULED;
}

/**
 * Classifies a pod. A deletion timestamp makes it Terminating whatever its phase (the API
 * server sets it when the eviction or delete is accepted); a Running pod that is not Ready
 * waits (amber) unless a container is crash-looping (red).
 * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
 */
export function podStatus(pod: PodView): PodStatus {
  if (pod.deletionTimestamp !== null) {
    return { state: 'Terminating', reason: null, tone: 'progress' };
  }
  switch (pod.phase) {
    case 'Pending':
      return { state: 'Pending', reason: pendingReason(pod), tone: 'inactive' };
    case 'Running': {
      const reason = containerReason(pod);
      if (reason === 'CrashLoopBackOff') return { state: 'Running', reason, tone: 'failed' };
      if (pod.isReady) return { state: 'Running', reason: null, tone: 'healthy' };
      return { state: 'Running', reason: reason ?? NOT_READY, tone: 'waiting' };
    }
    case 'Succeeded':
      return { state: 'Succeeded', reason: containerReason(pod), tone: 'healthy' };
    case 'Failed':
      return { state: 'Failed', reason: containerReason(pod), tone: 'failed' };
    case 'Unknown':
      return { state: 'Unknown', reason: null, tone: 'inactive' };
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
