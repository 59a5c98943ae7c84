import 'server-only';
import { userInfo } from 'node:os';

import type { ClusterRegistry } from '../k8s/clusters';
import { realClock } from '../k8s/clock';
import { processClusterRegistry } from '../k8s/summaries';
import type { LiveClusters } from '../live/live-clusters';
import { processLiveClusters } from '../live/process';
import { processEvictionStore } from '../store/process';
import { AccessCache, type AccessDeps } from './access';
import type { AttemptDeps } from './attempt';
import type { LiveState } from './budget-moment';

/**
 * The local OS user, who evicts with a kubeconfig; `$USER` (or `unknown`) where the process's
 * uid has no passwd entry, as in some containers.
 */
function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

/**
 * The live model's pods and budgets of a cluster while it is watched; undefined otherwise. A
 * cluster whose watch cannot be had gives no state: the eviction itself reports why.
 */
export function liveStateOf(
  live: LiveClusters,
): (cluster: string) => Promise<LiveState | undefined> {
  return async (cluster) => {
    const watch = await live.get(cluster).catch(() => undefined);
    if (watch === undefined || !watch.isWatching) return undefined;
    const { pods, budgets } = watch.model.snapshot();
    return { pods, budgets };
  };
}

/** What the eviction, delete and attempts routes of this server process work with. */
export function processAttemptDeps(): AttemptDeps & { registry: ClusterRegistry } {
  return {
    registry: processClusterRegistry(),
    store: processEvictionStore(),
    who: localUser(),
    clock: realClock,
    liveState: liveStateOf(processLiveClusters()),
  };
}

const ACCESS_KEY = Symbol.for('drainboard.accessCache');

/**
 * What the access route of this server process works with; its cache on globalThis, so that
 * every request (and a development reload) shares it.
 */
export function processAccessDeps(): AccessDeps {
  const g = globalThis as { [ACCESS_KEY]?: AccessCache };
  g[ACCESS_KEY] ??= new AccessCache(realClock);
  return { registry: processClusterRegistry(), cache: g[ACCESS_KEY] };
}
