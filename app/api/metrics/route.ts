import { renderMetrics } from '@/lib/server/live/metrics';
import { processLiveClusters } from '@/lib/server/live/process';

export const dynamic = 'force-dynamic';

/** `GET /api/metrics`: Prometheus text format 0.0.4. */
export async function GET(): Promise<Response> {
  return new Response(await renderMetrics(processLiveClusters()), {
    headers: {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
}
