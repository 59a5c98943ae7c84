import { processTimelineRouteDeps } from '@/lib/server/timelines/process';
import { timelineExportRoute } from '@/lib/server/timelines/routes';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/timelines/{uid}/export`: one timeline as a JSON download. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ cluster: string; uid: string }> },
): Promise<Response> {
  return timelineExportRoute(processTimelineRouteDeps(), await params);
}
