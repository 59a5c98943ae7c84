import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';

import { LABEL } from './changer';
import { wallNow } from './http';
import { LineSplitter, SseParser, type SseEvent } from './sse-parser';

/**
 * The stream benchmark's readers: dashboard SSE clients, and one plain Kubernetes watch on the
 * embedded cluster as the baseline. Each notes, per change (its `bench-t` label), the
 * wall-clock time the chunk completing its event arrived; that time is taken before anything
 * in the chunk is parsed.
 */

/** One socket per stream, apart from the request agent. */
const streamAgent = new Agent({ keepAlive: false, maxSockets: Infinity });

interface Labelled {
  labels?: Record<string, string>;
  metadata?: { labels?: Record<string, string> };
}

/** What every reader records. */
abstract class Reader {
  /** bench-t label → wall-clock ms the event arrived (first arrival only). */
  readonly received = new Map<string, number>();
  /** Events received, a snapshot excepted. */
  events = 0;
  /** Change events carrying a bench-t already received. */
  duplicates = 0;
  /** Why the stream ended before {@link close}, if it did. */
  endedEarly: string | undefined;
  protected chunkAt = 0;
  protected req: ClientRequest | undefined;
  private closed = false;
  private onChange: (() => void) | undefined;

  /** Resolves with the next change received. */
  nextChange(): Promise<void> {
    return new Promise((resolve) => (this.onChange = resolve));
  }

  close(): void {
    this.closed = true;
    this.req?.destroy();
  }

  protected note(t: string | undefined): void {
    if (t === undefined) return;
    if (this.received.has(t)) this.duplicates++;
    else this.received.set(t, this.chunkAt);
    this.onChange?.();
    this.onChange = undefined;
  }

  protected open(url: URL, accept: string, feed: (chunk: string) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const ended = (why: string): void => {
        if (!this.closed) this.endedEarly ??= why;
      };
      this.req = request(url, { agent: streamAgent, headers: { Accept: accept } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`GET ${url.pathname}: HTTP ${res.statusCode}`));
        }
        this.read(res, feed, ended);
        resolve();
      });
      this.req.on('error', (e) => {
        ended(`request error: ${e.message}`);
        reject(e);
      });
      this.req.end();
    });
  }

  private read(res: IncomingMessage, feed: (c: string) => void, ended: (w: string) => void) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      this.chunkAt = wallNow();
      feed(chunk);
    });
    res.on('aborted', () => ended('aborted by the server'));
    res.on('error', (e) => ended(`response error: ${e.message}`));
    res.on('end', () => ended('ended by the server'));
  }
}

/**
 * A dashboard stream client: `snapshot`, then deltas. The snapshot is parsed only when asked
 * ({@link snapshotPods}): 50 clients parsing 5 MB each as it arrives would delay the other
 * clients' reads in this one process, where real clients each have their own CPU.
 */
export class StreamClient extends Reader {
  /** ms from sending the request to the arrival of the snapshot's last chunk. */
  snapshotMs = NaN;
  snapshotBytes = 0;
  private snapshot: string | undefined;
  private pods = 0;
  private snapshotDone: (() => void) | undefined;

  /** The number of pods in the snapshot (parses it the first time, then lets it go). */
  snapshotPods(): number {
    if (this.snapshot !== undefined) {
      this.pods = (JSON.parse(this.snapshot) as { pods: unknown[] }).pods.length;
      this.snapshot = undefined;
    }
    return this.pods;
  }

  /** Opens the stream and resolves once its snapshot has arrived (60 s at most). */
  static async connect(url: string, path: string): Promise<StreamClient> {
    const c = new StreamClient();
    const t0 = wallNow();
    const snapshot = new Promise<void>((r) => (c.snapshotDone = r));
    const parser = new SseParser((e) => c.event(e, t0));
    await c.open(new URL(path, url), 'text/event-stream', (chunk) => parser.feed(chunk));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no snapshot within 60 s')), 60_000);
    });
    await Promise.race([snapshot, timeout]).finally(() => clearTimeout(timer));
    return c;
  }

  private event(e: SseEvent, t0: number): void {
    if (e.event === 'snapshot') {
      this.snapshotMs = this.chunkAt - t0;
      this.snapshotBytes = Buffer.byteLength(e.data);
      this.snapshot = e.data;
      this.snapshotDone?.();
      return;
    }
    this.events++;
    if (e.event !== 'upsert') return;
    const data = JSON.parse(e.data) as { resource: string; view: Labelled };
    if (data.resource === 'pods') this.note(data.view.labels?.[LABEL]);
  }
}

/** A Kubernetes watch of one namespace's pods on the embedded cluster (JSON lines). */
export class WatchClient extends Reader {
  static async connect(url: string, namespace: string, rv: string): Promise<WatchClient> {
    const c = new WatchClient();
    const path = `/api/v1/namespaces/${namespace}/pods?watch=true&resourceVersion=${rv}`;
    const lines = new LineSplitter((line) => c.line(line));
    await c.open(new URL(path, url), 'application/json', (chunk) => lines.feed(chunk));
    return c;
  }

  private line(line: string): void {
    if (line.trim() === '') return;
    const ev = JSON.parse(line) as { type: string; object: Labelled };
    this.events++;
    if (ev.type === 'MODIFIED') this.note(ev.object.metadata?.labels?.[LABEL]);
  }
}
