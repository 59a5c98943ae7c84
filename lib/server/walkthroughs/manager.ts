import 'server-only';

import type { DrainView } from '@/lib/domain/drains';
import { progressOf } from '@/lib/domain/walkthroughs';
import type { Walkthrough, WalkthroughState } from '@/lib/domain/walkthroughs/types';

import type { Clock, TimerHandle } from '../k8s/clock';
import type { ClusterRegistry } from '../k8s/clusters';
import { startEmbeddedCluster } from '../k8s/demo';
import type { ClusterWatch } from '../live/cluster-watch';
import type { LiveClusters } from '../live/live-clusters';
import type { EvictionStore } from '../store/eviction-store';

/** What the walkthroughs work with; injected, so tests use real clusters and stores. */
export interface WalkthroughDeps {
  walkthroughs: readonly Walkthrough[];
  registry: Pick<ClusterRegistry, 'addEmbedded'>;
  live: Pick<LiveClusters, 'get' | 'removeEmbedded'>;
  store: EvictionStore;
  /** The drains of a cluster, newest first. */
  drains: (cluster: string) => Promise<DrainView[]>;
  clock: Clock;
}

/** A walkthrough as the API shows it: its run, its cluster and which steps are ticked. */
export interface WalkthroughRunView {
  id: string;
  /** `idle` never started; `running` on its cluster; `interrupted` its cluster is gone (a restart); `finished`. */
  state: 'idle' | 'running' | 'interrupted' | 'finished';
  /** Its cluster's name (the walkthrough's id) while it runs. */
  cluster: string | null;
  kubeconfigPath: string | null;
  startedAt: string | null;
  /** Step id → RFC 3339 when it was ticked. */
  done: Record<string, string>;
}

/** How long changes of a walkthrough's cluster are gathered before its checks run. */
const BURST_MS = 200;
/** How long to wait for a walkthrough cluster's first lists. */
const SYNC_TIMEOUT_MS = 15_000;

/** A running walkthrough: its watch, held, and its checks run on every burst of changes. */
class Run {
  private release: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    readonly walkthrough: Walkthrough,
    readonly watch: ClusterWatch,
    readonly kubeconfigPath: string,
    private readonly deps: WalkthroughDeps,
  ) {}

  follow(): void {
    this.release = this.watch.acquire();
    this.unsubscribe = this.watch.model.subscribe(() => this.soon());
  }

  private soon(): void {
    if (this.timer !== undefined) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      void this.evaluate().catch((e: unknown) => {
        console.error(`drainboard: walkthrough ${this.walkthrough.id}: checks failed:`, e);
      });
    }, BURST_MS);
  }

  /** Runs the checks of the steps not ticked yet, in order (progressOf), ticking each that holds. */
  async evaluate(): Promise<void> {
    const { store, clock } = this.deps;
    const run = store.walkthroughs.get(this.walkthrough.id);
    if (run === undefined || run.state !== 'running') return;
    const cluster = this.watch.name;
    const state: WalkthroughState = {
      snapshot: this.watch.model.snapshot(),
      attempts: store.list({ cluster, limit: 500 }),
      drains: await this.deps.drains(cluster),
      startedAt: run.startedAt,
    };
    if (this.stopped) return;
    const done = progressOf(this.walkthrough, state, new Set(run.done.keys()));
    const ticked = [...done].filter((step) => !run.done.has(step));
    // Only into the run this state is of: a reset meanwhile started another.
    if (ticked.length > 0) {
      store.walkthroughs.tick(this.walkthrough.id, run.startedAt, ticked, clock.now());
    }
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.release?.();
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
  }
}

/**
 * The walkthroughs (issue 9): each runs on an embedded cluster of its own, named after it,
 * created from its manifests on the `empty` scenario; its steps are ticked by their checks on
 * the live model, and the ticks kept in SQLite. Reset starts it again from scratch; finish
 * removes its cluster, its ticks kept.
 */
export class WalkthroughManager {
  private readonly runs = new Map<string, Run>();
  /** The start or finish of each walkthrough in progress, so they never overlap. */
  private readonly busy = new Map<string, Promise<void>>();

  constructor(private readonly deps: WalkthroughDeps) {}

  /** The walkthrough of `id`, or undefined. */
  walkthrough(id: string): Walkthrough | undefined {
    return this.deps.walkthroughs.find((w) => w.id === id);
  }

  /** Runs `work` after every earlier start or finish of walkthrough `id` has ended. */
  private serially<T>(id: string, work: () => Promise<T>): Promise<T> {
    const before = this.busy.get(id) ?? Promise.resolve();
    const after = before.then(work, work);
    const settled = after.then(
      () => undefined,
      () => undefined,
    );
    this.busy.set(id, settled);
    void settled.then(() => {
      if (this.busy.get(id) === settled) this.busy.delete(id);
    });
    return after;
  }

  /** (Re)starts a walkthrough on a fresh cluster; its earlier ticks are forgotten. */
  start(walkthrough: Walkthrough): Promise<WalkthroughRunView> {
    return this.serially(walkthrough.id, () => this.startNow(walkthrough));
  }

  private async startNow(walkthrough: Walkthrough): Promise<WalkthroughRunView> {
    const { id } = walkthrough;
    await this.removeCluster(id);
    const now = this.deps.clock.now();
    const cluster = await this.deps.registry.addEmbedded(id, {
      kind: 'walkthrough',
      title: walkthrough.title.en,
      start: (dataDir) =>
        startEmbeddedCluster(dataDir, id, {
          scenario: 'empty',
          manifests: [walkthrough.manifests(now)],
        }),
    });
    this.deps.store.walkthroughs.begin(id, now);
    const watch = await this.deps.live.get(id);
    if (watch === undefined) throw new Error(`the cluster of walkthrough ${id} vanished`);
    const run = new Run(walkthrough, watch, cluster.kubeconfigPath, this.deps);
    this.runs.set(id, run);
    run.follow();
    await watch.whenSynced(SYNC_TIMEOUT_MS);
    // Its cluster runs: a first look that fails only waits for the next change.
    await run.evaluate().catch((e: unknown) => {
      console.error(`drainboard: walkthrough ${id}: checks failed:`, e);
    });
    return this.view(id);
  }

  /** Finishes a walkthrough: its cluster stopped and removed, its ticks kept. */
  finish(id: string): Promise<WalkthroughRunView> {
    return this.serially(id, async () => {
      await this.removeCluster(id);
      this.deps.store.walkthroughs.finish(id, this.deps.clock.now());
      return this.view(id);
    });
  }

  /** A walkthrough's run as it is now (its checks run first while it runs). */
  async current(id: string): Promise<WalkthroughRunView> {
    await this.runs.get(id)?.evaluate();
    return this.view(id);
  }

  /** Every walkthrough's run. */
  all(): WalkthroughRunView[] {
    return this.deps.walkthroughs.map((w) => this.view(w.id));
  }

  private view(id: string): WalkthroughRunView {
    const run = this.deps.store.walkthroughs.get(id);
    const live = this.runs.get(id);
    let state: WalkthroughRunView['state'] = 'idle';
    if (run?.state === 'finished') state = 'finished';
    else if (run !== undefined) state = live !== undefined ? 'running' : 'interrupted';
    return {
      id,
      state,
      cluster: live !== undefined ? id : null,
      kubeconfigPath: live?.kubeconfigPath ?? null,
      startedAt: run?.startedAt ?? null,
      done: Object.fromEntries(run?.done ?? []),
    };
  }

  /** Stops following a walkthrough and removes its cluster (only an embedded one of ours). */
  private async removeCluster(id: string): Promise<void> {
    this.runs.get(id)?.stop();
    this.runs.delete(id);
    await this.deps.live.removeEmbedded(id);
  }

  /** Stops following every walkthrough (their clusters stop with the registry). */
  close(): void {
    for (const run of this.runs.values()) run.stop();
    this.runs.clear();
  }
}
