import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { browserDeps, ClusterStream, INITIAL_LIVE, type LiveCluster } from './live-stream';

/** Query keys of the live models, one per cluster. */
export const liveKeys = {
  all: ['live'] as const,
  cluster: (cluster: string) => [...liveKeys.all, cluster] as const,
};

/**
 * A cluster's live model in the query cache. Only its stream writes it: there is nothing to
 * fetch, so the query is never enabled, never stale, and its query function (should anything
 * call it) returns what the stream has put there. It starts as "connecting".
 */
export const liveClusterQuery = <T = LiveCluster>(
  cluster: string,
  select?: (live: LiveCluster) => T,
) =>
  queryOptions({
    queryKey: liveKeys.cluster(cluster),
    queryFn: ({ client, queryKey }) => client.getQueryData<LiveCluster>(queryKey) ?? INITIAL_LIVE,
    enabled: false,
    initialData: INITIAL_LIVE,
    staleTime: Infinity,
    select,
  });

/** How long a stream nobody uses stays open: covers a remount without reconnecting. */
const LINGER_MS = 1_000;

interface Entry {
  readonly stream: ClusterStream;
  users: number;
  closeTimer: ReturnType<typeof setTimeout> | undefined;
}

/** One stream per cluster per query client, and so per tab. */
const streams = new WeakMap<QueryClient, Map<string, Entry>>();

function streamUrl(cluster: string): string {
  return `/api/clusters/${encodeURIComponent(cluster)}/stream`;
}

function openEntry(client: QueryClient, cluster: string): Entry {
  const key = liveKeys.cluster(cluster);
  const write = (live: LiveCluster) => client.setQueryData(key, live);
  const current = client.getQueryData<LiveCluster>(key) ?? INITIAL_LIVE;
  const stream = new ClusterStream(streamUrl(cluster), browserDeps(write), current);
  stream.start();
  return { stream, users: 0, closeTimer: undefined };
}

/**
 * Keeps the cluster's stream open for one more user; returns the release function. The
 * stream closes shortly after its last user releases it.
 */
export function retainClusterStream(client: QueryClient, cluster: string): () => void {
  let entries = streams.get(client);
  if (entries === undefined) {
    entries = new Map();
    streams.set(client, entries);
  }
  const entry = entries.get(cluster) ?? openEntry(client, cluster);
  entries.set(cluster, entry);
  entry.users++;
  clearTimeout(entry.closeTimer);
  entry.closeTimer = undefined;
  return () => {
    entry.users--;
    if (entry.users > 0) return;
    entry.closeTimer = setTimeout(() => {
      entry.stream.close();
      entries.delete(cluster);
    }, LINGER_MS);
  };
}

/**
 * The live model of `cluster`, kept current by its stream (opened on first use, shared by
 * every component of the tab). `select` (stable: module-level or memoised) narrows what
 * the component re-renders for.
 */
export function useLiveCluster<T = LiveCluster>(
  cluster: string,
  select?: (live: LiveCluster) => T,
): T {
  const client = useQueryClient();
  useEffect(() => retainClusterStream(client, cluster), [client, cluster]);
  return useQuery(liveClusterQuery(cluster, select)).data;
}
