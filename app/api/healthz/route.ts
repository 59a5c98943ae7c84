export const dynamic = 'force-dynamic';

/** Liveness only: the process is up and serving. Cluster health comes from the watches. */
export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
