import 'server-only';

import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';

import { Backoff, type BackoffOptions } from './backoff';
import { realClock, type Clock } from './clock';
import { ObjectCache, type CachedObject } from './reflector-cache';
import { openRequest, type ReflectorError } from './reflector-http';
import { listAll, streamWatch, type WatchEvent } from './reflector-stream';
import { Watchdog } from './reflector-watchdog';

export type { CachedObject } from './reflector-cache';
export type { ReflectorError } from './reflector-http';

/** Where a reflector stands: listing, in sync, backing off after an error, or restarted by its watchdog. */
export type ReflectorState = 'syncing' | 'synced' | 'reconnecting' | 'stale';

/**
 * What a reflector tells its listener. `synced` carries the full new set after each (re)list,
 * so a consumer can diff it against what it had; watch changes follow as `upsert`/`delete`.
 */
export type ReflectorEvent<T extends KubernetesObject = KubernetesObject> =
  | { type: 'synced'; items: CachedObject<T>[] }
  | { type: 'upsert'; object: CachedObject<T> }
  | { type: 'delete'; object: CachedObject<T> }
  | { type: 'status'; state: ReflectorState; error?: ReflectorError };

/** Counters for metrics (`relists_total`, `watch_restarts_total`, last event age). */
export interface ReflectorCounters {
  /** LISTs completed, the first one included. */
  relists: number;
  /** Watch or list attempts that failed or went stale and were started again. */
  restarts: number;
  /** ADDED, MODIFIED, DELETED and BOOKMARK events received. */
  events: number;
  /** Clock time of the last event or bookmark, if any. */
  lastEventAt?: number;
}

/** How to build a {@link Reflector}. Everything but `kc`, `path` and `listener` has a default. */
export interface ReflectorOptions<T extends KubernetesObject = KubernetesObject> {
  kc: KubeConfig;
  /** A collection path, e.g. `/api/v1/pods` or `/apis/policy/v1/poddisruptionbudgets`. */
  path: string;
  listener: (event: ReflectorEvent<T>) => void;
  clock?: Clock;
  /** A number in [0, 1); drives the watch timeout (and the backoff unless it has its own). */
  random?: () => number;
  /** Restart backoff; client-go's 0.8 s → 30 s, reset after 2 min, by default. */
  backoff?: BackoffOptions;
  /** LIST page size (default 500). */
  pageSize?: number;
  /** Watches ask for `timeoutSeconds` in [min, 2 × min] (default 300, as client-go). */
  minWatchTimeoutSeconds?: number;
  /** The watchdog restarts a watch silent for timeoutSeconds + this (default 60). */
  staleGraceSeconds?: number;
}

const SHORT_WATCH: ReflectorError = {
  kind: 'unreachable',
  message: 'very short watch: closed within a second with no events',
};

type Outcome = { kind: 'ok' } | { kind: 'stale' } | { kind: 'error'; error: ReflectorError };

/**
 * A supervised list+watch of one resource path, following client-go's reflector rules:
 * paginated LIST, WATCH from its resourceVersion with bookmarks and a random 5–10 min
 * timeout, re-watch from the last resourceVersion when a stream ends, relist with an empty
 * resourceVersion on 410 `Expired` or 504 "Too large resource version" (client-go's
 * `isExpiredError || isTooLargeResourceVersionError`), decorrelated-jitter backoff on any
 * other error, and a watchdog for silent streams. Keeps a UID-keyed cache without
 * `managedFields`.
 *
 * After a lost connection it also relists rather than re-watching: the API server may have
 * restarted on a store that went back (restored or wiped etcd), and a WATCH from a
 * resourceVersion it has not reached opens and stays silent, while one it has passed would
 * resume on another history and never delete the objects that are gone. A relist is right in
 * every case, and the model downstream emits only what changed.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
 * @see https://github.com/kubernetes/client-go/blob/master/tools/cache/reflector.go
 */
export class Reflector<T extends KubernetesObject = KubernetesObject> {
  private readonly cache = new ObjectCache<CachedObject<T>>();
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: Backoff;
  private readonly counts: ReflectorCounters = { relists: 0, restarts: 0, events: 0 };
  private resourceVersion = '';
  private state: ReflectorState | undefined;
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly opts: ReflectorOptions<T>) {
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.backoff = new Backoff(this.clock, { random: this.random, ...opts.backoff });
  }

  /** Starts listing and watching; a no-op while already running. */
  start(): void {
    if (this.running !== undefined) return;
    const abort = new AbortController();
    this.abort = abort;
    this.running = this.run(abort.signal);
  }

  /** Stops: aborts the in-flight request, clears timers and waits for the loop to end. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.running = undefined;
    this.abort = undefined;
  }

  /** The cached objects (UID-keyed, without `managedFields`). */
  items(): CachedObject<T>[] {
    return this.cache.list();
  }

  /** The last resourceVersion seen (opaque; empty before the first list or after a 410). */
  get lastResourceVersion(): string {
    return this.resourceVersion;
  }

  /** A copy of the counters. */
  counters(): ReflectorCounters {
    return { ...this.counts };
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const outcome =
        this.resourceVersion === '' ? await this.relist(signal) : await this.watch(signal);
      if (signal.aborted) return;
      if (outcome.kind === 'stale') {
        this.counts.restarts++;
        this.setState('stale');
      } else if (outcome.kind === 'error') {
        await this.recover(outcome.error, signal);
      }
    }
  }

  /**
   * After an error: relist on 410 `Expired`, "Too large resource version" or a lost
   * connection, then wait out the backoff (or `Retry-After`).
   */
  private async recover(error: ReflectorError, signal: AbortSignal): Promise<void> {
    this.counts.restarts++;
    const expired =
      error.kind === 'status' && (error.code === 410 || error.tooLargeResourceVersion === true);
    if (expired || error.kind === 'unreachable') this.resourceVersion = '';
    this.setState('reconnecting', error);
    const retryAfterMs = error.kind === 'status' ? (error.retryAfterSeconds ?? 0) * 1000 : 0;
    await this.sleep(Math.max(this.backoff.next(), retryAfterMs), signal);
  }

  private async relist(signal: AbortSignal): Promise<Outcome> {
    this.setState('syncing');
    const listed = await listAll(this.opts.kc, this.opts.path, this.opts.pageSize ?? 500, signal);
    if (!listed.ok) return { kind: 'error', error: listed.error };
    const items = listed.value.items as CachedObject<T>[];
    this.cache.replaceAll(items);
    this.resourceVersion = listed.value.resourceVersion;
    this.counts.relists++;
    this.opts.listener({ type: 'synced', items: this.cache.list() });
    this.setState('synced');
    return { kind: 'ok' };
  }

  /** One WATCH from the last resourceVersion, until the stream ends, fails or goes silent. */
  private async watch(signal: AbortSignal): Promise<Outcome> {
    const minS = this.opts.minWatchTimeoutSeconds ?? 300;
    const timeoutSeconds = Math.floor(minS * (1 + this.random()));
    const silenceMs = (timeoutSeconds + (this.opts.staleGraceSeconds ?? 60)) * 1000;
    const local = new AbortController();
    const onStop = () => local.abort();
    signal.addEventListener('abort', onStop);
    const watchdog = new Watchdog(this.clock, silenceMs, onStop);
    watchdog.kick();
    const startedAt = this.clock.now();
    const eventsBefore = this.counts.events;
    try {
      const result = await this.openAndStream(timeoutSeconds, local.signal, () => watchdog.kick());
      if (watchdog.fired) return { kind: 'stale' };
      if (!result.ok) return { kind: 'error', error: result.error };
      // client-go: a watch closed within a second with no events is an error, not an end.
      const isShort = this.clock.now() - startedAt < 1000 && this.counts.events === eventsBefore;
      return isShort ? { kind: 'error', error: SHORT_WATCH } : { kind: 'ok' };
    } finally {
      watchdog.stop();
      signal.removeEventListener('abort', onStop);
    }
  }

  private async openAndStream(timeoutSeconds: number, signal: AbortSignal, onAlive: () => void) {
    const res = await openRequest(
      this.opts.kc,
      this.opts.path,
      {
        watch: 'true',
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: 'true',
        timeoutSeconds: String(timeoutSeconds),
      },
      signal,
    );
    if (!res.ok) return res;
    if (this.state !== 'synced') this.setState('synced');
    return streamWatch(res.value, (ev) => {
      onAlive();
      this.apply(ev);
    });
  }

  private apply(ev: WatchEvent): void {
    this.counts.events++;
    this.counts.lastEventAt = this.clock.now();
    if (ev.type === 'BOOKMARK') {
      this.resourceVersion = ev.resourceVersion;
      return;
    }
    const object = ev.object as CachedObject<T>;
    this.resourceVersion = object.metadata.resourceVersion;
    if (ev.type === 'DELETED') {
      const removed = this.cache.remove(object);
      if (removed !== undefined) this.opts.listener({ type: 'delete', object });
      return;
    }
    const { replaced, unchanged } = this.cache.upsert(object);
    if (replaced !== undefined) this.opts.listener({ type: 'delete', object: replaced });
    if (!unchanged) this.opts.listener({ type: 'upsert', object });
  }

  private setState(state: ReflectorState, error?: ReflectorError): void {
    if (state === this.state && error === undefined) return;
    this.state = state;
    this.opts.listener({ type: 'status', state, ...(error !== undefined ? { error } : {}) });
  }

  /** Waits `ms` on the injected clock, or less if `signal` aborts. */
  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        this.clock.clearTimeout(handle);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const handle = this.clock.setTimeout(done, ms);
      signal.addEventListener('abort', done);
    });
  }
}
