import { ResourceSchema, type Resource, type WatchStatus } from '@/lib/domain/changes';

import type { Connection, LiveCluster } from './live-stream';
import type { StreamProblem } from './live-probe';
import type { Tone } from './pod-status';

/** How each watched resource is named to the operator (Kubernetes' own kind names). */
export const RESOURCE_LABELS: Record<Resource, string> = {
  pods: 'Pods',
  budgets: 'PodDisruptionBudgets',
  nodes: 'Nodes',
  endpointslices: 'EndpointSlices',
  replicasets: 'ReplicaSets',
  deployments: 'Deployments',
  statefulsets: 'StatefulSets',
  daemonsets: 'DaemonSets',
  events: 'Events',
};

/** The stream's link and the watches' states: what the health indicator needs. */
export interface Health {
  readonly connection: Connection;
  readonly problem: StreamProblem | null;
  /** null until the first snapshot. */
  readonly watchStatus: Readonly<Record<Resource, WatchStatus>> | null;
}

/** Narrows a cluster's live data to its {@link Health}; a stable selector for useLiveCluster. */
export function selectHealth(live: LiveCluster): Health {
  return {
    connection: live.connection,
    problem: live.problem,
    watchStatus: live.state?.watchStatus ?? null,
  };
}

/** The health in one word (the headline), why (the detail) and its colour. */
export interface HealthSummary {
  readonly headline: 'Live' | 'Reconnecting' | 'Connecting' | 'Syncing' | 'Stale' | 'Unavailable';
  readonly detail: string | null;
  readonly tone: Tone;
}

function watchesIn(health: Health, state: WatchStatus['state']): [Resource, WatchStatus][] {
  const status = health.watchStatus;
  if (status === null) return [];
  return ResourceSchema.options.flatMap((r) => (status[r].state === state ? [[r, status[r]]] : []));
}

/** The summary's own words (the rest is Kubernetes kind names and the cluster's messages). */
export interface HealthWords {
  readonly everyWatch: string;
  readonly connectionLost: string;
}

const ENGLISH: HealthWords = {
  everyWatch: 'every watch',
  connectionLost: 'the connection to Drainboard was lost',
};

function listed(watches: [Resource, WatchStatus][], words: HealthWords): string {
  const isAll = watches.length === ResourceSchema.options.length;
  if (isAll && watches.every(([, s]) => s.message === null)) return words.everyWatch;
  return watches
    .map(([r, s]) =>
      s.message === null ? RESOURCE_LABELS[r] : `${RESOURCE_LABELS[r]}: ${s.message}`,
    )
    .join('; ');
}

/**
 * Sums up the health, worst first: the stream given up, the stream lost, not connected yet,
 * a watch reconnecting, a watch stale, a watch still listing; otherwise Live. `words` are
 * English unless the interface's language is given.
 */
export function summariseHealth(health: Health, words: HealthWords = ENGLISH): HealthSummary {
  const { connection, problem } = health;
  if (connection === 'error') {
    return { headline: 'Unavailable', detail: problem?.message ?? null, tone: 'failed' };
  }
  if (connection === 'reconnecting') {
    const detail = problem?.message ?? words.connectionLost;
    return { headline: 'Reconnecting', detail, tone: 'waiting' };
  }
  if (connection === 'connecting' || health.watchStatus === null) {
    return { headline: 'Connecting', detail: null, tone: 'inactive' };
  }
  const reconnecting = watchesIn(health, 'reconnecting');
  if (reconnecting.length > 0) {
    return { headline: 'Reconnecting', detail: listed(reconnecting, words), tone: 'waiting' };
  }
  const stale = watchesIn(health, 'stale');
  if (stale.length > 0) return { headline: 'Stale', detail: listed(stale, words), tone: 'waiting' };
  const syncing = watchesIn(health, 'syncing');
  if (syncing.length > 0)
    return { headline: 'Syncing', detail: listed(syncing, words), tone: 'progress' };
  return { headline: 'Live', detail: null, tone: 'healthy' };
}
