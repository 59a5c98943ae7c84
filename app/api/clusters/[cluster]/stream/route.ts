import { processLiveClusters } from '@/lib/server/live/process';
import { streamRoute } from '@/lib/server/live/routes';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/stream`: Server-Sent Events, `snapshot` then deltas. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return streamRoute(processLiveClusters(), request, (await params).cluster);
}
