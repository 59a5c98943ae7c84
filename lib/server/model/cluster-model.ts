import 'server-only';

import type { KubernetesObject } from '@kubernetes/client-node';

import {
  OwnerResourceSchema,
  ResourceSchema,
  type ChangeEvent,
  type Resource,
  type Snapshot,
  type WatchState,
  type WatchStatus,
} from '@/lib/domain/changes';
import type { RetryView, StuckItem } from '@/lib/domain/retries';
import type { TimelineSummary } from '@/lib/domain/timeline-summary';
import type { BudgetView, EventView, NodeView, PodView } from '@/lib/domain/views';

import type { ReflectorEvent } from '../k8s/reflector';
import { ChangeLog } from './change-log';
import { NodePodIndex } from './node-pods';
import { toView, type AnyView, type ViewOf, type WireOf } from './resources';

/** Receives every change, in feed order, synchronously; it must not throw. */
export type ChangeListener = (event: ChangeEvent) => void;

/** A change before it is given its place in the feed. */
type WithoutSeq<E> = E extends ChangeEvent ? Omit<E, 'seq'> : never;
type Change = WithoutSeq<ChangeEvent>;

/** Views are built field by field in a fixed order, so equal views serialize equally. */
const sameView = (a: AnyView, b: AnyView) => JSON.stringify(a) === JSON.stringify(b);

/** Newest last; an event without a time sorts first. */
const byLastSeen = (a: EventView, b: EventView) =>
  (a.lastSeen ?? '').localeCompare(b.lastSeen ?? '');

/** Tuning for a {@link ClusterModel}. */
export interface ClusterModelOptions {
  /** How many recent changes {@link ClusterModel.since} can replay (default 1000). */
  historySize?: number;
  /** How many of the most recent Events the model keeps (default 300). */
  maxEvents?: number;
  /** How many finished retry entries the model keeps besides every pending one (default 200). */
  maxFinishedRetries?: number;
  /** How many finished timelines the model keeps besides every one in progress (default 200). */
  maxFinishedTimelines?: number;
  /**
   * The feed position of the empty model. Default: the start time in microseconds, so every
   * process starts its feed past any seq an earlier process handed out, and a browser's
   * Last-Event-ID from before a restart gets a fresh snapshot instead of foreign events.
   */
  firstSeq?: number;
}

/**
 * The live model of one cluster: compact views keyed by UID per resource, fed by the
 * reflectors, with an ordered change feed. Only real changes reach the feed: a relist or
 * update that leaves a view as it was emits nothing. Identity is the UID, so a pod recreated
 * under the same name is a delete and an upsert, never an update.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#uids
 */
export class ClusterModel {
  private readonly views = new Map<Resource, Map<string, AnyView>>(
    ResourceSchema.options.map((r) => [r, new Map()]),
  );
  private readonly watchStatus = Object.fromEntries(
    ResourceSchema.options.map((r) => [r, { state: 'syncing', message: null }]),
  ) as Record<Resource, WatchStatus>;
  private readonly nodePods = new NodePodIndex();
  private readonly listeners = new Set<ChangeListener>();
  /** Changes made while listeners are being told of an earlier one, in feed order. */
  private readonly undelivered: ChangeEvent[] = [];
  private delivering = false;
  private readonly log: ChangeLog;
  private readonly maxEvents: number;
  private readonly maxFinishedRetries: number;
  /** By id, in order of last change. */
  private readonly retries = new Map<number, RetryView>();
  private stuckItems: readonly StuckItem[] = [];
  /** Timeline summaries by pod UID, in order of last change. */
  private readonly timelines = new Map<string, TimelineSummary>();
  private readonly maxFinishedTimelines: number;
  private seq: number;

  constructor(options: ClusterModelOptions = {}) {
    this.seq = options.firstSeq ?? Date.now() * 1000;
    this.log = new ChangeLog(options.historySize ?? 1000);
    this.maxEvents = options.maxEvents ?? 300;
    this.maxFinishedRetries = options.maxFinishedRetries ?? 200;
    this.maxFinishedTimelines = options.maxFinishedTimelines ?? 200;
  }

  /** Feeds one reflector event of `resource` into the model. */
  apply<R extends Resource>(resource: R, event: ReflectorEvent<KubernetesObject & WireOf[R]>) {
    switch (event.type) {
      case 'synced':
        return this.applySynced(resource, event.items);
      case 'upsert':
        return this.applyUpsert(resource, event.object);
      case 'delete':
        return this.applyDelete(resource, event.object.metadata.uid);
      case 'status':
        return this.applyStatus(resource, event.state, event.error?.message ?? null);
      default: {
        const unknown: never = event;
        throw new Error(`unknown reflector event ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Replaces the whole set of `resource` after a (re)list, emitting only the differences. */
  applySynced<R extends Resource>(resource: R, items: readonly WireOf[R][]): void {
    let views: AnyView[] = items.map((item) => toView(resource, item));
    if (resource === 'events')
      views = (views as EventView[]).sort(byLastSeen).slice(-this.maxEvents);
    const next = new Map<string, AnyView>(views.map((view) => [view.uid, view]));
    const touched = new Set<string>();
    for (const uid of [...this.store(resource).keys()]) {
      if (!next.has(uid)) this.remove(resource, uid, touched);
    }
    for (const view of next.values()) this.put(resource, view, touched);
    this.refreshNodes(touched);
  }

  /** Adds or updates one object of `resource`. */
  applyUpsert<R extends Resource>(resource: R, object: WireOf[R]): void {
    const touched = new Set<string>();
    this.put(resource, toView(resource, object), touched);
    this.refreshNodes(touched);
  }

  /** Removes the object of `resource` with this UID, if the model has it. */
  applyDelete(resource: Resource, uid: string): void {
    const touched = new Set<string>();
    this.remove(resource, uid, touched);
    this.refreshNodes(touched);
  }

  /** Records the state of the watch of `resource` and why; emits only when either changed. */
  applyStatus(resource: Resource, state: WatchState, message: string | null = null): void {
    const current = this.watchStatus[resource];
    if (current.state === state && current.message === message) return;
    this.watchStatus[resource] = { state, message };
    this.emit({ kind: 'watch-status', resource, state, message });
  }

  /**
   * Records a retry queue entry as it is now and emits it if it changed. Every pending entry is
   * kept; of the finished ones, the most recently changed `maxFinishedRetries`.
   */
  applyRetry(view: RetryView): void {
    const previous = this.retries.get(view.id);
    if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(view)) return;
    this.retries.delete(view.id);
    this.retries.set(view.id, view);
    this.emit({ kind: 'retry', entry: view });
    const finished = [...this.retries.values()].filter((r) => r.state !== 'pending');
    for (const old of finished.slice(0, Math.max(finished.length - this.maxFinishedRetries, 0)))
      this.retries.delete(old.id);
  }

  /**
   * Records a timeline's summary as it is now and emits it if it changed. Every timeline in
   * progress is kept; of the others, the most recently changed `maxFinishedTimelines`.
   */
  applyTimeline(summary: TimelineSummary): void {
    const previous = this.timelines.get(summary.uid);
    if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(summary)) return;
    this.timelines.delete(summary.uid);
    this.timelines.set(summary.uid, summary);
    this.emit({ kind: 'timeline', summary });
    const finished = [...this.timelines.values()].filter((t) => !t.inProgress);
    for (const old of finished.slice(0, Math.max(finished.length - this.maxFinishedTimelines, 0)))
      this.timelines.delete(old.uid);
  }

  /** The timeline summaries held, in order of last change. */
  timelineSummaries(): TimelineSummary[] {
    return [...this.timelines.values()];
  }

  /** Records what the stuck monitor finds stuck now; emits only when the list changed. */
  applyStuck(items: readonly StuckItem[]): void {
    if (JSON.stringify(items) === JSON.stringify(this.stuckItems)) return;
    this.stuckItems = items;
    this.emit({ kind: 'stuck', items: [...items] });
  }

  /** Every pod view held, without copying the collection. */
  podViews(): IterableIterator<PodView> {
    return this.store('pods').values() as IterableIterator<PodView>;
  }

  /** The pod with this UID, if the model holds it. */
  pod(uid: string): PodView | undefined {
    return this.store('pods').get(uid) as PodView | undefined;
  }

  /** The budget `namespace`/`name`, if the model holds it. */
  budgetNamed(namespace: string, name: string): BudgetView | undefined {
    for (const view of this.store('budgets').values()) {
      const budget = view as BudgetView;
      if (budget.namespace === namespace && budget.name === name) return budget;
    }
    return undefined;
  }

  /** The retry entries held, in order of last change; views are shared: do not mutate. */
  retryViews(): RetryView[] {
    return [...this.retries.values()];
  }

  /** The stuck items, as last recorded. */
  stuck(): readonly StuckItem[] {
    return this.stuckItems;
  }

  /** The state of every watch, without building a snapshot. */
  watchStatuses(): Record<Resource, WatchStatus> {
    return { ...this.watchStatus };
  }

  /** Everything the model holds, at feed position `seq`. Views are shared: do not mutate. */
  snapshot(): Snapshot {
    return {
      seq: this.seq,
      pods: this.list('pods'),
      budgets: this.list('budgets'),
      nodes: this.list('nodes'),
      owners: OwnerResourceSchema.options.flatMap((r) => this.list(r)),
      endpoints: this.list('endpointslices'),
      events: this.list('events'),
      watchStatus: this.watchStatuses(),
      retries: this.retryViews(),
      stuck: [...this.stuckItems],
      timelines: this.timelineSummaries(),
    };
  }

  /**
   * The changes after `seq`, oldest first; undefined when they are no longer held (or `seq`
   * is not of this feed), in which case the caller starts again from {@link snapshot}.
   */
  since(seq: number): ChangeEvent[] | undefined {
    return this.log.since(seq, this.seq);
  }

  /** Calls `listener` with every later change; returns the function that stops it. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private store(resource: Resource): Map<string, AnyView> {
    const store = this.views.get(resource);
    if (store === undefined) throw new Error(`unknown resource ${resource}`);
    return store;
  }

  private list<R extends Resource>(resource: R): ViewOf[R][] {
    return [...this.store(resource).values()] as ViewOf[R][];
  }

  /** Stores a view and emits it if it differs from what was held; notes touched nodes. */
  private put(resource: Resource, view: AnyView, touched: Set<string>): void {
    const store = this.store(resource);
    const previous = store.get(view.uid);
    if (resource === 'nodes') view = this.withPodCounts(view as NodeView);
    if (previous !== undefined && sameView(previous, view)) return;
    if (resource === 'events') store.delete(view.uid); // keep the Map in order of last change
    store.set(view.uid, view);
    if (resource === 'pods') {
      const nodes = this.nodePods.set(view as PodView, previous as PodView | undefined);
      for (const node of nodes) touched.add(node);
    }
    this.emit({ kind: 'upsert', resource, view } as Change);
    if (resource === 'events' && store.size > this.maxEvents) {
      const oldest = store.keys().next().value;
      if (oldest !== undefined) this.remove(resource, oldest, touched);
    }
  }

  private remove(resource: Resource, uid: string, touched: Set<string>): void {
    const store = this.store(resource);
    const previous = store.get(uid);
    if (previous === undefined) return;
    store.delete(uid);
    if (resource === 'pods') {
      for (const node of this.nodePods.remove(previous as PodView)) touched.add(node);
    }
    this.emit({ kind: 'delete', resource, uid });
  }

  private withPodCounts(node: NodeView): NodeView {
    return { ...node, pods: this.nodePods.counts(node.name) };
  }

  /** Re-counts the pods of the named nodes and emits the nodes whose counts changed. */
  private refreshNodes(names: Set<string>): void {
    if (names.size === 0) return;
    const nodes = this.store('nodes');
    for (const node of [...nodes.values()] as NodeView[]) {
      if (!names.has(node.name)) continue;
      const updated = this.withPodCounts(node);
      if (sameView(node, updated)) continue;
      nodes.set(node.uid, updated);
      this.emit({ kind: 'upsert', resource: 'nodes', view: updated });
    }
  }

  /**
   * Gives a change its place in the feed and hands it to every listener. A change made by a
   * listener while it is being told of another (the timeline recorder publishing a summary) is
   * delivered once every listener has had the current one, so that all see the feed in order.
   */
  private emit(change: Change): void {
    const event = { ...change, seq: ++this.seq } as ChangeEvent;
    this.log.push(event);
    this.undelivered.push(event);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.undelivered.shift(); next; next = this.undelivered.shift()) {
        for (const listener of this.listeners) listener(next);
      }
    } finally {
      this.delivering = false;
    }
  }
}
