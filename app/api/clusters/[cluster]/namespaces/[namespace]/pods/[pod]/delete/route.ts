import { processAttemptDeps } from '@/lib/server/evictions/process';
import { deletionRoute } from '@/lib/server/evictions/routes';

export const dynamic = 'force-dynamic';

/** `POST …/pods/{pod}/delete`: deletes the pod directly, bypassing budgets; see deletionRoute. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ cluster: string; namespace: string; pod: string }> },
): Promise<Response> {
  return deletionRoute(processAttemptDeps(), request, await params);
}
