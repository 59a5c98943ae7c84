import 'server-only';

import { WALKTHROUGHS } from '@/lib/domain/walkthroughs';

import { processDrainRunner } from '../drains/process';
import { realClock } from '../k8s/clock';
import { processClusterRegistry } from '../k8s/summaries';
import { processLiveClusters } from '../live/process';
import { processEvictionStore } from '../store/process';
import { WalkthroughManager } from './manager';
import type { WalkthroughRouteDeps } from './routes';

const MANAGER_KEY = Symbol.for('drainboard.walkthroughs');

/** The walkthroughs of this server process, on globalThis. */
export function processWalkthroughs(): WalkthroughManager {
  const g = globalThis as { [MANAGER_KEY]?: WalkthroughManager };
  g[MANAGER_KEY] ??= new WalkthroughManager({
    walkthroughs: WALKTHROUGHS,
    registry: processClusterRegistry(),
    live: processLiveClusters(),
    store: processEvictionStore(),
    drains: (cluster) => processDrainRunner().list(cluster, 20),
    clock: realClock,
  });
  return g[MANAGER_KEY];
}

/** What the walkthrough routes of this server process work with. */
export function processWalkthroughRouteDeps(): WalkthroughRouteDeps {
  return { manager: processWalkthroughs() };
}
