import { Agent, request as request_, type ClientRequest } from 'node:http';

import { expectOk } from '../sim/bench/bench-kit';
import { call, json, wallNow } from './http';
import { DEPLOYMENT, NAMESPACE } from './retries-scenario';
import { LineSplitter } from './sse-parser';

/**
 * The retry benchmark's eyes on the cluster, the same for every tool: two plain watches
 * (`?watch=1`, JSON lines) on the scenario's namespace. Each event is timed (wall clock) when
 * its chunk arrives, before it is parsed.
 *
 * - A reopen is the budget's `status.disruptionsAllowed` going from 0 to more than 0.
 * - An accepted eviction is the first event showing an original pod with a
 *   `deletionTimestamp` (or its DELETED event, had the delete been immediate).
 */

const streamAgent = new Agent({ keepAlive: false, maxSockets: Infinity });

interface WatchEvent {
  type: string;
  object: {
    metadata?: { name?: string; uid?: string; deletionTimestamp?: string };
    status?: { disruptionsAllowed?: number };
  };
}

export class ClusterObserver {
  /** Wall-clock ms of each reopen of the budget, in order. */
  readonly reopens: number[] = [];
  /** Original pod name → wall-clock ms its accepted eviction was seen. */
  readonly accepted = new Map<string, number>();
  /** Why a watch ended early, if one did. */
  endedEarly: string | undefined;
  private allowed: number | undefined;
  private readonly requests: ClientRequest[] = [];
  private closed = false;
  private onAccepted: (() => void) | undefined;

  private constructor(private readonly originals: Map<string, string>) {}

  /** Opens both watches from the current state; `originals` maps pod name → UID. */
  static async open(url: string, originals: Map<string, string>): Promise<ClusterObserver> {
    const o = new ClusterObserver(originals);
    const pdbPath = `/apis/policy/v1/namespaces/${NAMESPACE}/poddisruptionbudgets`;
    const podPath = `/api/v1/namespaces/${NAMESPACE}/pods`;
    const pdbs = json<{ metadata: { resourceVersion: string }; items: WatchEvent['object'][] }>(
      await expectOk(call(url, 'GET', pdbPath), 'list budgets'),
    );
    o.allowed = pdbs.items.find((p) => p.metadata?.name === DEPLOYMENT)?.status?.disruptionsAllowed;
    // One resourceVersion for both: the store's, so no event after the list is missed.
    const rv = pdbs.metadata.resourceVersion;
    await o.watch(url, pdbPath, rv, (e, at) => o.budgetEvent(e, at));
    await o.watch(url, podPath, rv, (e, at) => o.podEvent(e, at));
    return o;
  }

  /** Resolves once every original pod's eviction was accepted, or rejects after `timeoutMs`. */
  async allAccepted(timeoutMs: number): Promise<void> {
    const deadline = wallNow() + timeoutMs;
    while (this.accepted.size < this.originals.size) {
      if (this.endedEarly !== undefined) throw new Error(`watch ended: ${this.endedEarly}`);
      const left = deadline - wallNow();
      if (left <= 0) {
        throw new Error(
          `only ${this.accepted.size} of ${this.originals.size} evictions accepted in ${timeoutMs / 1000} s`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1_000));
        this.onAccepted = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.closed = true;
    for (const r of this.requests) r.destroy();
  }

  private budgetEvent(e: WatchEvent, at: number): void {
    if (e.object.metadata?.name !== DEPLOYMENT || e.type === 'BOOKMARK') return;
    const next = e.type === 'DELETED' ? undefined : e.object.status?.disruptionsAllowed;
    if (this.allowed === 0 && next !== undefined && next > 0) this.reopens.push(at);
    this.allowed = next;
  }

  private podEvent(e: WatchEvent, at: number): void {
    const { name, uid, deletionTimestamp } = e.object.metadata ?? {};
    if (name === undefined || this.originals.get(name) !== uid || this.accepted.has(name)) return;
    if (deletionTimestamp === undefined && e.type !== 'DELETED') return;
    this.accepted.set(name, at);
    this.onAccepted?.();
  }

  private watch(
    url: string,
    path: string,
    rv: string,
    onEvent: (e: WatchEvent, at: number) => void,
  ): Promise<void> {
    const { request, opened } = openWatch<WatchEvent>(url, path, rv, onEvent, (why) => {
      if (!this.closed) this.endedEarly ??= `${path}: ${why}`;
    });
    this.requests.push(request);
    return opened;
  }
}

/**
 * A plain watch (`?watch=1`, JSON lines) of `path` from resourceVersion `rv`. Each event is
 * timed (wall clock) when its chunk arrives, before it is parsed. `opened` resolves once the
 * answer's head is a 200; `onEnd` tells why the stream ended or failed, whoever ended it
 * (destroying `request` ends it too).
 */
export function openWatch<E>(
  url: string,
  path: string,
  rv: string,
  onEvent: (e: E, at: number) => void,
  onEnd: (why: string) => void,
): { request: ClientRequest; opened: Promise<void> } {
  const target = new URL(`${path}?watch=1&resourceVersion=${rv}`, url);
  let request: ClientRequest | undefined;
  const opened = new Promise<void>((resolve, reject) => {
    let chunkAt = 0;
    const lines = new LineSplitter((line) => {
      if (line.trim() !== '') onEvent(JSON.parse(line) as E, chunkAt);
    });
    const req = request_(target, { agent: streamAgent }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`watch ${path}: HTTP ${res.statusCode}`));
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        chunkAt = wallNow();
        lines.feed(chunk);
      });
      res.on('end', () => onEnd('ended by the server'));
      res.on('error', (err) => onEnd(err.message));
      resolve();
    });
    req.on('error', (err) => {
      onEnd(err.message);
      reject(err);
    });
    req.end();
    request = req;
  });
  return { request: request as ClientRequest, opened };
}
