import type { ChangeEvent } from '@/lib/domain/changes';

import { parseChange, parseSnapshot } from './live-parse';
import { probeStream, type ProbeResult, type StreamProblem } from './live-probe';
import { applyChanges, fromSnapshot, type LiveState } from './live-state';

/** The stream's connection: first connecting, open, reconnecting after a loss, or given up. */
export type Connection = 'connecting' | 'open' | 'reconnecting' | 'error';

/** What the browser knows of one cluster: its live model (once a snapshot came) and the link. */
export interface LiveCluster {
  readonly connection: Connection;
  /** null until the first snapshot. */
  readonly state: LiveState | null;
  /** Why the connection is `reconnecting` or `error`, when known. */
  readonly problem: StreamProblem | null;
}

/** Before the stream has said anything. */
export const INITIAL_LIVE: LiveCluster = { connection: 'connecting', state: null, problem: null };

/** The part of EventSource the stream uses (a fake in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

/** EventSource.CLOSED: the browser will not reconnect by itself. */
const CLOSED = 2;
const EVENT_NAMES = [
  'snapshot',
  'upsert',
  'delete',
  'watch-status',
  'retry',
  'stuck',
  'timeline',
] as const;

/** Everything a {@link ClusterStream} does to the outside world, injectable for tests. */
export interface StreamDeps {
  readonly open: (url: string) => EventSourceLike;
  /** Runs `flush` once soon (the next animation frame); returns the cancel function. */
  readonly schedule: (flush: () => void) => () => void;
  readonly probe: (url: string, signal: AbortSignal) => Promise<ProbeResult>;
  readonly setTimeout: (fn: () => void, ms: number) => () => void;
  /** Receives the cluster's {@link LiveCluster} whenever it changes. */
  readonly write: (live: LiveCluster) => void;
}

interface Message {
  readonly name: string;
  readonly data: string;
}

/** Delay before the n-th reconnection of our own (the browser's own retries are separate). */
export function retryDelay(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** attempt);
}

/**
 * One cluster's Server-Sent Events stream feeding its {@link LiveCluster}. Messages are
 * queued and applied together once per animation frame, so a burst of deltas costs one
 * state update and one render. The browser resumes a dropped stream itself (with
 * `Last-Event-ID`); when it gives up, a probe tells an unknown cluster (final) from an outage
 * (retried with backoff). A missed or unreadable change restarts from a fresh snapshot.
 */
export class ClusterStream {
  private source: EventSourceLike | undefined;
  private queue: Message[] = [];
  private cancelFlush: (() => void) | undefined;
  private cancelRetry: (() => void) | undefined;
  private probing: AbortController | undefined;
  private attempt = 0;
  private closed = false;

  /** `live` is what the browser already has (shown until the new snapshot replaces it). */
  constructor(
    private readonly url: string,
    private readonly deps: StreamDeps,
    private live: LiveCluster,
  ) {}

  /** Opens the stream. */
  start(): void {
    this.setConnection('connecting', null);
    this.connect();
  }

  /** Closes the stream and stops every timer; the stream cannot be started again. */
  close(): void {
    this.closed = true;
    this.disconnect();
  }

  private connect(): void {
    const source = this.deps.open(this.url);
    this.source = source;
    source.addEventListener('open', () => this.setConnection('open', null));
    source.addEventListener('error', () => this.onError(source));
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        this.queue.push({ name, data: String((event as MessageEvent).data) });
        this.cancelFlush ??= this.deps.schedule(() => this.flush());
      });
    }
  }

  private disconnect(): void {
    this.source?.close();
    this.source = undefined;
    this.queue = [];
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.probing?.abort();
    this.probing = undefined;
  }

  private publish(live: LiveCluster): void {
    this.live = live;
    this.deps.write(live);
  }

  private setConnection(connection: Connection, problem: StreamProblem | null): void {
    if (this.live.connection === connection && this.live.problem === problem) return;
    this.publish({ ...this.live, connection, problem });
  }

  private onError(source: EventSourceLike): void {
    if (source !== this.source) return;
    this.setConnection('reconnecting', null);
    // Still CONNECTING: the browser retries by itself and resumes with Last-Event-ID.
    if (source.readyState === CLOSED) void this.diagnose();
  }

  private async diagnose(): Promise<void> {
    this.disconnect();
    const probing = new AbortController();
    this.probing = probing;
    const result = await this.deps.probe(this.url, probing.signal);
    if (probing.signal.aborted || this.closed) return;
    this.probing = undefined;
    if (!result.ok && result.problem.kind === 'not-found') {
      return this.setConnection('error', result.problem);
    }
    this.retry(result.ok ? null : result.problem);
  }

  /** Drops the stream and opens a new one (which starts with a snapshot) after a backoff. */
  private retry(problem: StreamProblem | null): void {
    this.disconnect();
    this.setConnection('reconnecting', problem);
    this.cancelRetry = this.deps.setTimeout(() => {
      this.cancelRetry = undefined;
      if (!this.closed) this.connect();
    }, retryDelay(this.attempt++));
  }

  private flush(): void {
    this.cancelFlush = undefined;
    const messages = this.queue;
    this.queue = [];
    const lastSnapshot = messages.findLastIndex((m) => m.name === 'snapshot');
    let fresh: LiveState | undefined;
    const snapshotMessage = messages[lastSnapshot];
    if (snapshotMessage !== undefined) {
      const parsed = parseSnapshot(snapshotMessage.data);
      if (!parsed.ok) return this.fail(`snapshot: ${parsed.message}`);
      fresh = fromSnapshot(parsed.value);
      this.attempt = 0;
    }
    const changes: ChangeEvent[] = [];
    for (const message of messages.slice(lastSnapshot + 1)) {
      const parsed = parseChange(message.name, message.data);
      if (!parsed.ok) return this.resync(fresh, `${message.name}: ${parsed.message}`);
      changes.push(parsed.value);
    }
    this.apply(fresh, changes);
  }

  private apply(fresh: LiveState | undefined, changes: ChangeEvent[]): void {
    const base = fresh ?? this.live.state;
    // Every stream starts with a snapshot, so deltas without one have nothing to patch.
    if (base === null) return;
    const result = applyChanges(base, changes);
    if (result.state !== this.live.state) this.publish({ ...this.live, state: result.state });
    if (!result.ok) {
      const message = `change ${result.expected} was missed (got ${result.got})`;
      this.retry({ kind: 'unreadable', status: null, message });
    }
  }

  /** Keeps what could be read, then starts again from a snapshot. */
  private resync(fresh: LiveState | undefined, message: string): void {
    if (fresh !== undefined) this.publish({ ...this.live, state: fresh });
    this.retry({ kind: 'unreadable', status: null, message });
  }

  /** A snapshot this browser cannot read will not improve by retrying: say so and stop. */
  private fail(message: string): void {
    this.disconnect();
    this.setConnection('error', { kind: 'unreadable', status: null, message });
  }
}

/** Applies queued messages on the next animation frame, or within 250 ms in a hidden tab. */
export function nextFrame(flush: () => void): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  // Hidden tabs get no animation frames; the timer keeps the model current there.
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, 250);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** The browser's real dependencies, writing to `write`. */
export function browserDeps(write: StreamDeps['write']): StreamDeps {
  return {
    open: (url) => new EventSource(url),
    schedule: nextFrame,
    probe: probeStream,
    setTimeout: (fn, ms) => {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    },
    write,
  };
}
