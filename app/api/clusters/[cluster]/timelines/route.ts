import { processTimelineRouteDeps } from '@/lib/server/timelines/process';
import { timelinesRoute } from '@/lib/server/timelines/routes';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/timelines`: termination timelines, newest first; see timelinesRoute. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return timelinesRoute(processTimelineRouteDeps(), request, (await params).cluster);
}
