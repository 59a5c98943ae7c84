import 'server-only';

import { realClock, type Clock, type TimerHandle } from '../k8s/clock';

import { HEARTBEAT, SSE_HEADERS, encodeEvent, parseLastEventId } from './sse';

/** One change from the source's ordered feed; `seq` increases by event. */
export interface StreamEvent {
  readonly seq: number;
  readonly event: string;
  readonly data: unknown;
}

/** The whole state as of `seq`. */
export interface StreamSnapshot {
  readonly seq: number;
  readonly data: unknown;
}

/**
 * What a {@link StreamHub} fans out. `since(seq)` returns the events after `seq`, or undefined
 * when `seq` is no longer in the ring buffer or unknown (for example from before a restart): the
 * client then gets a fresh snapshot; two snapshots at one `seq` are equal, so the hub encodes
 * one for every client connecting at that `seq`. `subscribe` must call back after `snapshot()`
 * reflects the event, synchronously and in `seq` order.
 */
export interface StreamSource {
  snapshot(): StreamSnapshot;
  since(seq: number): readonly StreamEvent[] | undefined;
  subscribe(fn: (e: StreamEvent) => void): () => void;
}

/** Tuning for a {@link StreamHub}. */
export interface StreamHubOptions {
  /** Drives heartbeats; defaults to the wall clock. */
  readonly clock?: Clock;
  /** Interval of `: ping` comments (default 15 s, under common LB idle timeouts). */
  readonly heartbeatMs?: number;
  /** Bytes a client may have unread beyond its first snapshot before it is dropped (1 MiB). */
  readonly maxQueueBytes?: number;
}

/** Counters for metrics. */
export interface StreamHubStats {
  /** Clients connected now. */
  readonly clients: number;
  readonly opened: number;
  /** Clients dropped because their queue overflowed. */
  readonly dropped: number;
  /** Events (snapshots included) handed to client streams. */
  readonly eventsDelivered: number;
  readonly heartbeats: number;
}

/** The error a dropped client's stream fails with. */
export class SlowConsumerError extends Error {
  constructor() {
    super('SSE client dropped: its queue overflowed');
    this.name = 'SlowConsumerError';
  }
}

interface Client {
  readonly controller: ReadableStreamDefaultController<Uint8Array>;
  /** The last seq this client has been sent; later events with seq ≤ it are skipped. */
  lastSeq: number;
  /** Unhooks the abort listener and tells the opener the client is gone. */
  detach(): void;
}

/** How one client stream is opened. */
export interface OpenOptions {
  /** The client's `Last-Event-ID`, to resume from. */
  readonly lastEventId?: string | null;
  /** Aborting it (the request ended) removes the client. */
  readonly signal?: AbortSignal;
  /** Called once when the client is gone, however it went (disconnect, drop, close). */
  readonly onClose?: () => void;
}

interface Initial {
  readonly chunks: Uint8Array[];
  readonly seq: number;
}

/**
 * Fans one {@link StreamSource} out to any number of SSE clients. Each client gets a bounded
 * queue; a client that stops reading is dropped when it overflows, and since delivery only
 * enqueues (never awaits), it never delays the others. One source subscription and one
 * heartbeat timer serve all clients, and exist only while a client is connected.
 */
export class StreamHub {
  private readonly clients = new Set<Client>();
  private readonly clock: Clock;
  private readonly heartbeatMs: number;
  private readonly maxQueueBytes: number;
  private unsubscribe: (() => void) | undefined;
  private heartbeat: TimerHandle | undefined;
  /** The last encoded snapshot: clients connecting at the same seq share one encoding. */
  private lastSnapshot: Initial | undefined;
  private counts = { opened: 0, dropped: 0, eventsDelivered: 0, heartbeats: 0 };

  constructor(
    private readonly source: StreamSource,
    options: StreamHubOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.maxQueueBytes = options.maxQueueBytes ?? 1024 * 1024;
  }

  /** Counters for metrics. */
  get stats(): StreamHubStats {
    return { clients: this.clients.size, ...this.counts };
  }

  /**
   * The route handler's answer: an SSE {@link Response} that resumes from the request's
   * `Last-Event-ID` and ends when the request is aborted.
   */
  response(request: Request, onClose?: () => void): Response {
    const body = this.open({
      lastEventId: request.headers.get('last-event-id'),
      signal: request.signal,
      ...(onClose !== undefined ? { onClose } : {}),
    });
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  }

  /**
   * Opens one client stream: the events after `lastEventId` if the source still has them,
   * otherwise a `snapshot` event, then every later event. Cancelling the stream (client
   * disconnect) or aborting `signal` removes the client.
   */
  open(opts: OpenOptions = {}): ReadableStream<Uint8Array> {
    const initial = this.initial(parseLastEventId(opts.lastEventId));
    const initialBytes = initial.chunks.reduce((n, c) => n + c.byteLength, 0);
    let client: Client | undefined;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          if (opts.signal?.aborted === true) {
            opts.onClose?.();
            return controller.close();
          }
          for (const chunk of initial.chunks) controller.enqueue(chunk);
          this.counts.eventsDelivered += initial.chunks.length;
          client = this.attach(controller, initial.seq, opts);
        },
        cancel: () => {
          if (client !== undefined) this.remove(client);
        },
      },
      // The first burst (a snapshot can be megabytes) always fits; the bound applies after it.
      new ByteLengthQueuingStrategy({ highWaterMark: initialBytes + this.maxQueueBytes }),
    );
  }

  /** Closes every client stream and releases the source subscription and the timer. */
  close(): void {
    for (const client of [...this.clients]) {
      this.remove(client);
      client.controller.close();
    }
  }

  private initial(lastEventId: number | undefined): Initial {
    const events = lastEventId === undefined ? undefined : this.source.since(lastEventId);
    if (lastEventId !== undefined && events !== undefined) {
      return {
        chunks: events.map((e) => encodeEvent({ event: e.event, id: e.seq, data: e.data })),
        seq: events.at(-1)?.seq ?? lastEventId,
      };
    }
    const snap = this.source.snapshot();
    if (this.lastSnapshot?.seq !== snap.seq) {
      this.lastSnapshot = {
        chunks: [encodeEvent({ event: 'snapshot', id: snap.seq, data: snap.data })],
        seq: snap.seq,
      };
    }
    return this.lastSnapshot;
  }

  private attach(
    controller: ReadableStreamDefaultController<Uint8Array>,
    lastSeq: number,
    { signal, onClose }: OpenOptions,
  ): Client {
    const onAbort = () => {
      this.remove(client);
      controller.close();
    };
    const client: Client = {
      controller,
      lastSeq,
      detach: () => {
        signal?.removeEventListener('abort', onAbort);
        onClose?.();
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    this.clients.add(client);
    this.counts.opened++;
    this.unsubscribe ??= this.source.subscribe((e) => this.broadcast(e));
    this.scheduleHeartbeat();
    return client;
  }

  private remove(client: Client): void {
    if (!this.clients.delete(client)) return;
    client.detach();
    if (this.clients.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.heartbeat !== undefined) this.clock.clearTimeout(this.heartbeat);
    this.heartbeat = undefined;
  }

  private broadcast(e: StreamEvent): void {
    const chunk = encodeEvent({ event: e.event, id: e.seq, data: e.data });
    for (const client of [...this.clients]) {
      if (e.seq <= client.lastSeq) continue;
      if (!this.send(client, chunk)) continue;
      client.lastSeq = e.seq;
      this.counts.eventsDelivered++;
    }
  }

  /** Enqueues without waiting; drops the client instead when the chunk would overflow it. */
  private send(client: Client, chunk: Uint8Array): boolean {
    const room = client.controller.desiredSize;
    if (room === null) {
      this.remove(client);
      return false;
    }
    if (room < chunk.byteLength) {
      this.remove(client);
      this.counts.dropped++;
      client.controller.error(new SlowConsumerError());
      return false;
    }
    client.controller.enqueue(chunk);
    return true;
  }

  private scheduleHeartbeat(): void {
    if (this.heartbeat !== undefined) return;
    this.heartbeat = this.clock.setTimeout(() => {
      this.heartbeat = undefined;
      for (const client of [...this.clients]) this.send(client, HEARTBEAT);
      this.counts.heartbeats++;
      if (this.clients.size > 0) this.scheduleHeartbeat();
    }, this.heartbeatMs);
  }
}
