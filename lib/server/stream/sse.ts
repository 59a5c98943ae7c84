import 'server-only';

/**
 * Server-Sent Events framing (WHATWG HTML, "Server-sent events", event stream format):
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/** One named event: `event:` name, optional `id:` sequence number, JSON `data:`. */
export interface SseFrame {
  readonly event: string;
  readonly id?: number;
  readonly data: unknown;
}

/**
 * Response headers that keep proxies, compression and Next.js from buffering the stream
 * (reliability-security.md §3.3). `no-transform` also makes the `compression` middleware skip it.
 */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'Content-Encoding': 'none',
  'X-Accel-Buffering': 'no',
};

const encoder = new TextEncoder();
const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Formats one event. The data is JSON; any line breaks in it (pretty-printed JSON) become
 * separate `data:` lines, which an EventSource joins back with `\n`.
 * Throws a TypeError for an event name with a line break or an id that is not a safe
 * non-negative integer: either would corrupt the framing.
 */
export function formatEvent(frame: SseFrame): string {
  if (frame.event === '' || LINE_BREAK.test(frame.event)) {
    throw new TypeError(`invalid SSE event name ${JSON.stringify(frame.event)}`);
  }
  const lines = [`event: ${frame.event}`];
  if (frame.id !== undefined) {
    if (!Number.isSafeInteger(frame.id) || frame.id < 0) {
      throw new TypeError(`invalid SSE id ${frame.id}`);
    }
    lines.push(`id: ${frame.id}`);
  }
  const json = JSON.stringify(frame.data) ?? 'null';
  for (const line of json.split(LINE_BREAK)) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

/** Formats a comment (ignored by EventSource; keeps idle connections alive). */
export function formatComment(text: string): string {
  return `${text
    .split(LINE_BREAK)
    .map((line) => `: ${line}`)
    .join('\n')}\n\n`;
}

/** {@link formatEvent} as UTF-8 bytes. */
export function encodeEvent(frame: SseFrame): Uint8Array {
  return encoder.encode(formatEvent(frame));
}

/** The heartbeat comment `: ping`, as bytes. */
export const HEARTBEAT: Uint8Array = encoder.encode(formatComment('ping'));

/**
 * Parses a `Last-Event-ID` request header into a sequence number. Returns undefined when it is
 * absent or not a plain non-negative integer (the caller then sends a fresh snapshot).
 */
export function parseLastEventId(value: string | null | undefined): number | undefined {
  if (value == null || !/^\d{1,16}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}
