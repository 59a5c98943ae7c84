import { accessRoute } from '@/lib/server/evictions/access';
import { processAccessDeps } from '@/lib/server/evictions/process';

export const dynamic = 'force-dynamic';

/** `GET /api/clusters/{cluster}/access?namespace=`: may we evict, delete; see accessRoute. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<Response> {
  return accessRoute(processAccessDeps(), request, (await params).cluster);
}
