import { processWalkthroughRouteDeps } from '@/lib/server/walkthroughs/process';
import { startWalkthroughRoute } from '@/lib/server/walkthroughs/routes';

export const dynamic = 'force-dynamic';

/** `POST /api/walkthroughs/{id}/start`: (re)starts it on its own cluster; see startWalkthroughRoute. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  return startWalkthroughRoute(processWalkthroughRouteDeps(), request, (await params).id);
}
