import 'server-only';

import type { StuckItem } from '@/lib/domain/retries';
import { stuckItems, type StuckThresholds } from '@/lib/domain/stuck';

import type { Clock, TimerHandle } from '../k8s/clock';
import type { ClusterWatch } from '../live/cluster-watch';

/** How often the monitor looks at a watched cluster. */
export const STUCK_INTERVAL_MS = 5_000;

/** Since when each budget has been at 0 allowed and each node cordoned, as this process saw. */
interface Since {
  zeroSince: Map<string, number>;
  cordonedSince: Map<string, number>;
}

/**
 * The stuck monitor (issue 6): every few seconds, for each watched cluster, what is stuck (a
 * retry pending too long, a budget at 0 for too long, a pod past its grace deadline, a cordoned
 * node still holding evictable pods) with its diagnosis from the live model, recorded in the
 * model so the stream carries it.
 */
export class StuckMonitor {
  private readonly since = new Map<ClusterWatch, Since>();
  private readonly timers = new Map<ClusterWatch, TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly thresholds: StuckThresholds,
    private readonly intervalMs = STUCK_INTERVAL_MS,
  ) {}

  /**
   * Starts looking at `watch` (once), every interval while it is watching; a new watch of a
   * known name (an embedded cluster started again under it) replaces the old one.
   */
  attach(watch: ClusterWatch): void {
    if (this.timers.has(watch)) return;
    for (const [old, timer] of this.timers) {
      if (old.name !== watch.name) continue;
      this.clock.clearTimeout(timer);
      this.timers.delete(old);
      this.since.delete(old);
    }
    const tick = () => {
      if (watch.isWatching) this.itemsOf(watch);
      this.timers.set(watch, this.clock.setTimeout(tick, this.intervalMs));
    };
    tick();
  }

  /** What is stuck in `watch`'s cluster now; records it in the model as well. */
  itemsOf(watch: ClusterWatch): StuckItem[] {
    const now = this.clock.now();
    const snap = watch.model.snapshot();
    const since = this.since.get(watch) ?? { zeroSince: new Map(), cordonedSince: new Map() };
    this.since.set(watch, since);
    track(
      since.zeroSince,
      snap.budgets.filter((b) => b.disruptionsAllowed === 0).map((b) => b.uid),
      now,
    );
    track(
      since.cordonedSince,
      snap.nodes.filter((n) => n.isCordoned).map((n) => n.name),
      now,
    );
    const items = stuckItems({
      pods: snap.pods,
      budgets: snap.budgets,
      nodes: snap.nodes,
      owners: snap.owners,
      retries: snap.retries,
      now,
      thresholds: this.thresholds,
      zeroSince: since.zeroSince,
      cordonedSince: since.cordonedSince,
    });
    watch.model.applyStuck(items);
    return items;
  }

  close(): void {
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
  }
}

/** Keeps the first-seen time of every key present now; forgets the others. */
function track(since: Map<string, number>, present: readonly string[], now: number): void {
  const keep = new Set(present);
  for (const key of since.keys()) if (!keep.has(key)) since.delete(key);
  for (const key of present) if (!since.has(key)) since.set(key, now);
}
