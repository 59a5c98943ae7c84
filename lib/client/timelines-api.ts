import { queryOptions, useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';

import { TimelineDetailSchema, type TimelineDetail } from '@/lib/domain/timeline-summary';

import { ApiError } from './evictions';

const seg = encodeURIComponent;

/** Query keys of the timelines' details, by cluster and pod UID. */
export const timelineKeys = {
  all: ['timelines'] as const,
  cluster: (cluster: string) => [...timelineKeys.all, cluster] as const,
  /** `version`: the live summary's `updatedAt`, so that a change of the timeline refetches it. */
  detail: (cluster: string, uid: string, version: string | null) =>
    [...timelineKeys.cluster(cluster), 'detail', uid, version] as const,
};

/** `GET /api/clusters/{c}/timelines/{uid}`: every fact, the phases and the findings. */
export function timelineUrl(cluster: string, uid: string): string {
  return `/api/clusters/${seg(cluster)}/timelines/${seg(uid)}`;
}

/** The same timeline as a JSON download. */
export function timelineExportUrl(cluster: string, uid: string): string {
  return `${timelineUrl(cluster, uid)}/export`;
}

/** The page of one pod's timeline. */
export function timelineHref(cluster: string, uid: string): string {
  return `/clusters/${seg(cluster)}/timelines/${seg(uid)}`;
}

/** The page showing several pods' timelines on one time axis. */
export function compareHref(cluster: string, uids: readonly string[]): string {
  return `/clusters/${seg(cluster)}/timelines/compare?${new URLSearchParams({ uids: uids.join(',') }).toString()}`;
}

/** The `?uids=a,b,c` of the compare page: distinct, non-empty, in the given order. */
export function readCompareUids(value: string | null): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''),
    ),
  ];
}

/** Fetches one timeline; a 404 (not recorded, or expired) is an {@link ApiError} with its status. */
export async function fetchTimeline(cluster: string, uid: string): Promise<TimelineDetail> {
  const url = timelineUrl(cluster, uid);
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new ApiError(res.status, `GET ${url} answered ${res.status}`);
  const parsed = TimelineDetailSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ApiError(res.status, `GET ${url} answered an unreadable timeline`);
  return parsed.data;
}

/**
 * One timeline's detail. Keyed on the live summary's `updatedAt`: the stream says when the
 * timeline changed, and the new key fetches it again (the previous detail stays on screen
 * meanwhile). A 404 is not retried: the timeline is not recorded.
 */
export const timelineQuery = (cluster: string, uid: string, version: string | null) =>
  queryOptions({
    queryKey: timelineKeys.detail(cluster, uid, version),
    queryFn: () => fetchTimeline(cluster, uid),
    staleTime: Infinity,
    placeholderData: (previous) => previous,
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });

export function useTimeline(cluster: string, uid: string, version: string | null) {
  return useQuery(timelineQuery(cluster, uid, version));
}

/** What the compare page gets of several timelines: those loaded, in order, and how many failed. */
export interface TimelinesResult {
  readonly details: TimelineDetail[];
  readonly failed: number;
  readonly isPending: boolean;
}

// Module-level, so that React Query keeps the combined result while the results stay the same.
function combineTimelines(results: readonly UseQueryResult<TimelineDetail>[]): TimelinesResult {
  return {
    details: results.flatMap((r) => (r.data ? [r.data] : [])),
    failed: results.filter((r) => r.isError).length,
    isPending: results.some((r) => r.isPending),
  };
}

/** Several timelines at once (the compare page), each keyed on its live version. */
export function useTimelines(
  cluster: string,
  items: readonly { uid: string; version: string | null }[],
): TimelinesResult {
  return useQueries({
    queries: items.map((item) => timelineQuery(cluster, item.uid, item.version)),
    combine: combineTimelines,
  });
}
