import { processDrainRouteDeps } from '@/lib/server/drains/process';
import { planRoute } from '@/lib/server/drains/routes';

export const dynamic = 'force-dynamic';

/** `POST /api/clusters/{cluster}/drains/plan`: what a drain would do; see planRoute. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return planRoute(processDrainRouteDeps(), request, (await params).cluster);
}
