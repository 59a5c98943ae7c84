import { processClusterRegistry } from '@/lib/server/k8s/summaries';
import { processLiveClusters } from '@/lib/server/live/process';
import { rehearsalRoute } from '@/lib/server/rehearsals/routes';

export const dynamic = 'force-dynamic';

/** `POST /api/clusters/{cluster}/rehearsal`: copies the cluster into a new embedded one; see rehearsalRoute. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  const deps = { registry: processClusterRegistry(), live: processLiveClusters() };
  return rehearsalRoute(deps, request, (await params).cluster);
}
