import type { RetryView, StuckItem } from '@/lib/domain/retries';

import { useLiveCluster } from './live';
import type { LiveCluster } from './live-stream';

const NO_RETRIES: ReadonlyMap<number, RetryView> = new Map();
const NO_STUCK: readonly StuckItem[] = [];

/** The retry entries by id (empty until the first snapshot); stable while they do not change. */
export function selectRetries(live: LiveCluster): ReadonlyMap<number, RetryView> {
  return live.state?.retries ?? NO_RETRIES;
}

/** The stuck items (empty until the first snapshot); stable while they do not change. */
export function selectStuck(live: LiveCluster): readonly StuckItem[] {
  return live.state?.stuck ?? NO_STUCK;
}

/** The cluster's retry entries, live; re-renders only when they change. */
export function useLiveRetries(cluster: string): ReadonlyMap<number, RetryView> {
  return useLiveCluster(cluster, selectRetries);
}

/** The cluster's stuck items, live; re-renders only when they change. */
export function useLiveStuck(cluster: string): readonly StuckItem[] {
  return useLiveCluster(cluster, selectStuck);
}
