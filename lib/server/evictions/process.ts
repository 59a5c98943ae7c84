import 'server-only';
import { userInfo } from 'node:os';

import { stuckThresholdsOf } from '@/lib/domain/stuck';

import type { ClusterRegistry } from '../k8s/clusters';
import { realClock } from '../k8s/clock';
import { processClusterRegistry } from '../k8s/summaries';
import type { LiveClusters } from '../live/live-clusters';
import { processLiveClusters } from '../live/process';
import { processEvictionStore } from '../store/process';
import { AccessCache, type AccessDeps } from './access';
import type { AttemptDeps } from './attempt';
import type { LiveState } from './budget-moment';
import { RetryQueue } from './retry-queue';
import type { RetryRouteDeps } from './retry-routes';
import { StuckMonitor } from './stuck-monitor';
import { TimelineRecorder } from '../timelines/recorder';

/**
 * The local OS user, who evicts with a kubeconfig; `$USER` (or `unknown`) where the process's
 * uid has no passwd entry, as in some containers.
 */
export function localUser(): string {
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
    onQueued: (cluster, id) => processRetryQueue().added(cluster, id),
    onAttempt: (id) => {
      const attempt = processEvictionStore().attempt(id);
      if (attempt !== undefined) processTimelineRecorder().attempt(attempt);
    },
    onDeleted: (cluster, uid, who) => processRetryQueue().podDeleted(cluster, uid, who),
  };
}

/** `DRAINBOARD_EVICTIONS_PER_SECOND` (default 5): the retry queue's request rate per cluster. */
export function evictionRateOf(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env['DRAINBOARD_EVICTIONS_PER_SECOND'];
  if (raw === undefined || raw.trim() === '') return 5;
  const rate = Number(raw);
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new RangeError(
      `DRAINBOARD_EVICTIONS_PER_SECOND must be a number of requests per second > 0, not ${JSON.stringify(raw)}`,
    );
  }
  return rate;
}

const QUEUE_KEY = Symbol.for('drainboard.retryQueue');
const RECORDER_KEY = Symbol.for('drainboard.timelineRecorder');
const MONITOR_KEY = Symbol.for('drainboard.stuckMonitor');

/**
 * The retry queue and stuck monitor of this server process, on globalThis; created (and the
 * pending entries resumed) at server start by instrumentation.ts, or by the first use.
 */
export function processRetryQueue(): RetryQueue {
  const g = globalThis as { [QUEUE_KEY]?: RetryQueue };
  if (g[QUEUE_KEY] !== undefined) return g[QUEUE_KEY];
  const live = processLiveClusters();
  const queue = new RetryQueue({
    attempt: processAttemptDeps(),
    watchOf: (cluster) => live.get(cluster),
    clock: realClock,
    random: Math.random,
    evictionsPerSecond: evictionRateOf(process.env),
  });
  g[QUEUE_KEY] = queue;
  void live.observe((watch) => {
    queue.seed(watch);
    processStuckMonitor().attach(watch);
    processTimelineRecorder().attach(watch);
  });
  queue.start();
  return queue;
}

/** `DRAINBOARD_TIMELINE_DAYS` (default 7): how long a termination timeline is kept. */
export function timelineRetentionMsOf(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env['DRAINBOARD_TIMELINE_DAYS'];
  if (raw === undefined || raw.trim() === '') return 7 * 86_400_000;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) {
    throw new RangeError(
      `DRAINBOARD_TIMELINE_DAYS must be a number of days > 0, not ${JSON.stringify(raw)}`,
    );
  }
  return days * 86_400_000;
}

/** The timeline recorder of this server process, on globalThis. */
export function processTimelineRecorder(): TimelineRecorder {
  const g = globalThis as { [RECORDER_KEY]?: TimelineRecorder };
  g[RECORDER_KEY] ??= new TimelineRecorder(
    processEvictionStore().timelines,
    realClock,
    timelineRetentionMsOf(process.env),
  );
  return g[RECORDER_KEY];
}

/** The stuck monitor of this server process (thresholds from `DRAINBOARD_STUCK_*_SECONDS`). */
export function processStuckMonitor(): StuckMonitor {
  const g = globalThis as { [MONITOR_KEY]?: StuckMonitor };
  g[MONITOR_KEY] ??= new StuckMonitor(realClock, stuckThresholdsOf(process.env));
  return g[MONITOR_KEY];
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

/** How long a stuck list waits for the first lists of a cluster not watched yet. */
const STUCK_SYNC_TIMEOUT_MS = 10_000;

/** What the retry and stuck routes of this server process work with. */
export function processRetryRouteDeps(): RetryRouteDeps {
  const live = processLiveClusters();
  return {
    registry: processClusterRegistry(),
    store: processEvictionStore(),
    queue: processRetryQueue(),
    who: localUser(),
    stuck: async (cluster) => {
      const watch = await live.get(cluster).catch(() => undefined);
      if (watch === undefined) return [];
      const release = watch.acquire();
      try {
        await watch.whenSynced(STUCK_SYNC_TIMEOUT_MS);
        return processStuckMonitor().itemsOf(watch);
      } finally {
        release();
      }
    },
  };
}
