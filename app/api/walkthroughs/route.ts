import { processWalkthroughRouteDeps } from '@/lib/server/walkthroughs/process';
import { walkthroughsRoute } from '@/lib/server/walkthroughs/routes';

export const dynamic = 'force-dynamic';

/** `GET /api/walkthroughs`: every walkthrough's run; see walkthroughsRoute. */
export function GET(): Response {
  return walkthroughsRoute(processWalkthroughRouteDeps());
}
