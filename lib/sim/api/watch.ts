import type { ServerResponse } from 'node:http';
import type { Clock, TimerHandle } from '../clock';
import type { Store } from '../store/store';
import type { KObject, ResourceType, StoredEvent } from '../store/types';
import { apiVersionOf } from '../store/types';
import { gone, type ApiError } from './errors';
import type { ObjectFilter } from './filters';
import { TABLE_CONTENT_TYPE } from './http';
import type { IncludeObject } from './table-response';
import { toTable } from './tables';

export interface WatchRequest {
  rt: ResourceType;
  namespace: string | undefined;
  filter: ObjectFilter;
  /** Events after this resourceVersion; undefined starts with the current state as ADDED events. */
  fromRv: number | undefined;
  table: IncludeObject | undefined;
  bookmarks: boolean;
  /** With sendInitialEvents, the initial state ends with a bookmark marked initial-events-end. */
  initialEventsEnd: boolean;
  timeoutMs: number;
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

interface OpenWatch {
  rt: ResourceType;
  namespace: string | undefined;
  close(): void;
}

/** One open watch stream, as metrics describe it. */
export interface OpenWatchInfo {
  rt: ResourceType;
  /** The watched namespace; undefined for cluster-scoped resources and all-namespaces watches. */
  namespace: string | undefined;
}

/**
 * Streams watch events as kube-apiserver does: newline-delimited JSON `{type, object}`,
 * selector transitions turned into ADDED/DELETED, periodic BOOKMARKs, an ERROR 410 event
 * for history that was compacted away, and an end at `timeoutSeconds`.
 */
export class WatchHub {
  private readonly open = new Set<OpenWatch>();
  private readonly encoded = new WeakMap<StoredEvent, Map<string, string>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly bookmarkIntervalMs: number,
  ) {}

  /** Open watches, optionally of one resource key. */
  count(resource?: string): number {
    return [...this.open].filter((w) => resource === undefined || w.rt.key === resource).length;
  }

  /** What is being watched now, one entry per open stream. */
  list(): OpenWatchInfo[] {
    return [...this.open].map(({ rt, namespace }) => ({ rt, namespace }));
  }

  /** Ends every open watch stream, as an apiserver restart would. */
  closeAll(): void {
    for (const w of [...this.open]) w.close();
  }

  /**
   * Answers a watch as if its resourceVersion had been compacted away: the stream opens,
   * carries one ERROR event with a 410 Expired Status and ends, which client-go's reflector
   * and client-node's ListWatch both answer with a relist. Serves the watch-expiry fault.
   */
  expire(res: ServerResponse, requestedRv: string, table: boolean): void {
    // As if everything up to now were compacted: the oldest version left is the current one.
    const message = `too old resource version: ${requestedRv === '' ? '0' : requestedRv} (${this.store.resourceVersion})`;
    this.refuse(res, gone(message), table);
  }

  /**
   * Answers a watch with the cacher's error watcher (`newErrWatcher`): the stream opens,
   * carries one ERROR event with `err`'s Status, and ends.
   */
  refuse(res: ServerResponse, err: ApiError, table: boolean): void {
    writeWatchHead(res, table);
    sendErrorEvent(res, err);
  }

  serve(res: ServerResponse, w: WatchRequest): void {
    writeWatchHead(res, w.table !== undefined);
    let first = true;
    const send = (type: EventType, object: KObject, event?: StoredEvent): void => {
      res.write(this.encode(type, object, w, first, event));
      first = false;
    };
    const backlog = w.fromRv === undefined ? undefined : this.store.eventsAfter(w.fromRv);
    if (w.fromRv !== undefined && backlog === undefined) {
      const oldest = this.store.compactedResourceVersion + 1;
      sendErrorEvent(res, gone(`too old resource version: ${w.fromRv} (${oldest})`));
      return;
    }
    // A watch from a version the store has not reached sees no event up to that version and no
    // bookmark before the store gets there: the cacher's watchers send only what is newer.
    const startRv = w.fromRv ?? 0;
    const deliver = (e: StoredEvent): void => {
      if (e.resource !== w.rt.key || e.rv <= startRv) return;
      const type = transition(e, w);
      if (type) send(type, e.object, e);
    };
    if (w.fromRv === undefined) {
      for (const obj of this.store.list(w.rt.key, w.namespace))
        if (w.filter(obj)) send('ADDED', obj);
      if (w.initialEventsEnd) send('BOOKMARK', this.bookmark(w.rt, true));
    } else {
      for (const e of backlog ?? []) deliver(e);
    }
    const unsubscribe = this.store.subscribe(deliver);
    const timers: TimerHandle[] = [];
    const tick = (): void => {
      if (this.store.resourceVersion >= startRv) send('BOOKMARK', this.bookmark(w.rt, false));
      timers[1] = this.clock.setTimeout(tick, this.bookmarkIntervalMs);
    };
    const entry: OpenWatch = {
      rt: w.rt,
      namespace: w.namespace,
      close: () => {
        if (!this.open.delete(entry)) return;
        unsubscribe();
        for (const t of timers) if (t) this.clock.clearTimeout(t);
        res.end();
      },
    };
    this.open.add(entry);
    timers[0] = this.clock.setTimeout(entry.close, w.timeoutMs);
    if (w.bookmarks) timers[1] = this.clock.setTimeout(tick, this.bookmarkIntervalMs);
    res.on('close', entry.close);
  }

  private bookmark(rt: ResourceType, initialEnd: boolean): KObject {
    const metadata: KObject['metadata'] = { resourceVersion: String(this.store.resourceVersion) };
    if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    return { kind: rt.kind, apiVersion: apiVersionOf(rt), metadata };
  }

  private encode(
    type: EventType,
    object: KObject,
    w: WatchRequest,
    first: boolean,
    event?: StoredEvent,
  ): string {
    if (w.table) {
      const rows = type === 'BOOKMARK' ? [] : [object];
      const table = toTable(w.rt.key, rows, this.clock.now(), {
        includeObject: w.table,
        noHeaders: !first,
        listMeta: { resourceVersion: object.metadata.resourceVersion ?? '' },
      });
      return JSON.stringify({ type, object: table }) + '\n';
    }
    if (!event) return JSON.stringify({ type, object }) + '\n';
    let byType = this.encoded.get(event);
    if (!byType) this.encoded.set(event, (byType = new Map()));
    let line = byType.get(type);
    if (line === undefined) byType.set(type, (line = JSON.stringify({ type, object }) + '\n'));
    return line;
  }
}

function writeWatchHead(res: ServerResponse, table: boolean): void {
  res.writeHead(200, {
    'Content-Type': table ? TABLE_CONTENT_TYPE : 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
}

/** The watch cache's answer to a watch it cannot serve: one ERROR event with the Status, then the end. */
function sendErrorEvent(res: ServerResponse, err: ApiError): void {
  res.end(JSON.stringify({ type: 'ERROR', object: err.toStatus() }) + '\n');
}

/** What a filtered watcher sees of a change: objects entering or leaving its selection. */
function transition(e: StoredEvent, w: WatchRequest): EventType | undefined {
  const inScope = (o: KObject | undefined): boolean =>
    o !== undefined &&
    (w.namespace === undefined || o.metadata.namespace === w.namespace) &&
    w.filter(o);
  if (e.type === 'ADDED') return inScope(e.object) ? 'ADDED' : undefined;
  if (e.type === 'DELETED') return inScope(e.previous) ? 'DELETED' : undefined;
  const before = inScope(e.previous);
  const after = inScope(e.object);
  if (before && after) return 'MODIFIED';
  if (after) return 'ADDED';
  return before ? 'DELETED' : undefined;
}
