import { queryOptions, useQuery } from '@tanstack/react-query';
import { ClusterListSchema, type ClusterSummary } from '@/lib/domain/clusters';

export const clusterKeys = { all: ['clusters'] as const };

/** `GET /api/clusters`, parsed with the domain schema; an HTTP failure keeps its status. */
export async function fetchClusters(): Promise<ClusterSummary[]> {
  const res = await fetch('/api/clusters', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /api/clusters answered ${res.status}`);
  return ClusterListSchema.parse(await res.json());
}

export const clustersQuery = queryOptions({ queryKey: clusterKeys.all, queryFn: fetchClusters });

export function useClusters() {
  return useQuery(clustersQuery);
}
