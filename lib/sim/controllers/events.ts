import { rfc3339, type Clock } from '../clock';
import type { Registry } from '../api/registry';
import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';

const events = resourceType('events');

/**
 * Writes core/v1 Events the way client-go's recorder does: one object per (object, reason,
 * message), whose `count` and `lastTimestamp` grow when the same thing happens again.
 */
export class EventRecorder {
  private readonly recent = new Map<string, string>();
  /** The last name suffix handed out, so that names stay unique within one millisecond. */
  private lastNanos = 0n;

  constructor(
    private readonly registry: Registry,
    private readonly clock: Clock,
  ) {}

  record(
    obj: KObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    host?: string,
  ): void {
    const m = obj.metadata;
    const namespace = m.namespace || 'default';
    const key = `${m.uid ?? ''}|${reason}|${message}`;
    const now = rfc3339(this.clock.now());
    const existing = this.recent.get(key);
    if (existing && this.registry.tryGet(events, namespace, existing)) {
      this.registry.mutate(events, namespace, existing, (e) => {
        e.count = ((e.count as number | undefined) ?? 1) + 1;
        e.lastTimestamp = now;
      });
      return;
    }
    // client-go names an event `<object>.<hex UnixNano>`, so names sort by time: kubectl
    // describe keeps that order among events of the same second.
    let nanos = BigInt(Math.floor(this.clock.now())) * 1_000_000n;
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    const name = `${m.name ?? ''}.${nanos.toString(16)}`;
    const source: Record<string, string> = { component };
    if (host) source.host = host;
    this.registry.create(events, namespace, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        kind: obj.kind,
        namespace: m.namespace,
        name: m.name,
        uid: m.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: m.resourceVersion,
      },
      reason,
      message,
      source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: host ?? '',
    });
    // Bounded like client-go's LRU of recent events.
    if (this.recent.size >= 4096) this.recent.clear();
    this.recent.set(key, name);
  }
}
