import { processDrainRouteDeps } from '@/lib/server/drains/process';
import { drainsRoute, startDrainRoute } from '@/lib/server/drains/routes';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/drains`: the drains, newest first; see drainsRoute. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return drainsRoute(processDrainRouteDeps(), request, (await params).cluster);
}

/** `POST /api/clusters/{cluster}/drains`: starts a drain; see startDrainRoute. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return startDrainRoute(processDrainRouteDeps(), request, (await params).cluster);
}
