import { processWalkthroughRouteDeps } from '@/lib/server/walkthroughs/process';
import { finishWalkthroughRoute, walkthroughRoute } from '@/lib/server/walkthroughs/routes';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** `GET /api/walkthroughs/{id}`: its run now; see walkthroughRoute. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return walkthroughRoute(processWalkthroughRouteDeps(), (await params).id);
}

/** `DELETE /api/walkthroughs/{id}`: finishes it; see finishWalkthroughRoute. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  return finishWalkthroughRoute(processWalkthroughRouteDeps(), request, (await params).id);
}
