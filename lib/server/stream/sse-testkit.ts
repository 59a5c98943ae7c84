import 'server-only';

import type { StreamEvent, StreamSnapshot, StreamSource } from './hub';

/** One dispatched event as an EventSource would see it, or a comment. */
export interface ParsedEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: string;
}

/**
 * An EventSource-like parser for tests (WHATWG "event stream interpretation"): feed it text,
 * read dispatched events and comments. Lines end in LF, CR or CRLF.
 */
export class SseParser {
  readonly events: ParsedEvent[] = [];
  readonly comments: string[] = [];
  private buffer = '';
  private event = '';
  private id: string | undefined;
  private data: string[] = [];

  feed(text: string): void {
    this.buffer += text;
    for (;;) {
      const m = /\r\n|\r(?!$)|\n/.exec(this.buffer);
      if (m === null) return;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return void this.comments.push(line.slice(1).trimStart());
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
  }

  private dispatch(): void {
    if (this.data.length > 0) {
      this.events.push({ event: this.event || 'message', id: this.id, data: this.data.join('\n') });
    }
    this.event = '';
    this.data = [];
  }
}

/** A {@link StreamSource} over a counter with a ring buffer of the last `ringSize` events. */
export class FakeSource implements StreamSource {
  seq = 0;
  subscribers = new Set<(e: StreamEvent) => void>();
  private ring: StreamEvent[] = [];

  constructor(private readonly ringSize = 100) {}

  snapshot(): StreamSnapshot {
    return { seq: this.seq, data: { count: this.seq } };
  }

  since(seq: number): readonly StreamEvent[] | undefined {
    if (seq > this.seq) return undefined;
    const oldest = this.ring[0]?.seq ?? this.seq + 1;
    if (seq < oldest - 1) return undefined;
    return this.ring.filter((e) => e.seq > seq);
  }

  subscribe(fn: (e: StreamEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  /** Appends one event and delivers it synchronously; returns it. */
  emit(event = 'upsert', data: unknown = {}): StreamEvent {
    const e = { seq: ++this.seq, event, data };
    this.ring.push(e);
    if (this.ring.length > this.ringSize) this.ring.shift();
    for (const fn of this.subscribers) fn(e);
    return e;
  }
}

/** Reads a stream into an {@link SseParser} in the background. */
export function consume(stream: ReadableStream<Uint8Array>): {
  parser: SseParser;
  done: Promise<unknown>;
} {
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  const done = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return undefined;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  })().catch((err: unknown) => err);
  return { parser, done };
}

/** Resolves once `check()` holds, polling every macrotask; rejects after `ms`. */
export async function until(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
