import { listClusterSummaries, processClusterRegistry } from '@/lib/server/k8s/summaries';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters`: every cluster with `{name, server, demo, default, reachable}`. */
export async function GET(): Promise<Response> {
  return Response.json(await listClusterSummaries(processClusterRegistry()));
}
