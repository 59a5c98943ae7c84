import 'server-only';

import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';

import { ResourceSchema, type ChangeEvent, type Resource } from '@/lib/domain/changes';

import { realClock, type Clock, type TimerHandle } from '../k8s/clock';
import {
  Reflector,
  type CachedObject,
  type ReflectorCounters,
  type ReflectorEvent,
  type ReflectorOptions,
} from '../k8s/reflector';
import { ClusterModel, type ClusterModelOptions } from '../model/cluster-model';
import type { WireOf } from '../model/resources';
import { StreamHub, type StreamEvent, type StreamSource } from '../stream/hub';

/** The collection each resource is listed and watched from, across all namespaces. */
export const WATCH_PATHS: Readonly<Record<Resource, string>> = {
  pods: '/api/v1/pods',
  budgets: '/apis/policy/v1/poddisruptionbudgets',
  nodes: '/api/v1/nodes',
  endpointslices: '/apis/discovery.k8s.io/v1/endpointslices',
  replicasets: '/apis/apps/v1/replicasets',
  deployments: '/apis/apps/v1/deployments',
  statefulsets: '/apis/apps/v1/statefulsets',
  daemonsets: '/apis/apps/v1/daemonsets',
  events: '/api/v1/events',
};

/** Tuning for a {@link ClusterWatch}; the defaults are the production values. */
export interface ClusterWatchOptions {
  clock?: Clock;
  /** How long the watches run on after the last user leaves (default 3 minutes). */
  lingerMs?: number;
  model?: ClusterModelOptions;
  /** Passed to every reflector (tests shorten timeouts and backoff). */
  reflector?: Pick<
    ReflectorOptions,
    'random' | 'backoff' | 'pageSize' | 'minWatchTimeoutSeconds' | 'staleGraceSeconds'
  >;
  /** Passed to the stream hub. */
  heartbeatMs?: number;
  maxQueueBytes?: number;
}

/** What {@link ClusterWatch.counters} reports per resource: totals over every start. */
export type WatchCounters = Record<Resource, ReflectorCounters>;

const ZERO: ReflectorCounters = { relists: 0, restarts: 0, events: 0 };

/** The model's change feed as the stream hub's source: the SSE event name is the change kind. */
function feedOf(model: ClusterModel): StreamSource {
  const toStream = (e: ChangeEvent): StreamEvent => ({ seq: e.seq, event: e.kind, data: e });
  return {
    snapshot: () => {
      const snap = model.snapshot();
      return { seq: snap.seq, data: snap };
    },
    since: (seq) => model.since(seq)?.map(toStream),
    subscribe: (fn) => model.subscribe((e) => fn(toStream(e))),
  };
}

/**
 * One cluster, watched once however many tabs look at it: a reflector per resource kind
 * feeding one {@link ClusterModel}, fanned out by one {@link StreamHub}. Users (stream
 * clients, state requests) {@link acquire} it; the watches start with the first user and stop
 * `lingerMs` after the last one leaves, so a reload or a quick tab switch does not relist.
 * The model outlives the watches: a restart relists and emits only what changed meanwhile.
 */
export class ClusterWatch {
  readonly model: ClusterModel;
  readonly hub: StreamHub;
  private readonly clock: Clock;
  private readonly lingerMs: number;
  private reflectors: Map<Resource, Reflector> | undefined;
  private readonly totals = new Map<Resource, ReflectorCounters>();
  private users = 0;
  private linger: TimerHandle | undefined;
  private stopping: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly kc: KubeConfig,
    private readonly opts: ClusterWatchOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
    this.lingerMs = opts.lingerMs ?? 180_000;
    this.model = new ClusterModel(opts.model);
    this.hub = new StreamHub(feedOf(this.model), {
      clock: this.clock,
      ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}),
      ...(opts.maxQueueBytes !== undefined ? { maxQueueBytes: opts.maxQueueBytes } : {}),
    });
  }

  /** True while the reflectors run (users present, or lingering after the last one). */
  get isWatching(): boolean {
    return this.reflectors !== undefined;
  }

  /** How many users hold the watch now. */
  get userCount(): number {
    return this.users;
  }

  /** Registers a user, starting the watches if needed; returns the release function (idempotent). */
  acquire(): () => void {
    this.users++;
    if (this.linger !== undefined) this.clock.clearTimeout(this.linger);
    this.linger = undefined;
    this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  /** An SSE response for `request` that holds the watch while the client is connected. */
  stream(request: Request): Response {
    return this.hub.response(request, this.acquire());
  }

  /**
   * Resolves true once every resource's first list has completed (state `synced`), or false
   * after `timeoutMs` (an unreachable cluster: the model's watch status says why).
   */
  whenSynced(timeoutMs: number): Promise<boolean> {
    const allSynced = () =>
      Object.values(this.model.watchStatuses()).every((s) => s.state === 'synced');
    if (allSynced()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (synced: boolean) => {
        unsubscribe();
        this.clock.clearTimeout(timer);
        resolve(synced);
      };
      const unsubscribe = this.model.subscribe((e) => {
        if (e.kind === 'watch-status' && allSynced()) finish(true);
      });
      const timer = this.clock.setTimeout(() => finish(false), timeoutMs);
    });
  }

  /** The objects the reflector of `resource` holds now (empty while not watching). */
  objects(resource: Resource): CachedObject[] {
    return this.reflectors?.get(resource)?.items() ?? [];
  }

  /** Per resource: lists, restarts, events and last event time, summed over every start. */
  counters(): WatchCounters {
    const out = {} as WatchCounters;
    for (const resource of ResourceSchema.options) {
      const total = this.totals.get(resource) ?? ZERO;
      const live = this.reflectors?.get(resource)?.counters() ?? ZERO;
      out[resource] = add(total, live);
    }
    return out;
  }

  /** Stops the watches now and ends every stream (server shutdown). */
  async close(): Promise<void> {
    if (this.linger !== undefined) this.clock.clearTimeout(this.linger);
    this.linger = undefined;
    this.hub.close();
    await this.stop();
  }

  private release(): void {
    this.users--;
    if (this.users > 0) return;
    this.linger = this.clock.setTimeout(() => {
      this.linger = undefined;
      void this.stop();
    }, this.lingerMs);
  }

  private start(): void {
    if (this.reflectors !== undefined) return;
    const reflectors = new Map<Resource, Reflector>();
    for (const resource of ResourceSchema.options) {
      reflectors.set(resource, this.reflectorFor(resource));
    }
    this.reflectors = reflectors;
    // A stop still in flight finishes first, so its last events cannot follow the new list's.
    void this.stopping.then(() => {
      if (this.reflectors === reflectors) for (const r of reflectors.values()) r.start();
    });
  }

  /** A reflector whose events reach the model only while it is the current one. */
  private reflectorFor<R extends Resource>(resource: R): Reflector {
    const reflector: Reflector = new Reflector({
      kc: this.kc,
      path: WATCH_PATHS[resource],
      clock: this.clock,
      ...this.opts.reflector,
      listener: (event) => {
        if (this.reflectors?.get(resource) !== reflector) return;
        this.model.apply(resource, event as ReflectorEvent<KubernetesObject & WireOf[R]>);
      },
    });
    return reflector;
  }

  private async stop(): Promise<void> {
    const reflectors = this.reflectors;
    if (reflectors === undefined) return this.stopping;
    this.reflectors = undefined;
    for (const [resource, r] of reflectors) {
      this.totals.set(resource, add(this.totals.get(resource) ?? ZERO, r.counters()));
    }
    const done = Promise.all([...reflectors.values()].map((r) => r.stop())).then(() => {
      // Not watched any more: the model is as of the stop, not live.
      if (this.reflectors === undefined) {
        for (const resource of ResourceSchema.options) {
          this.model.applyStatus(resource, 'syncing', 'not watched: no client for a while');
        }
      }
    });
    this.stopping = done;
    return done;
  }
}

function add(a: ReflectorCounters, b: ReflectorCounters): ReflectorCounters {
  const lastEventAt = Math.max(a.lastEventAt ?? -Infinity, b.lastEventAt ?? -Infinity);
  return {
    relists: a.relists + b.relists,
    restarts: a.restarts + b.restarts,
    events: a.events + b.events,
    ...(Number.isFinite(lastEventAt) ? { lastEventAt } : {}),
  };
}
