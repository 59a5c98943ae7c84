import 'server-only';

import type { ClusterRegistry } from '../k8s/clusters';
import { realClock, type Clock } from '../k8s/clock';
import { ClusterWatch, type ClusterWatchOptions } from './cluster-watch';

/**
 * The {@link ClusterWatch} of every cluster this process has been asked about, created on
 * first use from the registry's kubeconfig, one per cluster name for the process lifetime.
 */
export class LiveClusters {
  private readonly watches = new Map<string, Promise<ClusterWatch>>();
  private readonly observers: ((watch: ClusterWatch) => void)[] = [];
  readonly clock: Clock;

  constructor(
    readonly registry: ClusterRegistry,
    private readonly opts: ClusterWatchOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
  }

  /**
   * The watch of `name`, or undefined for a cluster the registry does not know.
   * @throws ClusterError when its kubeconfig cannot be had (the demo cluster failed to start).
   */
  async get(name: string): Promise<ClusterWatch | undefined> {
    if (!this.registry.has(name)) return undefined;
    let watch = this.watches.get(name);
    if (watch === undefined) {
      watch = this.registry.kubeConfig(name).then((kc) => {
        const created = new ClusterWatch(name, kc, this.opts);
        for (const observe of this.observers) observe(created);
        return created;
      });
      this.watches.set(name, watch);
      // A failure (the demo did not start) is not cached: the next request tries again.
      watch.catch(() => this.watches.delete(name));
    }
    return watch;
  }

  /** Stops and drops the watch of `name` (a cluster removed from the registry). */
  async forget(name: string): Promise<void> {
    const watch = this.watches.get(name);
    this.watches.delete(name);
    await (await watch?.catch(() => undefined))?.close();
  }

  /**
   * Removes an embedded cluster from the registry, then stops its watch: in that order, so no new
   * watch of the stopped cluster can be made meanwhile. False when there is none.
   */
  async removeEmbedded(name: string): Promise<boolean> {
    if (!(await this.registry.removeEmbedded(name))) return false;
    await this.forget(name);
    return true;
  }

  /** Calls `observe` with every watch created so far and with each one created later. */
  async observe(observe: (watch: ClusterWatch) => void): Promise<void> {
    this.observers.push(observe);
    for (const watch of await this.all()) observe(watch);
  }

  /** The watches created so far, in creation order. */
  async all(): Promise<ClusterWatch[]> {
    const settled = await Promise.allSettled(this.watches.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  /** Stops every watch and stream. */
  async close(): Promise<void> {
    await Promise.all((await this.all()).map((w) => w.close()));
    this.watches.clear();
  }
}

/** `DRAINBOARD_WATCH_LINGER_SECONDS` (default 180): how long watches outlive the last client. */
export function lingerMsOf(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env['DRAINBOARD_WATCH_LINGER_SECONDS'];
  if (raw === undefined || raw.trim() === '') return 180_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(
      `DRAINBOARD_WATCH_LINGER_SECONDS must be a number of seconds >= 0, not ${JSON.stringify(raw)}`,
    );
  }
  return seconds * 1000;
}
