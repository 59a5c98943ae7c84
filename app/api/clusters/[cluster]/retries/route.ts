import { processRetryRouteDeps } from '@/lib/server/evictions/process';
import { retriesRoute } from '@/lib/server/evictions/retry-routes';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/retries`: the retry queue's entries, newest first; see retriesRoute. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return retriesRoute(processRetryRouteDeps(), request, (await params).cluster);
}
