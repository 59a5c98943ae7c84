/** Pod annotations that drive the simulated application (documented in lib/sim/README.md). */
export const ANNOTATIONS = {
  startAfter: 'sim.drainboard.dev/start-after',
  readyAfter: 'sim.drainboard.dev/ready-after',
  neverReady: 'sim.drainboard.dev/never-ready',
  shutdownAfter: 'sim.drainboard.dev/shutdown-after',
  crashLoop: 'sim.drainboard.dev/crash-loop',
} as const;

export const DEFAULTS_MS = {
  startAfter: 1000,
  readyAfter: 2000,
  shutdownAfter: 2000,
} as const;
