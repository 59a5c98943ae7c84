import { processDrainRouteDeps } from '@/lib/server/drains/process';
import { drainRoute, stopDrainRoute } from '@/lib/server/drains/routes';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ cluster: string; id: string }> };

/** `GET /api/clusters/{cluster}/drains/{id}`: a drain's progress; see drainRoute. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return drainRoute(processDrainRouteDeps(), await params);
}

/** `DELETE /api/clusters/{cluster}/drains/{id}`: stops a drain; see stopDrainRoute. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  return stopDrainRoute(processDrainRouteDeps(), request, await params);
}
