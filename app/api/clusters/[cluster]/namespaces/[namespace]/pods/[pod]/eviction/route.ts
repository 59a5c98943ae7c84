import { processAttemptDeps } from '@/lib/server/evictions/process';
import { evictionRoute } from '@/lib/server/evictions/routes';

export const dynamic = 'force-dynamic';

/** `POST …/pods/{pod}/eviction`: evicts the pod through the Eviction API; see evictionRoute. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ cluster: string; namespace: string; pod: string }> },
): Promise<Response> {
  return evictionRoute(processAttemptDeps(), request, await params);
}
