/**
 * Line splitting and a small Server-Sent Events parser for the stream benchmark, linear in the
 * input however the chunks fall (a multi-megabyte snapshot is one line). The dashboard's own
 * SSE code is server-only, so the benchmark reads the stream as any client would.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/**
 * Splits decoded text into lines ending in LF or CRLF (the dashboard and the Kubernetes watch
 * both end lines with LF; a lone CR is not treated as a line break).
 */
export class LineSplitter {
  private pending: string[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  feed(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      let line = chunk.slice(start, nl);
      if (this.pending.length > 0) {
        line = this.pending.join('') + line;
        this.pending = [];
      }
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = nl + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.slice(start));
  }
}

/** One dispatched event: its name (`message` when unnamed), last `id:`, and joined `data:`. */
export interface SseEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: string;
}

/** Feeds lines to events and comments, as an EventSource dispatches them. */
export class SseParser {
  private readonly lines: LineSplitter;
  private event = '';
  private id: string | undefined;
  private data: string[] = [];

  constructor(
    private readonly onEvent: (e: SseEvent) => void,
    private readonly onComment: (text: string) => void = () => undefined,
  ) {
    this.lines = new LineSplitter((line) => this.line(line));
  }

  feed(chunk: string): void {
    this.lines.feed(chunk);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return this.onComment(line.slice(1).trimStart());
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
      this.onEvent({ event: this.event || 'message', id: this.id, data: this.data.join('\n') });
    }
    this.event = '';
    this.data = [];
  }
}
