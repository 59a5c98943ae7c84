import { processAttemptDeps } from '@/lib/server/evictions/process';
import { attemptsRoute } from '@/lib/server/evictions/routes';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/attempts?namespace=&pod=&limit=`: recorded attempts, newest first. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return attemptsRoute(processAttemptDeps(), request, (await params).cluster);
}
