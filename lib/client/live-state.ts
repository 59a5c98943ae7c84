import type { ChangeEvent, Resource, Snapshot, WatchStatus } from '@/lib/domain/changes';
import type { RetryView, StuckItem } from '@/lib/domain/retries';
import type { TimelineSummary } from '@/lib/domain/timeline-summary';
import type {
  BudgetView,
  EndpointView,
  EventView,
  NodeView,
  OwnerView,
  PodView,
} from '@/lib/domain/views';

import { indexByNode, PodsByNodeDraft, type PodsByNode } from './pods-by-node';

/** The view type each collection holds. */
interface Collections {
  pods: PodView;
  budgets: BudgetView;
  nodes: NodeView;
  /** ReplicaSets, Deployments, StatefulSets and DaemonSets (UIDs are unique across kinds). */
  owners: OwnerView;
  endpoints: EndpointView;
  /** Recent Events, in order of last change (oldest first), as the server keeps them. */
  events: EventView;
}
type Collection = keyof Collections;
type Maps = { readonly [C in Collection]: ReadonlyMap<string, Collections[C]> };

/**
 * The browser's copy of one cluster's model: views keyed by UID, one Map per collection.
 * A batch of changes copies only the Maps it touches, once, so an update of one pod among
 * 10,000 leaves every other collection (and every untouched view object) identical, which
 * is what lets memoised components skip their work.
 */
export interface LiveState extends Maps {
  /** Feed position of the last change applied. */
  readonly seq: number;
  /** The pods again, by node. */
  readonly podsByNode: PodsByNode;
  readonly watchStatus: Readonly<Record<Resource, WatchStatus>>;
  /** The retry queue's entries by id, in order of last change (oldest first), as the server keeps them. */
  readonly retries: ReadonlyMap<number, RetryView>;
  /** What the stuck monitor finds stuck now, as it last said. */
  readonly stuck: readonly StuckItem[];
  /** Termination timelines' summaries by pod UID, in order of last change (oldest first). */
  readonly timelines: ReadonlyMap<string, TimelineSummary>;
}

/**
 * How many finished retry entries the browser keeps besides every pending one. The server
 * keeps a bounded number too, but it never says when it drops one, so the browser bounds its
 * own copy the same way: the most recently changed finished entries win.
 */
export const MAX_FINISHED_RETRIES = 200;

/**
 * How many finished timelines the browser keeps besides every one in progress: as many as the
 * server's snapshot carries, the most recently changed winning, for the same reason as retries.
 */
export const MAX_FINISHED_TIMELINES = 200;

/** Where each watched resource's views live. */
const COLLECTION_OF: Record<Resource, Collection> = {
  pods: 'pods',
  budgets: 'budgets',
  nodes: 'nodes',
  endpointslices: 'endpoints',
  replicasets: 'owners',
  deployments: 'owners',
  statefulsets: 'owners',
  daemonsets: 'owners',
  events: 'events',
};

const byUid = <V extends { uid: string }>(views: readonly V[]) =>
  new Map(views.map((view) => [view.uid, view]));

/** The state a `snapshot` event describes, replacing whatever was held before. */
export function fromSnapshot(snapshot: Snapshot): LiveState {
  return {
    seq: snapshot.seq,
    pods: byUid(snapshot.pods),
    podsByNode: indexByNode(snapshot.pods),
    budgets: byUid(snapshot.budgets),
    nodes: byUid(snapshot.nodes),
    owners: byUid(snapshot.owners),
    endpoints: byUid(snapshot.endpoints),
    events: byUid(snapshot.events),
    watchStatus: snapshot.watchStatus,
    retries: new Map(snapshot.retries.map((entry) => [entry.id, entry])),
    stuck: snapshot.stuck,
    timelines: byUid(snapshot.timelines),
  };
}

/** The result of {@link applyChanges}. */
export type ApplyResult =
  | { readonly ok: true; readonly state: LiveState }
  /** A change was missed: `state` holds what was applied before it; resynchronise. */
  | {
      readonly ok: false;
      readonly state: LiveState;
      readonly expected: number;
      readonly got: number;
    };

/**
 * Drops from `map` (in order of last change, oldest first) the oldest values `isKept` does not
 * keep, until at most `max` of those are left.
 */
function dropOldest<K, V>(map: Map<K, V>, max: number, isKept: (value: V) => boolean): void {
  let extra = -max;
  for (const value of map.values()) if (!isKept(value)) extra++;
  for (const [key, value] of map) {
    if (extra <= 0) break;
    if (isKept(value)) continue;
    map.delete(key);
    extra--;
  }
}

/** Copy-on-write Maps for one batch: each collection is copied at most once. */
class Drafts {
  /** The copy under key C always holds `Collections[C]`; TypeScript cannot say so per key. */
  private readonly copies = new Map<Collection, Map<string, unknown>>();
  private readonly maps: Maps;
  readonly podsByNode: PodsByNodeDraft;
  watchStatus: Record<Resource, WatchStatus> | undefined;
  stuck: readonly StuckItem[] | undefined;
  private retries: Map<number, RetryView> | undefined;
  private timelines: Map<string, TimelineSummary> | undefined;

  constructor(private readonly base: LiveState) {
    this.maps = base;
    this.podsByNode = new PodsByNodeDraft(base.podsByNode);
  }

  /** Adds or replaces a pod, in both of its indexes. */
  putPod(pod: PodView): void {
    const previous = this.current('pods').get(pod.uid);
    if (previous !== undefined) this.podsByNode.remove(previous);
    this.podsByNode.add(pod);
    this.writable('pods').set(pod.uid, pod);
  }

  deletePod(uid: string): void {
    const previous = this.current('pods').get(uid);
    if (previous === undefined) return;
    this.podsByNode.remove(previous);
    this.writable('pods').delete(uid);
  }

  /** Adds or replaces a retry entry, moving it to the end (the server's order of last change). */
  putRetry(entry: RetryView): void {
    this.retries ??= new Map(this.base.retries);
    this.retries.delete(entry.id);
    this.retries.set(entry.id, entry);
  }

  /** Adds or replaces a timeline's summary, moving it to the end (order of last change). */
  putTimeline(summary: TimelineSummary): void {
    this.timelines ??= new Map(this.base.timelines);
    this.timelines.delete(summary.uid);
    this.timelines.set(summary.uid, summary);
  }

  /** The timelines, with the finished ones beyond {@link MAX_FINISHED_TIMELINES} dropped. */
  private finishTimelines(): ReadonlyMap<string, TimelineSummary> {
    const timelines = this.timelines;
    if (timelines === undefined) return this.base.timelines;
    dropOldest(timelines, MAX_FINISHED_TIMELINES, (t) => t.inProgress);
    return timelines;
  }

  /** The retry entries, with the finished ones beyond {@link MAX_FINISHED_RETRIES} dropped. */
  private finishRetries(): ReadonlyMap<number, RetryView> {
    const retries = this.retries;
    if (retries === undefined) return this.base.retries;
    dropOldest(retries, MAX_FINISHED_RETRIES, (entry) => entry.state === 'pending');
    return retries;
  }

  /** The collection as the batch has it so far, without copying it. */
  current<C extends Collection>(collection: C): ReadonlyMap<string, Collections[C]> {
    const copy = this.copies.get(collection) as Map<string, Collections[C]> | undefined;
    return copy ?? this.maps[collection];
  }

  /** The collection's copy for this batch, to write to. */
  writable<C extends Collection>(collection: C): Map<string, Collections[C]> {
    let copy = this.copies.get(collection) as Map<string, Collections[C]> | undefined;
    if (copy === undefined) {
      copy = new Map(this.maps[collection]);
      this.copies.set(collection, copy);
    }
    return copy;
  }

  finish(seq: number): LiveState {
    return {
      seq,
      pods: this.current('pods'),
      podsByNode: this.podsByNode.finish(),
      budgets: this.current('budgets'),
      nodes: this.current('nodes'),
      owners: this.current('owners'),
      endpoints: this.current('endpoints'),
      events: this.current('events'),
      watchStatus: this.watchStatus ?? this.base.watchStatus,
      retries: this.finishRetries(),
      stuck: this.stuck ?? this.base.stuck,
      timelines: this.finishTimelines(),
    };
  }
}

function applyOne(drafts: Drafts, base: LiveState, change: ChangeEvent): void {
  switch (change.kind) {
    case 'upsert': {
      if (change.resource === 'pods') return drafts.putPod(change.view);
      const map = drafts.writable(COLLECTION_OF[change.resource]);
      // Events keep the server's order of last change, so a changed one moves to the end.
      if (change.resource === 'events') map.delete(change.view.uid);
      map.set(change.view.uid, change.view);
      return;
    }
    case 'delete': {
      if (change.resource === 'pods') return drafts.deletePod(change.uid);
      const collection = COLLECTION_OF[change.resource];
      if (drafts.current(collection).has(change.uid))
        drafts.writable(collection).delete(change.uid);
      return;
    }
    case 'watch-status': {
      drafts.watchStatus ??= { ...base.watchStatus };
      drafts.watchStatus[change.resource] = { state: change.state, message: change.message };
      return;
    }
    case 'retry':
      return drafts.putRetry(change.entry);
    case 'stuck': {
      drafts.stuck = change.items;
      return;
    }
    case 'timeline':
      return drafts.putTimeline(change.summary);
    default: {
      const unknown: never = change;
      throw new Error(`unknown change ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Applies a batch of feed changes, in order, as one new state. Changes at or before
 * `state.seq` were already applied (a replay after reconnecting may repeat them) and are
 * skipped. The feed numbers changes one by one, so a jump means one was missed: the result
 * then says so and carries the state up to the gap, and the caller asks for a snapshot.
 */
export function applyChanges(state: LiveState, changes: readonly ChangeEvent[]): ApplyResult {
  const drafts = new Drafts(state);
  let seq = state.seq;
  for (const change of changes) {
    if (change.seq <= seq) continue;
    if (change.seq !== seq + 1) {
      return { ok: false, state: drafts.finish(seq), expected: seq + 1, got: change.seq };
    }
    applyOne(drafts, state, change);
    seq = change.seq;
  }
  return { ok: true, state: seq === state.seq ? state : drafts.finish(seq) };
}
