import { processRetryRouteDeps } from '@/lib/server/evictions/process';
import { stuckRoute } from '@/lib/server/evictions/retry-routes';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/stuck`: what the stuck monitor finds stuck now; see stuckRoute. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return stuckRoute(processRetryRouteDeps(), (await params).cluster);
}
