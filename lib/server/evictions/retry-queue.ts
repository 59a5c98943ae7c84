import 'server-only';

import { forecastEviction } from '@/lib/domain/eviction-forecast';
import { isStaleBudgetCause } from '@/lib/domain/eviction-outcome';
import type { RetryView } from '@/lib/domain/retries';
import {
  backoffMs,
  expireIfDue,
  planWakes,
  answeredInFlight,
  type BudgetSide,
  type RetryState,
  type Waiter,
} from '@/lib/domain/retry-policy';
import type { BudgetView, PodView } from '@/lib/domain/views';

import type { Clock, TimerHandle } from '../k8s/clock';
import type { ClusterWatch } from '../live/cluster-watch';
import type { RetryRecord } from '../store/retry-store';
import { recordAttempt, type AttemptDeps } from './attempt';
import { evictionAttempt } from './evict';

/** What the queue works with; injected, so tests use a real cluster, store and a manual clock. */
export interface RetryQueueDeps {
  attempt: AttemptDeps;
  /** The live watch of a cluster; undefined for a cluster the kubeconfig no longer has. */
  watchOf: (cluster: string) => Promise<ClusterWatch | undefined>;
  clock: Clock;
  random: () => number;
  /** At most this many eviction requests per second per cluster (a token bucket). */
  evictionsPerSecond: number;
}

/** How long an accepted eviction counts against its budget if the live model never shows it. */
const DEBIT_TIMEOUT_MS = 10_000;
/** The longest delay a Node.js timer takes (2^31 − 1 ms). */
const MAX_TIMER_MS = 2_147_483_647;
/** How long to wait before trying again to watch a cluster that could not be had. */
const UNAVAILABLE_RETRY_MS = 30_000;
/** How long each wait for the first sync of a cluster's watch lasts before it is tried again. */
const SYNC_WAIT_MS = 30_000;

/** Why an entry ends without an attempt, found on the live model. */
function settledByModel(
  pod: PodView | undefined,
  wasInFlight: boolean,
): { state: Exclude<RetryState, 'pending'>; reason: string } | null {
  if (pod === undefined) {
    return {
      state: 'gone',
      reason: wasInFlight
        ? 'The pod is gone; the attempt in flight when Drainboard stopped may have evicted it.'
        : 'The pod is gone: it was deleted before the next attempt.',
    };
  }
  if (pod.deletionTimestamp === null) return null;
  const byEviction = pod.conditions.some(
    (c) =>
      c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'EvictionByEvictionAPI',
  );
  if (wasInFlight && byEviction) {
    return {
      state: 'evicted',
      reason: 'Accepted by the attempt in flight when Drainboard stopped: the pod is terminating.',
    };
  }
  return {
    state: 'gone',
    reason: byEviction
      ? 'The pod was evicted by another client and is terminating.'
      : 'The pod is being deleted by another client.',
  };
}

/** An attempt in flight: its budget key and pod, and whether the live budget already shows it. */
interface InFlight {
  key: string;
  pod: string;
  shown: boolean;
}

/** The retry entries of one cluster, woken by its live budgets and by their timers. */
class ClusterQueue {
  private watch: ClusterWatch | undefined;
  private release: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private ready = false;
  private starting: Promise<void> | undefined;
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;
  private evaluating = false;
  private again = false;
  private closed = false;
  /** Entries with a request in flight in this process, with their budget key. */
  private readonly inFlight = new Map<number, InFlight>();
  /** Accepted evictions per budget key, until the live budget shows a newer status. */
  private readonly debits = new Map<string, { pod: string; at: number }[]>();
  /** Entries the operator asked to retry now: attempted at once, whatever their place in line. */
  private readonly forced = new Set<number>();
  /** The pods of the pending entries, whose changes are worth an evaluation. */
  private pendingUids = new Set<string>();
  private scheduled = false;
  /** The attempts running, so a close can wait for their answers to be recorded. */
  private readonly running = new Set<Promise<void>>();
  private tokens: number;
  private tokensAt: number;

  constructor(
    readonly cluster: string,
    private readonly deps: RetryQueueDeps,
  ) {
    this.tokens = Math.max(1, deps.evictionsPerSecond);
    this.tokensAt = deps.clock.now();
  }

  /** Starts watching (once) and evaluates the entries. */
  poke(): void {
    if (this.closed) return;
    if (!this.ready) {
      this.starting ??= this.start().finally(() => {
        this.starting = undefined;
      });
      return;
    }
    this.evaluate();
  }

  /**
   * Every entry's view into the model, so the stream has them; for a watch created later too.
   * A new watch of this cluster (an embedded cluster started again under its name) replaces the
   * one the queue follows.
   */
  seed(watch: ClusterWatch): void {
    const views = this.deps.attempt.store.retries.list(this.cluster, 200).reverse();
    for (const view of views) watch.model.applyRetry(view);
    if (this.watch === undefined || this.watch === watch) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.release?.();
    this.release = undefined;
    this.watch = undefined;
    this.ready = false;
    if (this.pendingHere().length > 0) this.poke();
  }

  /** Publishes entry `id` as it is now on the stream. */
  publish(id: number): RetryView | undefined {
    const view = this.deps.attempt.store.retries.view(id);
    if (view !== undefined) this.watch?.model.applyRetry(view);
    return view;
  }

  /** Stops waking entries; resolves once the attempts in flight are recorded. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.unsubscribe?.();
    this.release?.();
    this.release = undefined;
    await Promise.all(this.running);
  }

  private pendingHere(): RetryRecord[] {
    return this.deps.attempt.store.retries.pending().filter((r) => r.cluster === this.cluster);
  }

  private async start(): Promise<void> {
    const watch = await this.deps.watchOf(this.cluster).catch(() => null);
    if (this.closed) return;
    if (watch === null) {
      this.wakeAt(this.deps.clock.now() + UNAVAILABLE_RETRY_MS);
      return;
    }
    if (watch === undefined) {
      const now = this.deps.clock.now();
      for (const entry of this.pendingHere()) {
        this.deps.attempt.store.retries.end(
          entry.id,
          'failed',
          `The cluster ${JSON.stringify(this.cluster)} is no longer in the kubeconfig.`,
          now,
        );
      }
      return;
    }
    this.watch = watch;
    this.release ??= watch.acquire();
    this.seed(watch);
    while (!(await watch.whenSynced(SYNC_WAIT_MS))) {
      if (this.closed) return;
    }
    if (this.closed) return;
    this.reconcileInterrupted(watch);
    this.unsubscribe = watch.model.subscribe((e) => {
      if (e.kind === 'upsert' && e.resource === 'budgets') this.budgetShown(e.view);
      const relevant =
        e.kind === 'watch-status' ||
        (e.kind === 'upsert' && e.resource === 'budgets') ||
        (e.kind === 'upsert' && e.resource === 'pods' && this.pendingUids.has(e.view.uid)) ||
        (e.kind === 'delete' && (e.resource === 'budgets' || this.pendingUids.has(e.uid)));
      if (relevant) this.soon();
    });
    this.ready = true;
    this.evaluate();
  }

  /**
   * Entries whose attempt was in flight when the process died: the answer is lost, so the live
   * model (freshly listed, so later than that attempt) decides. A pod that is terminating or
   * gone is never evicted again; one that is not was not evicted, and is retried as usual.
   */
  private reconcileInterrupted(watch: ClusterWatch): void {
    const now = this.deps.clock.now();
    const retries = this.deps.attempt.store.retries;
    for (const entry of this.pendingHere()) {
      if (entry.inFlightAttempt === null) continue;
      const settled = settledByModel(watch.model.pod(entry.uid), true);
      if (settled === null) retries.clearInFlight(entry.id, now);
      else retries.end(entry.id, settled.state, settled.reason, now);
      this.publish(entry.id);
    }
  }

  /**
   * A budget's new status lists its disrupted pods: an accepted eviction it lists is counted
   * there from now on, so it no longer counts as a debit (nor, once answered, becomes one).
   */
  private budgetShown(budget: BudgetView): void {
    const key = `${budget.namespace}/${budget.name}`;
    const listed = (pod: string) => budget.disruptedPods[pod] !== undefined;
    for (const flight of this.inFlight.values()) {
      if (flight.key === key && listed(flight.pod)) flight.shown = true;
    }
    const debits = this.debits.get(key)?.filter((d) => !listed(d.pod));
    if (debits === undefined) return;
    if (debits.length > 0) this.debits.set(key, debits);
    else this.debits.delete(key);
  }

  /**
   * The live model already knows a probe's answer: its watches are synced, the pod is Ready and
   * its budget's status is fresh with 0 allowed, which the API server answers with 429.
   */
  private knownBlocked(watch: ClusterWatch, entry: Waiter & RetryRecord): boolean {
    const { budgets, pods } = watch.model.watchStatuses();
    if (budgets.state !== 'synced' || pods.state !== 'synced') return false;
    const pod = watch.model.pod(entry.uid);
    const budget = this.budgetOf(watch, entry.budgetKey);
    if (pod === undefined || budget === undefined) return false;
    return forecastEviction(pod, [budget]).kind === 'blocked';
  }

  /** Evaluates once after the changes of this turn of the event loop. */
  private soon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.evaluate();
    });
  }

  /** Attempts entry `id` at the next evaluation, whatever its place in line (not if in flight). */
  force(id: number): void {
    if (!this.inFlight.has(id)) this.forced.add(id);
  }

  /** Evaluates now, or once more after the evaluation running now. */
  private evaluate(): void {
    if (!this.ready || this.closed) return;
    if (this.evaluating) {
      this.again = true;
      return;
    }
    this.evaluating = true;
    try {
      do {
        this.again = false;
        this.evaluateOnce();
      } while (this.again);
    } finally {
      this.evaluating = false;
    }
  }

  private evaluateOnce(): void {
    const watch = this.watch;
    if (watch === undefined) return;
    const now = this.deps.clock.now();
    const retries = this.deps.attempt.store.retries;
    const pending: RetryRecord[] = [];
    for (const entry of this.pendingHere()) {
      if (expireIfDue(entry, now).state === 'expired' && !this.inFlight.has(entry.id)) {
        retries.end(
          entry.id,
          'expired',
          'The deadline passed before the eviction was accepted.',
          now,
        );
        this.publish(entry.id);
      } else pending.push(entry);
    }
    if (pending.length === 0) return this.idle();
    this.pendingUids = new Set(pending.map((e) => e.uid));
    this.pruneDebits(now);
    for (const id of this.forced) if (!pending.some((e) => e.id === id)) this.forced.delete(id);
    const waiters: (RetryRecord & Waiter)[] = pending
      .filter((e) => !this.inFlight.has(e.id))
      .map((e) => ({ ...e, budgetKey: this.budgetKeyOf(watch, e) }));
    const forced = waiters.filter((w) => this.forced.has(w.id));
    const plan = planWakes(
      waiters.filter((w) => !this.forced.has(w.id)),
      (key) => this.side(watch, key),
      now,
    );
    const wakes = [...forced.map((entry) => ({ entry, reason: 'now' as const })), ...plan.wakes];
    for (const { entry, reason } of wakes) {
      if (reason === 'backoff' && this.knownBlocked(watch, entry)) {
        // A probe would only draw a 429: look again on the next backoff, sending nothing.
        const next = now + backoffMs(entry.attempts + 1, this.deps.random);
        this.deps.attempt.store.retries.reschedule(entry.id, Math.min(next, entry.deadline), now);
        this.publish(entry.id);
        this.again = true;
        continue;
      }
      if (!this.takeToken(now)) {
        this.wakeAt(now + 1000 / this.deps.evictionsPerSecond);
        return;
      }
      this.forced.delete(entry.id);
      const running = this.attempt(watch, entry);
      this.running.add(running);
      void running.finally(() => this.running.delete(running));
    }
    const debits = [...this.debits.values()].flat().map((d) => d.at + DEBIT_TIMEOUT_MS);
    this.wakeAt(Math.min(plan.nextAt, ...debits.filter((at) => at > now)));
  }

  /** The budget an entry waits on, if the live model has it; else a key of its own. */
  private budgetKeyOf(watch: ClusterWatch, entry: RetryRecord): string {
    if (entry.budget !== null && watch.model.budgetNamed(entry.namespace, entry.budget)) {
      return `${entry.namespace}/${entry.budget}`;
    }
    return `#${entry.id}`;
  }

  private budgetOf(watch: ClusterWatch, key: string) {
    const slash = key.indexOf('/');
    return slash < 0
      ? undefined
      : watch.model.budgetNamed(key.slice(0, slash), key.slice(slash + 1));
  }

  /** Forgets the accepted evictions older than {@link DEBIT_TIMEOUT_MS} the budget never showed. */
  private pruneDebits(now: number): void {
    for (const [key, list] of this.debits) {
      const kept = list.filter((d) => now < d.at + DEBIT_TIMEOUT_MS);
      if (kept.length > 0) this.debits.set(key, kept);
      else this.debits.delete(key);
    }
  }

  private side(watch: ClusterWatch, key: string): BudgetSide {
    const flying = [...this.inFlight.values()].filter((f) => f.key === key).length;
    const debits = this.debits.get(key)?.length ?? 0;
    return { budget: this.budgetOf(watch, key), busy: flying + debits };
  }

  private takeToken(now: number): boolean {
    const rate = this.deps.evictionsPerSecond;
    // At least one request fits, so a rate below 1/s still sends (one every 1/rate s).
    const capacity = Math.max(1, rate);
    this.tokens = Math.min(capacity, this.tokens + ((now - this.tokensAt) / 1000) * rate);
    this.tokensAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** One attempt for `entry`: unless the live model already settles it, an Eviction. */
  private async attempt(watch: ClusterWatch, entry: RetryRecord & Waiter): Promise<void> {
    const { attempt: deps, clock, random } = this.deps;
    const synced = watch.model.watchStatuses().pods.state === 'synced';
    const settled = synced ? settledByModel(watch.model.pod(entry.uid), false) : null;
    if (settled !== null) {
      deps.store.retries.end(entry.id, settled.state, settled.reason, clock.now());
      this.publish(entry.id);
      return this.evaluate();
    }
    const flight: InFlight = { key: entry.budgetKey, pod: entry.pod, shown: false };
    this.inFlight.set(entry.id, flight);
    const { cluster } = this;
    const { namespace, pod, uid, gracePeriodSeconds } = entry;
    const options = { dryRun: false, gracePeriodSeconds, retry: true };
    let accepted = false;
    try {
      const answer = await recordAttempt(
        deps,
        evictionAttempt({ cluster, namespace, pod, uid }, options),
        {
          id: entry.id,
          settle: (retries, { result, budget, now }) => {
            const current = retries.get(entry.id) ?? entry;
            const answer = { ...result, stale: isStaleBudgetCause(result.cause) };
            retries.settle(answeredInFlight(current, answer, { now, random }), budget, now);
            return entry.id;
          },
        },
      );
      accepted = answer.outcome === 'evicted';
    } finally {
      this.inFlight.delete(entry.id);
      if (accepted && !flight.shown) {
        const debits = this.debits.get(entry.budgetKey) ?? [];
        debits.push({ pod: entry.pod, at: clock.now() });
        this.debits.set(entry.budgetKey, debits);
      }
      this.publish(entry.id);
      this.evaluate();
    }
  }

  /** Sets the one timer to `at` unless an earlier one is set. */
  private wakeAt(at: number): void {
    if (!Number.isFinite(at) || this.closed) return;
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.poke();
      },
      // A timer fires at most ~24.8 days ahead; one that fires early only evaluates again.
      Math.min(Math.max(at - this.deps.clock.now(), 0), MAX_TIMER_MS),
    );
  }

  /** Nothing pending: the watch may stop after its linger. */
  private idle(): void {
    if (this.inFlight.size > 0) return;
    this.release?.();
    this.release = undefined;
  }

  /** New entries hold the watch again. */
  hold(): void {
    if (this.watch !== undefined) this.release ??= this.watch.acquire();
  }
}

/**
 * The durable retry queue (issue 6): every pending entry in SQLite, woken the moment the live
 * model shows its budget has room and otherwise on its backoff timer, at most one probe per
 * budget at a time, first come first served, within a per-cluster request rate. A restart
 * resumes every pending entry; an attempt the dead process had in flight is settled from a
 * fresh list of the cluster, never sent twice.
 * @see ../shared/docs/reliability-security.md §2.4
 */
export class RetryQueue {
  private readonly clusters = new Map<string, ClusterQueue>();

  constructor(private readonly deps: RetryQueueDeps) {}

  /** Resumes the pending entries of every cluster. */
  start(): void {
    const clusters = new Set(this.deps.attempt.store.retries.pending().map((r) => r.cluster));
    for (const cluster of clusters) this.of(cluster).poke();
  }

  /** A new (or joined) entry of `cluster`: watch it and evaluate. */
  added(cluster: string, id: number): void {
    const queue = this.of(cluster);
    queue.hold();
    queue.publish(id);
    queue.poke();
  }

  /** Puts the entries of `cluster` into a new watch's model, so its stream shows them. */
  seed(watch: ClusterWatch): void {
    this.of(watch.name).seed(watch);
  }

  /**
   * Attempts a pending entry now, whatever its place in its budget's line (still within the
   * cluster's request rate); the entry's view, or why not.
   */
  retryNow(cluster: string, id: number): RetryView | 'not-found' | 'not-pending' {
    return this.change(cluster, id, (now) => {
      const due = this.deps.attempt.store.retries.dueNow(id, now);
      if (due) this.of(cluster).force(id);
      return due;
    });
  }

  /** Cancels a pending entry; the entry's view, or why not. */
  cancel(cluster: string, id: number, who: string): RetryView | 'not-found' | 'not-pending' {
    return this.change(cluster, id, (now) =>
      this.deps.attempt.store.retries.end(id, 'cancelled', `Cancelled by ${who}.`, now),
    );
  }

  /**
   * Ends a pending entry without an attempt (a drain's stop or timeout); its view, or why not:
   * an entry with an attempt in flight is left to that attempt's answer (`in-flight`).
   */
  end(
    cluster: string,
    id: number,
    state: 'cancelled' | 'expired',
    reason: string,
  ): RetryView | 'not-found' | 'not-pending' | 'in-flight' {
    if (this.deps.attempt.store.retries.get(id)?.inFlightAttempt != null) return 'in-flight';
    return this.change(cluster, id, (now) =>
      this.deps.attempt.store.retries.end(id, state, reason, now),
    );
  }

  /** The pod of `uid` was deleted directly: its pending entry (if any) ends as gone. */
  podDeleted(cluster: string, uid: string, who: string): void {
    const entry = this.deps.attempt.store.retries.pendingFor(cluster, uid);
    if (entry === undefined) return;
    this.change(cluster, entry.id, (now) =>
      this.deps.attempt.store.retries.end(
        entry.id,
        'gone',
        `The pod was deleted directly by ${who}, bypassing its budget.`,
        now,
      ),
    );
  }

  /** Stops every cluster's queue; resolves once the attempts in flight are recorded. */
  async close(): Promise<void> {
    const queues = [...this.clusters.values()];
    this.clusters.clear();
    await Promise.all(queues.map((q) => q.close()));
  }

  private change(
    cluster: string,
    id: number,
    apply: (now: number) => boolean,
  ): RetryView | 'not-found' | 'not-pending' {
    const entry = this.deps.attempt.store.retries.get(id);
    if (entry === undefined || entry.cluster !== cluster) return 'not-found';
    if (!apply(this.deps.clock.now())) return 'not-pending';
    const queue = this.of(cluster);
    const view = queue.publish(id);
    queue.poke();
    return view ?? 'not-found';
  }

  private of(cluster: string): ClusterQueue {
    let queue = this.clusters.get(cluster);
    if (queue === undefined) {
      queue = new ClusterQueue(cluster, this.deps);
      this.clusters.set(cluster, queue);
    }
    return queue;
  }
}
