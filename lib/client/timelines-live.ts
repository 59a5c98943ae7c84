import { useCallback } from 'react';

import type { TimelineSummary } from '@/lib/domain/timeline-summary';

import { useLiveCluster } from './live';
import type { LiveCluster } from './live-stream';

const NO_TIMELINES: ReadonlyMap<string, TimelineSummary> = new Map();

/** The timelines' summaries by pod UID (empty until the first snapshot); stable while unchanged. */
export function selectTimelines(live: LiveCluster): ReadonlyMap<string, TimelineSummary> {
  return live.state?.timelines ?? NO_TIMELINES;
}

/** The cluster's timeline summaries, live; re-renders only when they change. */
export function useLiveTimelines(cluster: string): ReadonlyMap<string, TimelineSummary> {
  return useLiveCluster(cluster, selectTimelines);
}

/** One pod's timeline summary, live (null when the live state has none); by pod UID. */
export function useLiveTimeline(cluster: string, uid: string): TimelineSummary | null {
  const select = useCallback((live: LiveCluster) => live.state?.timelines.get(uid) ?? null, [uid]);
  return useLiveCluster(cluster, select);
}
