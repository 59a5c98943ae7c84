import 'server-only';

import {
  isDrainOver,
  type DrainPlan,
  type DrainRequest,
  type DrainView,
} from '@/lib/domain/drains';
import type { RetryView } from '@/lib/domain/retries';

import type { Clock, TimerHandle } from '../k8s/clock';
import type { ClusterRegistry } from '../k8s/clusters';
import { patchSchedulable } from '../k8s/nodes';
import type { ClusterWatch } from '../live/cluster-watch';
import type { DrainPodRecord, DrainRecord, NewDrainPod } from '../store/drain-store';
import type { EvictionStore } from '../store/eviction-store';
import type { RetryQueue } from '../evictions/retry-queue';
import { drainView, waitingWordsOf, type DrainModel } from './drain-view';
import { makePlan, PLAN_SYNC_TIMEOUT_MS } from './plan';
import { advancePod, isSettled, nextDrainState } from './progress';

/** What drains work with; injected, so tests use a real cluster, store and clock. */
export interface DrainDeps {
  store: EvictionStore;
  registry: Pick<ClusterRegistry, 'kubeConfig'>;
  queue: Pick<RetryQueue, 'added' | 'end'>;
  /** The live watch of a cluster; undefined for a cluster the kubeconfig does not have. */
  watchOf: (cluster: string) => Promise<ClusterWatch | undefined>;
  clock: Clock;
}

/** A drain's pods' retry entries last this long when it has no timeout (kubectl: forever). */
const NO_TIMEOUT_DEADLINE_MS = 30 * 86_400_000;
/** How much longer than its drain's timeout a drain pod's retry entry lasts. */
const ENTRY_GRACE_MS = 60_000;
/** How long a drain waits for the live model to show its nodes cordoned. */
const CORDON_WAIT_MS = 5_000;
/** How long a stop waits for the answers of attempts in flight. */
const STOP_WAIT_MS = 10_000;
/** How long before trying again to resume the drains of a cluster that could not be watched. */
const UNAVAILABLE_RETRY_MS = 30_000;
/** How long a burst of changes is gathered before an evaluation. */
const BURST_MS = 100;
/** How often an active drain is looked at even when nothing changes (timeouts, late facts). */
const TICK_MS = 1000;

/** Why a drain cannot start or a plan cannot be made. */
export class DrainProblem extends Error {
  constructor(
    readonly kind:
      'not-synced' | 'unreachable' | 'refused' | 'cordon-failed' | 'not-found' | 'over',
    message: string,
    readonly plan?: DrainPlan,
  ) {
    super(message);
  }
}

/** kubectl's words for a cordon or an uncordon (`node/node-3 cordoned`). */
export function cordonWords(node: string, cordon: boolean, already: boolean): string {
  if (cordon) return already ? `node/${node} already cordoned` : `node/${node} cordoned`;
  return already ? `node/${node} already uncordoned` : `node/${node} uncordoned`;
}

/**
 * Ends the pending retry entries of a drain's waiting pods (`cancelled` at a stop, `expired` at
 * the timeout) and marks those pods `cancelled`. An entry the pod had before the drain (joined)
 * is not the drain's to end: the pod is left to it. One with an attempt in flight is left to
 * that attempt's answer; returns how many are, so the caller can look again.
 */
function endWaiting(
  deps: DrainDeps,
  drain: DrainRecord,
  state: 'cancelled' | 'expired',
  reason: string,
): number {
  const { store, queue } = deps;
  let inFlight = 0;
  for (const pod of store.drains.pods(drain.id)) {
    if (pod.stage !== 'waiting' || pod.retryId === null) continue;
    if (pod.joined) {
      const message = `Left to retry entry #${pod.retryId}, which it had before the drain.`;
      store.drains.updatePod(drain.id, pod.uid, { stage: 'cancelled', message });
      continue;
    }
    const ended = queue.end(drain.cluster, pod.retryId, state, reason);
    if (ended === 'in-flight') inFlight += 1;
    else if (store.retries.get(pod.retryId)?.state === state) {
      store.drains.updatePod(drain.id, pod.uid, { stage: 'cancelled', message: reason });
    }
  }
  return inFlight;
}

/** The active drains of one cluster, moved on by its live model. */
class ClusterDrains {
  private release: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: TimerHandle | undefined;
  private scheduled: TimerHandle | undefined;
  /** The pod UIDs and `retry:<id>` of the active drains: the changes worth an evaluation. */
  private followed = new Set<string>();

  constructor(
    readonly watch: ClusterWatch,
    private readonly deps: DrainDeps,
  ) {}

  /** Holds the watch and listens to the model while the cluster has an active drain. */
  hold(): void {
    if (this.release !== undefined) return;
    this.release = this.watch.acquire();
    this.unsubscribe = this.watch.model.subscribe((e) => {
      const relevant =
        ((e.kind === 'upsert' && e.resource === 'pods') || e.kind === 'delete') &&
        this.followed.has(e.kind === 'upsert' ? e.view.uid : e.uid);
      if (
        relevant ||
        (e.kind === 'retry' && this.followed.has(`retry:${e.entry.id}`)) ||
        (e.kind === 'timeline' && this.followed.has(e.summary.uid)) ||
        e.kind === 'watch-status'
      ) {
        this.soon();
      }
    });
    this.tick();
  }

  private tick(): void {
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      this.evaluate();
      if (this.release !== undefined) this.tick();
    }, TICK_MS);
  }

  /** Evaluates once after a burst of changes (at most every {@link BURST_MS}). */
  private soon(): void {
    if (this.scheduled !== undefined) return;
    this.scheduled = this.deps.clock.setTimeout(() => {
      this.scheduled = undefined;
      this.evaluate();
    }, BURST_MS);
  }

  /** The model's view for drain views; undefined until its pods and nodes are synced. */
  model(): DrainModel | undefined {
    const status = this.watch.model.watchStatuses();
    if (status.pods.state !== 'synced' || status.nodes.state !== 'synced') return undefined;
    const snapshot = this.watch.model.snapshot();
    const { nodes, pods, budgets, owners } = snapshot;
    return { nodes, pods, budgets, owners };
  }

  /** Moves every active drain of the cluster on; lets the watch go when none is left. */
  evaluate(): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    const synced = this.watch.model.watchStatuses().pods.state === 'synced';
    const active = store.drains.active().filter((d) => d.cluster === this.watch.name);
    const followed = new Set<string>();
    for (const drain of active) {
      for (const pod of this.advance(drain, synced, now)) {
        followed.add(pod.uid);
        if (pod.retryId !== null) followed.add(`retry:${pod.retryId}`);
      }
    }
    this.followed = followed;
    if (store.drains.active().every((d) => d.cluster !== this.watch.name)) this.letGo();
  }

  /** Moves a drain's pods and the drain on; returns the pods it still follows. */
  private advance(drain: DrainRecord, synced: boolean, now: number): DrainPodRecord[] {
    const { store } = this.deps;
    for (const pod of store.drains.pods(drain.id)) {
      if (isSettled(pod)) continue;
      const live = this.watch.model.pod(pod.uid);
      // Facts matter once the pod has left: when it went, and its replacement.
      const facts =
        live === undefined ? store.timelines.get(drain.cluster, pod.uid)?.facts : undefined;
      const change = advancePod(pod, {
        entry: pod.retryId === null ? undefined : store.retries.get(pod.retryId),
        live,
        synced,
        facts,
        now,
      });
      if (Object.keys(change).length > 0) store.drains.updatePod(drain.id, pod.uid, change);
    }
    let pods = store.drains.pods(drain.id);
    let waitingWords: ((uid: string) => string | null) | undefined;
    const lastAnswer = (p: DrainPodRecord) => {
      const answer = p.retryId === null ? null : store.retries.view(p.retryId)?.lastAnswer;
      waitingWords ??= waitingWordsOf(this.model());
      return answer?.message ?? waitingWords(p.uid);
    };
    const next = nextDrainState(drain, pods, now, lastAnswer);
    if (next.state === 'timed-out') {
      const reason = `The drain's timeout (${drain.options.timeoutSeconds} s) passed before the eviction was accepted.`;
      // An attempt in flight decides its pod: look again once it is answered.
      if (endWaiting(this.deps, drain, 'expired', reason) > 0) return pods;
      pods = store.drains.pods(drain.id);
    }
    if (next.state !== drain.state) store.drains.setState(drain.id, next.state, now, next.end);
    return pods.filter((p) => !isSettled(p));
  }

  private letGo(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.release?.();
    this.release = undefined;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.scheduled !== undefined) this.deps.clock.clearTimeout(this.scheduled);
    this.scheduled = undefined;
  }

  close(): void {
    this.letGo();
  }
}

/**
 * Node drains (issue 8): a drain cordons its nodes, then hands every pod `kubectl drain` would
 * evict to the retry queue as a pending entry in one transaction (so the queue sends each
 * Eviction, with the pod's UID as precondition, only when its budget has room), and follows
 * each pod through accepted → gone → replacement Ready from the live model and the pod's
 * timeline. Drains live in SQLite; {@link start} resumes the active ones after a restart.
 */
export class DrainRunner {
  private readonly clusters = new Map<string, ClusterDrains>();
  private closed = false;

  constructor(private readonly deps: DrainDeps) {}

  /**
   * Resumes every active drain: holds its cluster's watch; a cluster that cannot be watched
   * now is tried again after {@link UNAVAILABLE_RETRY_MS}.
   */
  async start(): Promise<void> {
    const clusters = new Set(this.deps.store.drains.active().map((d) => d.cluster));
    const held = await Promise.all(
      [...clusters].map(async (c) => {
        const drains = await this.of(c);
        drains?.hold();
        return drains !== undefined;
      }),
    );
    if (held.every(Boolean) || this.closed) return;
    this.deps.clock.setTimeout(() => void this.start(), UNAVAILABLE_RETRY_MS);
  }

  /** A synced watch of `cluster`, held while `use` runs. */
  private async withWatch<T>(cluster: string, use: (w: ClusterWatch) => Promise<T>): Promise<T> {
    const watch = await this.deps.watchOf(cluster).catch((e: unknown) => {
      const why = e instanceof Error ? e.message : String(e);
      throw new DrainProblem('unreachable', `Cannot reach ${cluster}: ${why}`);
    });
    if (watch === undefined) throw new DrainProblem('not-found', `no cluster named ${cluster}`);
    const release = watch.acquire();
    try {
      if (!(await watch.whenSynced(PLAN_SYNC_TIMEOUT_MS))) {
        throw new DrainProblem(
          'not-synced',
          `The live view of ${cluster} is not synced yet: its pods, nodes and budgets must be listed before a drain can be planned.`,
        );
      }
      return await use(watch);
    } finally {
      release();
    }
  }

  /** The plan of a drain, with the cluster's dry-run answers; nothing changes. */
  plan(cluster: string, request: DrainRequest): Promise<DrainPlan> {
    return this.withWatch(cluster, (watch) =>
      makePlan(this.deps, watch, request, { dryRun: true, now: this.deps.clock.now() }),
    );
  }

  /**
   * Starts a drain: refuses (nothing changed) when kubectl would, cordons the nodes, then
   * creates the drain and its pods' retry entries in one transaction and wakes the queue.
   */
  run(cluster: string, request: DrainRequest, who: string): Promise<DrainView> {
    return this.withWatch(cluster, async (watch) => {
      const busy = this.deps.store.drains
        .active()
        .find((d) => d.cluster === cluster && d.nodes.some((n) => request.nodes.includes(n)));
      if (busy !== undefined) {
        const shared = busy.nodes.filter((n) => request.nodes.includes(n)).join(', ');
        throw new DrainProblem(
          'refused',
          `Drain #${busy.id} is already draining ${shared}: stop it, or wait until it is over.`,
        );
      }
      const first = await makePlan(this.deps, watch, request, {
        dryRun: false,
        now: this.deps.clock.now(),
      });
      if (!first.canStart) throw new DrainProblem('refused', first.problems.join(' '), first);
      await this.cordon(
        cluster,
        first.nodes.filter((n) => !n.isCordoned).map((n) => n.name),
      );
      // As kubectl, list the pods once the nodes are cordoned: none can be scheduled there since.
      await this.cordonShown(watch, request.nodes);
      const now = this.deps.clock.now();
      const plan = await makePlan(this.deps, watch, request, { dryRun: false, now });
      if (!plan.canStart) {
        const why = `${plan.problems.join(' ')} The nodes stay cordoned.`;
        throw new DrainProblem('refused', why, plan);
      }
      const pods: NewDrainPod[] = plan.pods
        .filter((p) => p.action === 'evict')
        .map((p) => ({
          uid: p.uid,
          namespace: p.namespace,
          name: p.name,
          node: p.node,
          owner: p.owner,
          // A finished pod (Succeeded, Failed) is deleted at once and not replaced.
          replaced: p.replaced && p.phase !== 'Succeeded' && p.phase !== 'Failed',
          budget: p.budgets.length === 1 ? (p.budgets[0]?.split('/')[1] ?? null) : null,
        }));
      const deadline = now + request.timeoutSeconds * 1000;
      // The entries outlive the drain's timeout, so the drain ends them itself, with its reason.
      const entryDeadline =
        request.timeoutSeconds > 0 ? deadline + ENTRY_GRACE_MS : now + NO_TIMEOUT_DEADLINE_MS;
      const options = plan.request;
      const { id, retryIds } = this.deps.store.drains.create(
        { cluster, nodes: request.nodes, options, who, now },
        pods,
        { drain: deadline, entries: entryDeadline },
      );
      for (const retry of new Set(retryIds)) this.deps.queue.added(cluster, retry);
      const drains = await this.of(cluster);
      drains?.hold();
      drains?.evaluate();
      return this.viewOf(id, drains);
    });
  }

  /**
   * Cordons (or uncordons) nodes with kubectl's patch; throws on the first refusal, naming the
   * nodes already changed.
   */
  private async cordon(cluster: string, nodes: readonly string[], cordon = true): Promise<void> {
    const kc = await this.deps.registry.kubeConfig(cluster);
    const verb = cordon ? 'cordon' : 'uncordon';
    const done: string[] = [];
    for (const node of nodes) {
      const reply = await patchSchedulable(kc, cluster, node, cordon);
      if (reply.kind !== 'answer' || reply.code >= 300) {
        const why = reply.kind === 'answer' ? `${reply.code} ${reply.message}` : reply.message;
        const already = done.length > 0 ? ` ${done.join(', ')}: ${verb}ed already.` : '';
        throw new DrainProblem('cordon-failed', `Could not ${verb} ${node}: ${why}.${already}`);
      }
      done.push(node);
    }
  }

  /** Waits (at most {@link CORDON_WAIT_MS}) until the live model shows `nodes` cordoned. */
  private async cordonShown(watch: ClusterWatch, nodes: readonly string[]): Promise<void> {
    const until = this.deps.clock.now() + CORDON_WAIT_MS;
    const shown = () =>
      nodes.every((name) => watch.model.snapshot().nodes.find((n) => n.name === name)?.isCordoned);
    while (!shown() && this.deps.clock.now() < until) {
      await new Promise<void>((r) => this.deps.clock.setTimeout(r, 50));
    }
  }

  /** Cordons or uncordons one node; kubectl's words for what happened. */
  setCordon(cluster: string, node: string, cordon: boolean): Promise<{ message: string }> {
    return this.withWatch(cluster, async (watch) => {
      const view = watch.model.snapshot().nodes.find((n) => n.name === node);
      if (view === undefined) throw new DrainProblem('not-found', `no node named ${node}`);
      if (view.isCordoned === cordon) return { message: cordonWords(node, cordon, true) };
      await this.cordon(cluster, [node], cordon);
      return { message: cordonWords(node, cordon, false) };
    });
  }

  /**
   * Stops a drain: its waiting pods' retry entries are cancelled (one with an attempt in flight
   * gets its answer first, for at most {@link STOP_WAIT_MS}); the nodes stay cordoned.
   */
  async stop(cluster: string, id: number, who: string): Promise<DrainView> {
    const drain = this.deps.store.drains.get(id);
    if (drain === undefined || drain.cluster !== cluster) {
      throw new DrainProblem('not-found', `no drain #${id} in ${cluster}`);
    }
    if (isDrainOver(drain.state)) {
      throw new DrainProblem('over', `Drain #${id} is already over (${drain.state}).`);
    }
    const drains = await this.of(cluster);
    drains?.evaluate();
    const current = this.deps.store.drains.get(id) ?? drain;
    if (!isDrainOver(current.state)) {
      const reason = `Cancelled by ${who}: the drain was stopped.`;
      const until = this.deps.clock.now() + STOP_WAIT_MS;
      while (endWaiting(this.deps, current, 'cancelled', reason) > 0) {
        if (this.deps.clock.now() >= until) break;
        await new Promise<void>((r) => this.deps.clock.setTimeout(r, 50));
      }
      const left = this.deps.store.drains
        .pods(id)
        .filter((p) => p.stage === 'waiting' || p.stage === 'accepted' || p.stage === 'cancelled')
        .map((p) => ({
          namespace: p.namespace,
          name: p.name,
          why:
            p.stage === 'accepted'
              ? 'Its eviction was accepted before the stop; it is terminating.'
              : (p.message ?? 'Not evicted: the drain was stopped.'),
        }));
      this.deps.store.drains.setState(id, 'stopped', this.deps.clock.now(), {
        reason: `Stopped by ${who}. The nodes stay cordoned.`,
        left,
      });
    }
    return this.viewOf(id, drains);
  }

  /** A drain as the API shows it. */
  async view(cluster: string, id: number): Promise<DrainView> {
    const drain = this.deps.store.drains.get(id);
    if (drain === undefined || drain.cluster !== cluster) {
      throw new DrainProblem('not-found', `no drain #${id} in ${cluster}`);
    }
    const drains = await this.of(cluster);
    if (!isDrainOver(drain.state)) {
      drains?.hold();
      // Up to date with the model this instant: a node safe to power off shows its pods gone.
      drains?.evaluate();
    }
    return this.viewOf(id, drains);
  }

  /** A cluster's drains, newest first. */
  async list(cluster: string, limit: number): Promise<DrainView[]> {
    const drains = await this.of(cluster);
    const model = drains?.model();
    return this.deps.store.drains.list(cluster, limit).map((d) => this.compose(d, model));
  }

  private viewOf(id: number, drains: ClusterDrains | undefined): DrainView {
    const drain = this.deps.store.drains.get(id);
    if (drain === undefined) throw new DrainProblem('not-found', `no drain #${id}`);
    return this.compose(drain, drains?.model());
  }

  private compose(drain: DrainRecord, model: DrainModel | undefined): DrainView {
    const { store, clock } = this.deps;
    const retryOf = (retry: number): RetryView | undefined => store.retries.view(retry);
    return drainView(drain, store.drains.pods(drain.id), retryOf, model, clock.now());
  }

  /**
   * The drains of `cluster` on its current watch. An embedded cluster started again under its
   * name (a walkthrough's) has a new watch: the drains follow it, not the closed one's model.
   */
  private async of(cluster: string): Promise<ClusterDrains | undefined> {
    const watch = await this.deps.watchOf(cluster).catch(() => undefined);
    const known = this.clusters.get(cluster);
    if (watch === undefined || known?.watch === watch) return known;
    known?.close();
    const drains = new ClusterDrains(watch, this.deps);
    this.clusters.set(cluster, drains);
    return drains;
  }

  /** Lets every watch go. */
  close(): void {
    this.closed = true;
    for (const drains of this.clusters.values()) drains.close();
    this.clusters.clear();
  }
}
