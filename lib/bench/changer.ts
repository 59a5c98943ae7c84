import { mergePatch, wallNow } from './http';
import { podName } from './sim-cluster';

/**
 * The stream benchmark's load: pod changes at a steady rate, each a merge PATCH of the label
 * `bench-t=<wall-clock ms since the epoch when the PATCH was sent>` (one decimal) on the next
 * pod in turn. The dashboard's pod view carries labels, so every stream client can tell which
 * change an event is and how long it took to arrive.
 */

export const LABEL = 'bench-t';

export interface Change {
  /** The label value, which identifies the change. */
  t: string;
  /** Wall-clock ms when the PATCH was sent. */
  sentAt: number;
  /** HTTP status of the PATCH, once answered (0: transport error). */
  status?: number;
  replyMs?: number;
}

export class Changer {
  readonly changes: Change[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private due = 0;

  constructor(
    private readonly url: string,
    private readonly namespace: string,
    private readonly pods: number,
    private readonly perSecond: number,
  ) {}

  /** Starts sending, one change every 1/perSecond s. */
  start(): void {
    this.due = wallNow();
    this.tick();
  }

  /** Stops sending and waits for the PATCHes in flight. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all(this.inFlight);
  }

  /** The changes sent in [from, to), wall-clock ms. */
  sentBetween(from: number, to: number): Change[] {
    return this.changes.filter((c) => c.sentAt >= from && c.sentAt < to);
  }

  private tick(): void {
    this.send(podName(this.changes.length % this.pods));
    // A tick made late by a busy event loop is not made up with a burst: the benchmark
    // measures a steady rate, and the rate actually sent is reported.
    this.due = Math.max(this.due + 1000 / this.perSecond, wallNow());
    this.timer = setTimeout(() => this.tick(), Math.max(0, this.due - wallNow()));
  }

  private send(name: string): void {
    const sentAt = wallNow();
    const change: Change = { t: sentAt.toFixed(1), sentAt };
    this.changes.push(change);
    const finish = (status: number): void => {
      change.status = status;
      change.replyMs = wallNow() - sentAt;
    };
    const path = `/api/v1/namespaces/${this.namespace}/pods/${name}`;
    const patch = { metadata: { labels: { [LABEL]: change.t } } };
    const done = mergePatch(this.url, path, patch).status.then(finish, () => finish(0));
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
  }
}
