import { processRetryRouteDeps } from '@/lib/server/evictions/process';
import { retryNowRoute } from '@/lib/server/evictions/retry-routes';

export const dynamic = 'force-dynamic';

/** `POST /api/clusters/{cluster}/retries/{id}/retry-now`: attempts a pending entry at once. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ cluster: string; id: string }> },
): Promise<Response> {
  return retryNowRoute(processRetryRouteDeps(), request, await params);
}
