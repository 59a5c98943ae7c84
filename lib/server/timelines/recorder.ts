import 'server-only';

import type { ChangeEvent } from '@/lib/domain/changes';
import type { AttemptView } from '@/lib/domain/eviction-attempts';
import {
  goingSince,
  isGoing,
  isReplacementOf,
  podFacts,
  replacementFacts,
  whenOf,
  type Awaited,
  type FactMode,
  type KeyedFact,
} from '@/lib/domain/timeline-facts';
import type { EndpointView, PodView } from '@/lib/domain/views';

import type { Clock, TimerHandle } from '../k8s/clock';
import type { ClusterWatch } from '../live/cluster-watch';
import type { StoredTimeline, TimelineStore } from '../store/timeline-store';
import { summaryOf } from '@/lib/domain/timeline-summary';
import { timelineOf } from './timeline-of';

/** How long a deleted pod's timeline waits for its replacement before it is closed. */
const REPLACEMENT_WAIT_MS = 10 * 60_000;
/** A timeline whose pod never started to go is closed after this long without a fact. */
const IDLE_MS = 60 * 60_000;
/** How often old timelines are pruned and stale open ones closed. */
const SWEEP_MS = 60_000;
/** How long each wait for a cluster's first lists lasts before it is tried again. */
const SYNC_WAIT_MS = 30_000;

/** A timeline still in progress, as the recorder follows it. */
interface Open {
  readonly uid: string;
  readonly namespace: string;
  readonly pod: string;
  readonly node: string | null;
  readonly ownerUid: string | null;
  readonly ownerKind: string | null;
  /** Epoch ms of the last fact recorded. */
  touchedAt: number;
  /** RFC 3339: when the pod started to go, once known. */
  since: string | null;
  keys: Set<string>;
  replacement: string | null;
  /** EndpointSlice uid → name, for the slices the pod's endpoint has been seen in. */
  slices: Map<string, string>;
  deletedAt: number | null;
}

/** The recorder of one watched cluster. */
class ClusterRecorder {
  private readonly open = new Map<string, Open>();
  /**
   * Replacement pod uid → the timeline it completes (or completed): a pod replaces one pod only,
   * so it is kept after that timeline is done, until the replacement itself is deleted.
   */
  private readonly replacements = new Map<string, string>();
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(
    readonly watch: ClusterWatch,
    private readonly store: TimelineStore,
    private readonly clock: Clock,
  ) {
    for (const stored of store.open(watch.name)) this.follow(stored);
    const recent = store.list({ cluster: watch.name, limit: 200 }).reverse();
    for (const stored of recent) {
      this.publish(stored.uid);
      const replacement = stored.facts.find((f) => f.kind === 'replacement-created');
      if (replacement !== undefined && 'uid' in replacement) {
        this.replacements.set(replacement.uid, stored.uid);
      }
    }
  }

  /** Puts a timeline's summary as it is now into the model, so the stream carries it. */
  private publish(uid: string): void {
    const stored = this.store.get(this.watch.name, uid);
    if (stored === undefined) return;
    this.watch.model.applyTimeline(summaryOf(timelineOf(stored), this.clock.now()));
  }

  /** Waits for the first lists, catches up on what happened meanwhile, then follows live. */
  async start(): Promise<void> {
    while (!(await this.watch.whenSynced(SYNC_WAIT_MS))) {
      if (this.closed) return;
    }
    if (this.closed) return;
    this.catchUp();
    this.unsubscribe = this.watch.model.subscribe((e) => this.guard(() => this.onChange(e)));
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
  }

  /**
   * Runs a step of recording. A failure (the database) loses that fact, never the change feed
   * or the eviction that told us of it: model listeners and the attempt path must not throw.
   */
  private guard(step: () => void): void {
    try {
      step();
    } catch (e) {
      console.error(`drainboard: recording the timelines of ${this.watch.name} failed:`, e);
    }
  }

  /** An attempt of ours on a pod: the `requested` fact, updated once answered. */
  attempt(a: AttemptView): void {
    this.guard(() => this.recordAttempt(a));
  }

  private recordAttempt(a: AttemptView): void {
    if (a.options.dryRun) return;
    const now = this.clock.now();
    const pod = this.watch.model.pod(a.uid);
    if (!this.open.has(a.uid)) {
      this.store.ensure(
        {
          cluster: this.watch.name,
          uid: a.uid,
          namespace: a.namespace,
          pod: a.pod,
          node: pod?.nodeName ?? null,
          owner: pod?.owner ?? null,
          terminationGracePeriodSeconds: pod?.terminationGracePeriodSeconds ?? 30,
          startedAt: a.time,
        },
        now,
      );
      const stored = this.store.get(this.watch.name, a.uid);
      if (stored !== undefined) this.follow(stored);
    }
    this.store.put(
      this.watch.name,
      a.uid,
      `requested:${a.id}`,
      {
        kind: 'requested',
        time: a.time,
        source: 'observed',
        attemptId: a.id,
        action: a.action,
        outcome: a.outcome,
        message: a.message,
        clusterCode: a.clusterCode,
        retryId: a.retryId,
      },
      now,
    );
    this.publish(a.uid);
  }

  /** Closes deleted timelines whose replacement never came, after a while. */
  sweep(now: number): void {
    for (const t of [...this.open.values()]) {
      const waitedForReplacement = t.deletedAt !== null && now - t.deletedAt > REPLACEMENT_WAIT_MS;
      // A pod that never went: its eviction was given up.
      const givenUp = t.since === null && now - t.touchedAt > IDLE_MS;
      if (waitedForReplacement || givenUp) this.finish(t, now);
      else this.publish(t.uid);
    }
  }

  private follow(stored: StoredTimeline): Open {
    const keys = this.store.keys(stored.cluster, stored.uid);
    const replacement = stored.facts.find((f) => f.kind === 'replacement-created');
    const deleted = stored.facts.find((f) => f.kind === 'deleted');
    const going = stored.facts.find(
      (f) => f.kind === 'disruption-target' || f.kind === 'deletion-started',
    );
    const open: Open = {
      uid: stored.uid,
      namespace: stored.namespace,
      pod: stored.pod,
      node: stored.node,
      ownerUid: stored.owner?.uid ?? null,
      ownerKind: stored.owner?.kind ?? null,
      touchedAt: Date.parse(stored.updatedAt),
      since: going?.time ?? null,
      keys,
      replacement: replacement !== undefined && 'uid' in replacement ? replacement.uid : null,
      slices: new Map(),
      deletedAt: deleted !== undefined ? this.clock.now() : null,
    };
    this.open.set(stored.uid, open);
    if (open.replacement !== null) this.replacements.set(open.replacement, stored.uid);
    return open;
  }

  /** Everything the model shows now that the timelines do not have yet. */
  private catchUp(): void {
    const now = this.clock.now();
    const snap = this.watch.model.snapshot();
    for (const t of [...this.open.values()]) {
      const pod = this.watch.model.pod(t.uid);
      if (pod === undefined) this.deleted(t, 'catch-up', now);
      else this.record(t, podFacts(pod, 'catch-up', now), now, pod, 'catch-up');
    }
    for (const pod of snap.pods) {
      if (this.open.has(pod.uid) || !isGoing(pod)) continue;
      if (this.store.isDone(this.watch.name, pod.uid)) continue;
      this.begin(pod, 'catch-up', now);
    }
    for (const slice of snap.endpoints) this.endpoints(slice, 'catch-up', now);
    for (const pod of snap.pods) this.maybeReplacement(pod, 'catch-up', now);
  }

  private onChange(e: ChangeEvent): void {
    const now = this.clock.now();
    if (e.kind === 'upsert' && e.resource === 'pods') this.pod(e.view, now);
    else if (e.kind === 'delete' && e.resource === 'pods') {
      const t = this.open.get(e.uid);
      if (t !== undefined) this.deleted(t, 'live', now);
      // A replacement that is gone can no longer be taken for another's.
      this.replacements.delete(e.uid);
    } else if (e.kind === 'upsert' && e.resource === 'endpointslices') {
      this.endpoints(e.view, 'live', now);
    } else if (e.kind === 'delete' && e.resource === 'endpointslices') {
      for (const t of this.open.values()) {
        const name = t.slices.get(e.uid);
        if (name === undefined) continue;
        t.slices.delete(e.uid);
        this.record(t, [removed(name, null, 'live', now)], now);
      }
    }
  }

  private pod(view: PodView, now: number): void {
    const t = this.open.get(view.uid);
    if (t !== undefined) this.record(t, podFacts(view, 'live', now), now, view);
    else if (isGoing(view) && !this.store.isDone(this.watch.name, view.uid)) {
      this.begin(view, 'live', now);
    }
    this.maybeReplacement(view, 'live', now);
  }

  private begin(pod: PodView, mode: FactMode, now: number): void {
    this.store.ensure(
      {
        cluster: this.watch.name,
        uid: pod.uid,
        namespace: pod.namespace,
        pod: pod.name,
        node: pod.nodeName,
        owner: pod.owner,
        terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds,
        startedAt: goingSince(pod) ?? new Date(now).toISOString(),
      },
      now,
    );
    const stored = this.store.get(this.watch.name, pod.uid);
    if (stored === undefined) return;
    this.record(this.follow(stored), podFacts(pod, mode, now), now, pod, mode);
  }

  /** A pod that replaces an open timeline's pod: its facts go to that timeline. */
  private maybeReplacement(pod: PodView, mode: FactMode, now: number): void {
    const owner = this.replacements.get(pod.uid);
    if (owner !== undefined) {
      const t = this.open.get(owner);
      if (t !== undefined) this.record(t, replacementFacts(pod, mode, now), now);
      return;
    }
    if (pod.owner === null || isGoing(pod)) return;
    const waiting = [...this.open.values()]
      .filter((t) => t.replacement === null && t.ownerUid === pod.owner?.uid)
      .filter((t) => {
        const awaited = awaitedOf(t);
        return awaited !== null && isReplacementOf(pod, awaited);
      })
      .sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''));
    const [first] = waiting;
    if (first !== undefined) this.assign(first, pod, mode, now);
  }

  private findReplacement(t: Open, mode: FactMode, now: number): void {
    const awaited = awaitedOf(t);
    if (awaited === null) return;
    const candidates = [...this.watch.model.podViews()]
      .filter((p) => !this.replacements.has(p.uid) && isReplacementOf(p, awaited))
      .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
    const [first] = candidates;
    if (first !== undefined) this.assign(t, first, mode, now);
  }

  private assign(t: Open, pod: PodView, mode: FactMode, now: number): void {
    t.replacement = pod.uid;
    this.replacements.set(pod.uid, t.uid);
    this.record(t, replacementFacts(pod, mode, now), now);
  }

  /** The endpoint facts of the open timelines' pods in one EndpointSlice. */
  private endpoints(slice: EndpointView, mode: FactMode, now: number): void {
    for (const t of this.open.values()) {
      const member = slice.endpoints.find((m) => m.podUid === t.uid);
      if (member === undefined) {
        if (t.slices.delete(slice.uid)) {
          this.record(t, [removed(slice.name, slice.serviceName, mode, now)], now);
        }
        continue;
      }
      t.slices.set(slice.uid, slice.name);
      if (t.since === null || (member.isReady && !member.isTerminating)) continue;
      this.record(
        t,
        [
          {
            key: `endpoint-terminating:${slice.name}`,
            fact: {
              kind: 'endpoint-terminating',
              ...whenOf(null, mode, now),
              slice: slice.name,
              service: slice.serviceName,
              isServing: member.isServing,
            },
          },
        ],
        now,
      );
    }
  }

  private deleted(t: Open, mode: FactMode, now: number): void {
    this.record(
      t,
      [{ key: 'deleted', fact: { kind: 'deleted', ...whenOf(null, mode, now) } }],
      now,
    );
    t.deletedAt = now;
    this.maybeFinish(t, now);
  }

  /**
   * Records the facts not recorded yet. From `pod`, learns when it started to go: from then on
   * a pod of its controller created since is its replacement (one already there is found now).
   */
  private record(
    t: Open,
    facts: readonly KeyedFact[],
    now: number,
    pod?: PodView,
    mode: FactMode = 'live',
  ): void {
    let added = false;
    for (const { key, fact } of facts) {
      if (t.keys.has(key)) continue;
      t.keys.add(key);
      added = this.store.add(this.watch.name, t.uid, key, fact, now) || added;
    }
    if (added) {
      t.touchedAt = now;
      this.publish(t.uid);
    }
    if (pod !== undefined && t.since === null) {
      t.since = goingSince(pod);
      if (t.since !== null && t.replacement === null) this.findReplacement(t, mode, now);
    }
    this.maybeFinish(t, now);
  }

  /**
   * A timeline is complete once the pod is gone, out of every EndpointSlice, and its replacement
   * (if it has a controller) is Ready; {@link sweep} closes one whose replacement never comes.
   */
  private maybeFinish(t: Open, now: number): void {
    if (!this.open.has(t.uid) || !t.keys.has('deleted')) return;
    // The EndpointSlice controller removes the endpoint just after the pod: wait for it.
    if (t.slices.size > 0) return;
    if (t.ownerUid !== null && !t.keys.has('replacement-ready')) return;
    this.finish(t, now);
  }

  private finish(t: Open, now: number): void {
    this.open.delete(t.uid);
    // An endpoint whose removal never reached us: known to be gone, not when.
    for (const [uid, name] of t.slices) {
      t.slices.delete(uid);
      this.record(t, [removed(name, null, 'catch-up', now)], now);
    }
    this.store.finish(this.watch.name, t.uid, now);
    this.publish(t.uid);
  }
}

/** What the replacement of an open timeline's pod must match; null until the pod went. */
function awaitedOf(t: Open): Awaited | null {
  if (t.ownerUid === null || t.since === null) return null;
  return {
    ownerUid: t.ownerUid,
    since: t.since,
    ...(t.ownerKind === 'StatefulSet' ? { name: t.pod } : {}),
    ...(t.ownerKind === 'DaemonSet' && t.node !== null ? { node: t.node } : {}),
  };
}

/** The endpoint-removed fact of one slice. */
function removed(slice: string, service: string | null, mode: FactMode, now: number): KeyedFact {
  return {
    key: `endpoint-removed:${slice}`,
    fact: { kind: 'endpoint-removed', ...whenOf(null, mode, now), slice, service },
  };
}

/**
 * The termination timeline recorder (issue 7): for every watched cluster, the facts of each
 * pod that goes (evicted, preempted, deleted) from the live model and from our own attempts,
 * into SQLite, until the pod is gone and its replacement Ready. After a restart it catches up
 * from what the model shows, marking what it could not have seen as not observed. Timelines
 * last changed more than the retention ago are pruned.
 */
export class TimelineRecorder {
  private readonly clusters = new Map<string, ClusterRecorder>();
  private sweeper: TimerHandle | undefined;

  constructor(
    private readonly store: TimelineStore,
    private readonly clock: Clock,
    private readonly retentionMs: number,
  ) {}

  /**
   * Starts recording `watch`'s cluster (once per watch). A new watch of a known name (an
   * embedded cluster started again under it: a walkthrough reset) replaces the old one.
   */
  attach(watch: ClusterWatch): void {
    const known = this.clusters.get(watch.name);
    if (known?.watch === watch) return;
    known?.close();
    const recorder = new ClusterRecorder(watch, this.store, this.clock);
    this.clusters.set(watch.name, recorder);
    void recorder.start();
    this.sweeper ??= this.clock.setTimeout(() => this.sweep(), 0);
  }

  /** An attempt of ours, answered: its `requested` fact. */
  attempt(a: AttemptView): void {
    this.clusters.get(a.cluster)?.attempt(a);
  }

  close(): void {
    if (this.sweeper !== undefined) this.clock.clearTimeout(this.sweeper);
    for (const recorder of this.clusters.values()) recorder.close();
    this.clusters.clear();
  }

  private sweep(): void {
    const now = this.clock.now();
    this.store.prune(now - this.retentionMs);
    for (const recorder of this.clusters.values()) recorder.sweep(now);
    this.sweeper = this.clock.setTimeout(() => this.sweep(), SWEEP_MS);
  }
}
