import 'server-only';

import { realClock } from '../k8s/clock';
import { processClusterRegistry } from '../k8s/summaries';
import { processLiveClusters } from '../live/process';
import { processEvictionStore } from '../store/process';
import { localUser, processRetryQueue } from '../evictions/process';
import type { DrainRouteDeps } from './routes';
import { DrainRunner } from './runner';

const RUNNER_KEY = Symbol.for('drainboard.drainRunner');

/**
 * The drain runner of this server process, on globalThis; created (and the active drains
 * resumed) at server start by instrumentation.ts, or by the first use.
 */
export function processDrainRunner(): DrainRunner {
  const g = globalThis as { [RUNNER_KEY]?: DrainRunner };
  if (g[RUNNER_KEY] !== undefined) return g[RUNNER_KEY];
  const live = processLiveClusters();
  const runner = new DrainRunner({
    store: processEvictionStore(),
    registry: processClusterRegistry(),
    queue: processRetryQueue(),
    watchOf: (cluster) => live.get(cluster),
    clock: realClock,
  });
  g[RUNNER_KEY] = runner;
  void runner.start().catch((e: unknown) => {
    console.error('drainboard: could not resume the active drains:', e);
  });
  return runner;
}

/** What the drain and node routes of this server process work with. */
export function processDrainRouteDeps(): DrainRouteDeps {
  return { registry: processClusterRegistry(), runner: processDrainRunner(), who: localUser() };
}
