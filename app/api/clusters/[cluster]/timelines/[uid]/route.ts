import { processTimelineRouteDeps } from '@/lib/server/timelines/process';
import { timelineRoute } from '@/lib/server/timelines/routes';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/timelines/{uid}`: one pod's facts, phases and findings. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ cluster: string; uid: string }> },
): Promise<Response> {
  return timelineRoute(processTimelineRouteDeps(), await params);
}
