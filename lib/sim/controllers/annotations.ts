/** Pod annotations that drive the simulated application (documented in lib/sim/README.md). */
export const ANNOTATIONS = {
  startAfter: 'sim.drainboard.dev/start-after',
  readyAfter: 'sim.drainboard.dev/ready-after',
  neverReady: 'sim.drainboard.dev/never-ready',
  neverReadyIfCreatedAfter: 'sim.drainboard.dev/never-ready-if-created-after',
  shutdownAfter: 'sim.drainboard.dev/shutdown-after',
  crashLoop: 'sim.drainboard.dev/crash-loop',
} as const;

export const DEFAULTS_MS = {
  startAfter: 1000,
  readyAfter: 2000,
  shutdownAfter: 2000,
} as const;

/**
 * Whether a pod must never turn Ready: `never-ready: "true"`, or created after the instant in
 * `never-ready-if-created-after` (RFC 3339) — pods that were running keep working while their
 * replacements never become Ready, as when a dependency breaks after the app started.
 */
export function neverReady(
  annotations: Record<string, string> | undefined,
  createdAt: string | null | undefined,
): boolean {
  if (annotations?.[ANNOTATIONS.neverReady] === 'true') return true;
  const after = Date.parse(annotations?.[ANNOTATIONS.neverReadyIfCreatedAfter] ?? '');
  const created = Date.parse(createdAt ?? '');
  return !Number.isNaN(after) && !Number.isNaN(created) && created > after;
}
