import { processDrainRouteDeps } from '@/lib/server/drains/process';
import { cordonRoute } from '@/lib/server/drains/routes';

export const dynamic = 'force-dynamic';

/** `POST /api/clusters/{cluster}/nodes/{node}/cordon`: see cordonRoute. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ cluster: string; node: string }> },
): Promise<Response> {
  return cordonRoute(processDrainRouteDeps(), request, await params, true);
}
