import type { ClientRequest } from 'node:http';

import { expectOk } from '../sim/bench/bench-kit';
import type { DrainObservations, PodTrack } from './drain-figures';
import type { OriginalPod } from './drain-scenario';
import { call, json, wallNow } from './http';
import { NAMESPACE } from './retries-scenario';
import { openWatch } from './retries-watch';

/**
 * The drain benchmark's eyes on the cluster, the same for every tool: plain watches of the
 * pods and budgets of the scenario's namespace, each event timed when its chunk arrives.
 *
 * - An original pod's eviction is accepted at the first event showing its `deletionTimestamp`
 *   (with its `deletionGracePeriodSeconds`), or at its DELETED event had it none; it is gone
 *   at its DELETED event.
 * - A replacement is any other pod of the namespace; it counts once it is first seen Ready.
 * - A budget reopens when its `status.disruptionsAllowed` goes from 0 to more.
 */

interface Meta {
  name?: string;
  uid?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
}

interface PodEvent {
  type: string;
  object: {
    metadata?: Meta;
    spec?: { nodeName?: string };
    status?: { conditions?: { type: string; status: string }[] };
  };
}

interface BudgetEvent {
  type: string;
  object: { metadata?: Meta; status?: { disruptionsAllowed?: number } };
}

export class DrainObserver {
  /** Original pod name → what was seen of it. */
  readonly tracks = new Map<string, PodTrack>();
  /** Budget → its reopens, in order. */
  readonly reopens = new Map<string, number[]>();
  /** Replacement UID → when it was first seen Ready. */
  readonly ready = new Map<string, number>();
  /** Replacement UID → the node it was bound to. */
  readonly placed = new Map<string, string>();
  /** Why a watch ended early, if one did. */
  endedEarly: string | undefined;
  private readonly allowed = new Map<string, number | undefined>();
  private readonly originalUids: Set<string>;
  private readonly requests: ClientRequest[] = [];
  private readonly waiters = new Set<() => void>();
  private closed = false;

  private constructor(readonly originals: ReadonlyMap<string, OriginalPod>) {
    this.originalUids = new Set([...originals.values()].map((p) => p.uid));
  }

  /** Opens both watches from the current state of the namespace. */
  static async open(
    url: string,
    originals: ReadonlyMap<string, OriginalPod>,
  ): Promise<DrainObserver> {
    const o = new DrainObserver(originals);
    const pdbPath = `/apis/policy/v1/namespaces/${NAMESPACE}/poddisruptionbudgets`;
    const podPath = `/api/v1/namespaces/${NAMESPACE}/pods`;
    const pdbs = json<{ metadata: { resourceVersion: string }; items: BudgetEvent['object'][] }>(
      await expectOk(call(url, 'GET', pdbPath), 'list budgets'),
    );
    for (const b of pdbs.items) o.allowed.set(b.metadata?.name ?? '', b.status?.disruptionsAllowed);
    // One resourceVersion for both: the store's, so no event after the list is missed.
    const rv = pdbs.metadata.resourceVersion;
    await o.watch<BudgetEvent>(url, pdbPath, rv, (e, at) => o.budgetEvent(e, at));
    await o.watch<PodEvent>(url, podPath, rv, (e, at) => o.podEvent(e, at));
    return o;
  }

  /** Every original pod is gone. */
  allGone(): boolean {
    return [...this.originals.keys()].every((n) => this.tracks.get(n)?.goneAt !== undefined);
  }

  /** Every original pod has a Ready replacement. */
  allReplaced(): boolean {
    return this.ready.size >= this.originals.size;
  }

  /** Replacements bound to `node`. */
  placedOn(node: string): number {
    return [...this.placed.values()].filter((n) => n === node).length;
  }

  /** Resolves once `done()` holds; rejects after `timeoutMs` or if a watch ends. */
  async until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = wallNow() + timeoutMs;
    while (!done()) {
      if (this.endedEarly !== undefined) throw new Error(`watch ended: ${this.endedEarly}`);
      const left = deadline - wallNow();
      if (left <= 0) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 1_000));
        this.waiters.add(wake);
      });
    }
  }

  /** What the figures are computed from, for a run started at `startedAt`. */
  observations(startedAt: number): DrainObservations {
    return {
      startedAt,
      budgets: new Map([...this.originals].map(([n, p]) => [n, p.budget])),
      tracks: this.tracks,
      reopens: this.reopens,
      replacementsReady: [...this.ready.values()],
    };
  }

  close(): void {
    this.closed = true;
    for (const r of this.requests) r.destroy();
  }

  private watch<E>(
    url: string,
    path: string,
    rv: string,
    onEvent: (e: E, at: number) => void,
  ): Promise<void> {
    const { request, opened } = openWatch<E>(url, path, rv, onEvent, (why) => {
      if (!this.closed) this.endedEarly ??= `${path}: ${why}`;
      this.wake();
    });
    this.requests.push(request);
    return opened;
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private budgetEvent(e: BudgetEvent, at: number): void {
    const name = e.object.metadata?.name;
    if (name === undefined || e.type === 'BOOKMARK') return;
    const next = e.type === 'DELETED' ? undefined : e.object.status?.disruptionsAllowed;
    if (this.allowed.get(name) === 0 && next !== undefined && next > 0) {
      this.reopens.set(name, [...(this.reopens.get(name) ?? []), at]);
    }
    this.allowed.set(name, next);
  }

  private podEvent(e: PodEvent, at: number): void {
    const meta = e.object.metadata ?? {};
    const { name, uid } = meta;
    if (name === undefined || uid === undefined || e.type === 'BOOKMARK') return;
    if (this.originalUids.has(uid)) {
      if (this.originals.get(name)?.uid !== uid) return;
      const t = this.tracks.get(name) ?? {};
      if (
        t.acceptedAt === undefined &&
        (meta.deletionTimestamp !== undefined || e.type === 'DELETED')
      ) {
        t.acceptedAt = at;
        t.grace = meta.deletionTimestamp === undefined ? 0 : meta.deletionGracePeriodSeconds;
      }
      if (e.type === 'DELETED') t.goneAt ??= at;
      this.tracks.set(name, t);
    } else if (e.type !== 'DELETED') {
      const node = e.object.spec?.nodeName;
      if (node !== undefined) this.placed.set(uid, node);
      const ready = e.object.status?.conditions?.some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      if (ready === true && !this.ready.has(uid)) this.ready.set(uid, at);
    }
    this.wake();
  }
}
