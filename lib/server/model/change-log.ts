import 'server-only';

import type { ChangeEvent } from '@/lib/domain/changes';

/**
 * The last `capacity` events of a change feed, in a fixed-size ring, so that a reconnecting
 * stream can resume from its Last-Event-ID instead of taking a fresh snapshot.
 */
export class ChangeLog {
  private readonly ring: (ChangeEvent | undefined)[];
  private next = 0;
  private count = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`change log capacity must be a positive integer, got ${capacity}`);
    }
    this.ring = new Array<ChangeEvent | undefined>(capacity);
  }

  /** Appends an event, overwriting the oldest once full. */
  push(event: ChangeEvent): void {
    this.ring[this.next] = event;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /**
   * The events after `seq`, oldest first, given that `latest` is the feed's last seq.
   * Undefined when events after `seq` have been overwritten or `seq` is ahead of the feed
   * (e.g. from before a restart): the caller must start over from a snapshot.
   */
  since(seq: number, latest: number): ChangeEvent[] | undefined {
    if (!Number.isInteger(seq) || seq > latest || seq < 0) return undefined;
    const wanted = latest - seq;
    if (wanted > this.count) return undefined;
    const out: ChangeEvent[] = [];
    for (let i = wanted; i > 0; i--) {
      const event = this.ring[(this.next - i + this.capacity) % this.capacity];
      if (event !== undefined) out.push(event);
    }
    return out;
  }
}
