import { processRetryRouteDeps } from '@/lib/server/evictions/process';
import { cancelRetryRoute } from '@/lib/server/evictions/retry-routes';

export const dynamic = 'force-dynamic';

/** `DELETE /api/clusters/{cluster}/retries/{id}`: cancels a pending entry; see cancelRetryRoute. */
export async function DELETE(
  request: Request,
  { params }: { params: Promise<{ cluster: string; id: string }> },
): Promise<Response> {
  return cancelRetryRoute(processRetryRouteDeps(), request, await params);
}
