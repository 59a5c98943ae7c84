import 'server-only';

import { processClusterRegistry } from '../k8s/summaries';
import { LiveClusters, lingerMsOf } from './live-clusters';

const KEY = Symbol.for('drainboard.liveClusters');

/**
 * The live clusters of this server process, on globalThis so a development reload keeps its
 * watches and streams instead of opening a second set.
 */
export function processLiveClusters(): LiveClusters {
  const g = globalThis as { [KEY]?: LiveClusters };
  g[KEY] ??= new LiveClusters(processClusterRegistry(), {
    lingerMs: lingerMsOf(process.env),
  });
  return g[KEY];
}
