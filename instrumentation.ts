/**
 * Runs once when the server starts (Next.js instrumentation): the retry queue resumes every
 * pending entry and the drain runner every active drain at once, not at the first request after
 * a restart.
 * @see https://nextjs.org/docs/app/guides/instrumentation
 */
export async function register(): Promise<void> {
  if (process.env['NEXT_RUNTIME'] !== 'nodejs') return;
  const { startBackgroundWork } = await import('@/lib/server/evictions/start');
  startBackgroundWork();
}
