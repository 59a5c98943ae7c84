import type { Clock } from '../clock';
import type { KObject, StoredEvent, WatchEventType } from './types';

export interface StoreOptions {
  /** How long history is kept for watches to resume from (etcd's default compaction: 5 minutes). */
  historyWindowMs?: number;
  /** At most this many events are kept, whatever their age. */
  historyLimit?: number;
}

type Listener = (event: StoredEvent) => void;

interface Entry {
  event: StoredEvent;
  at: number;
}

/**
 * Versioned objects with one global, monotonic resourceVersion and a bounded history of
 * changes, like etcd under kube-apiserver. It knows nothing of Kubernetes semantics: the
 * registry decides what to write; the store numbers, keeps and announces it.
 */
export class Store {
  private revision = 1;
  /** resource key → namespace ('' for cluster-scoped) → name → object. */
  private readonly objects = new Map<string, Map<string, Map<string, KObject>>>();
  private history: Entry[] = [];
  /** Index of the oldest kept entry: entries before it are compacted. */
  private head = 0;
  private compactedThrough = 0;
  private readonly listeners = new Set<Listener>();
  private readonly windowMs: number;
  private readonly limit: number;

  constructor(
    private readonly clock: Clock,
    options: StoreOptions = {},
  ) {
    this.windowMs = options.historyWindowMs ?? 5 * 60_000;
    this.limit = options.historyLimit ?? 250_000;
  }

  /** The newest resourceVersion the store has handed out. */
  get resourceVersion(): number {
    return this.revision;
  }

  /** Events up to and including this resourceVersion are no longer kept. */
  get compactedResourceVersion(): number {
    return this.compactedThrough;
  }

  get(key: string, namespace: string, name: string): KObject | undefined {
    return this.objects.get(key)?.get(namespace)?.get(name);
  }

  /** Objects of a resource, in one namespace or all, ordered by namespace then name (etcd key order). */
  list(key: string, namespace?: string): KObject[] {
    const byNs = this.objects.get(key);
    if (!byNs) return [];
    const spaces = namespace === undefined ? [...byNs.keys()].sort() : [namespace];
    const out: KObject[] = [];
    for (const ns of spaces) {
      const names = byNs.get(ns);
      if (!names) continue;
      const sorted = [...names.keys()].sort();
      for (const name of sorted) out.push(names.get(name) as KObject);
    }
    return out;
  }

  /** Stores a new or changed object, stamping the next resourceVersion. The store owns `obj` afterwards. */
  put(key: string, obj: KObject): KObject {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name ?? '';
    const previous = this.get(key, ns, name);
    obj.metadata.resourceVersion = String(++this.revision);
    let byNs = this.objects.get(key);
    if (!byNs) this.objects.set(key, (byNs = new Map()));
    let names = byNs.get(ns);
    if (!names) byNs.set(ns, (names = new Map()));
    names.set(name, obj);
    this.record(key, previous ? 'MODIFIED' : 'ADDED', obj, previous);
    return obj;
  }

  /** Removes an object; the DELETED event carries it with the deletion's resourceVersion. */
  remove(key: string, namespace: string, name: string): KObject | undefined {
    const names = this.objects.get(key)?.get(namespace);
    const previous = names?.get(name);
    if (!names || !previous) return undefined;
    names.delete(name);
    const gone: KObject = {
      ...previous,
      metadata: { ...previous.metadata, resourceVersion: String(++this.revision) },
    };
    this.record(key, 'DELETED', gone, previous);
    return gone;
  }

  /**
   * Changes after `rv`, oldest first, or `undefined` when part of that history was compacted
   * away (the caller answers 410 Gone).
   */
  eventsAfter(rv: number): StoredEvent[] | undefined {
    if (rv < this.compactedThrough) return undefined;
    const out: StoredEvent[] = [];
    // History is ordered by rv: walk back from the newest to the first event after rv.
    let i = this.history.length - 1;
    while (i >= this.head && (this.history[i] as Entry).event.rv > rv) i--;
    for (let j = i + 1; j < this.history.length; j++) out.push((this.history[j] as Entry).event);
    return out;
  }

  /** Drops all history, as an etcd compaction at the current revision would. */
  compact(): void {
    this.history = [];
    this.head = 0;
    this.compactedThrough = this.revision;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(key: string, type: WatchEventType, object: KObject, previous?: KObject): void {
    const event: StoredEvent = { rv: this.revision, type, resource: key, object };
    if (previous) event.previous = previous;
    const now = this.clock.now();
    this.history.push({ event, at: now });
    this.trim(now);
    for (const listener of this.listeners) listener(event);
  }

  private trim(now: number): void {
    while (this.head < this.history.length) {
      const oldest = this.history[this.head] as Entry;
      const kept = this.history.length - this.head;
      if (kept <= this.limit && oldest.at >= now - this.windowMs) break;
      this.compactedThrough = oldest.event.rv;
      this.head++;
    }
    // Drop the dead prefix only once it is large, so that trimming stays O(1) per write.
    if (this.head > 1024 && this.head * 2 > this.history.length) {
      this.history = this.history.slice(this.head);
      this.head = 0;
    }
  }
}
