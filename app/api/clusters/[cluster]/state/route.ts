import { processLiveClusters } from '@/lib/server/live/process';
import { stateRoute } from '@/lib/server/live/routes';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/state`: the live model's snapshot as JSON. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return stateRoute(processLiveClusters(), (await params).cluster);
}
