import { quantile } from '../sim/bench/bench-kit';
import { reopenDelays } from './retries-figures';

/**
 * The drain benchmark's figures (pure), computed the same way for every tool from what our
 * own watches of the cluster showed (drain-watch.ts) and from the cluster's `/metrics`.
 * Times are wall-clock ms.
 */

/** What the watches saw of an original pod. */
export interface PodTrack {
  /** The first event with its `deletionTimestamp` (or its DELETED event, had it no grace). */
  acceptedAt?: number;
  /** `deletionGracePeriodSeconds` then; 0 for a pod deleted without one. */
  grace?: number;
  /** Its DELETED event. */
  goneAt?: number;
}

export interface DrainObservations {
  /** When the tool was started (kubectl spawned, the drain POSTed). */
  startedAt: number;
  /** Original pod name → its budget. */
  budgets: ReadonlyMap<string, string>;
  /** Original pod name → what was seen of it. */
  tracks: ReadonlyMap<string, PodTrack>;
  /** Budget → each reopen (`disruptionsAllowed` 0 → more), in order. */
  reopens: ReadonlyMap<string, readonly number[]>;
  /** When each replacement was first seen Ready. */
  replacementsReady: readonly number[];
}

export interface DrainFigures {
  /** Start → every original pod gone (the node is empty): what a drain waits for. */
  goneMs: number;
  /** Start → every replacement Ready too; NaN if one never was. */
  completeMs: number;
  /** Start → the first accepted eviction. */
  firstAcceptedMs: number;
  /** Original pods deleted with grace 0 or without a graceful deletion. */
  graceZero: number;
  /** Each reopen of a budget → its next accepted eviction. */
  reactions: number[];
  reactionP50: number;
  reactionMax: number;
  /** Budget → start → its last pod gone. */
  budgetGoneMs: Map<string, number>;
}

const latest = (xs: readonly (number | undefined)[]): number =>
  xs.some((x) => x === undefined) ? NaN : Math.max(...(xs as number[]));

export function drainFigures(o: DrainObservations): DrainFigures {
  const tracks = [...o.budgets.keys()].map((name) => o.tracks.get(name) ?? {});
  const accepted = tracks.flatMap((t) => (t.acceptedAt === undefined ? [] : [t.acceptedAt]));
  const reactions: number[] = [];
  const budgetGoneMs = new Map<string, number>();
  for (const budget of new Set(o.budgets.values())) {
    const mine = [...o.budgets].filter(([, b]) => b === budget).map(([n]) => o.tracks.get(n));
    const times = mine.flatMap((t) => (t?.acceptedAt === undefined ? [] : [t.acceptedAt]));
    reactions.push(...reopenDelays(o.reopens.get(budget) ?? [], times).delays);
    budgetGoneMs.set(budget, latest(mine.map((t) => t?.goneAt)) - o.startedAt);
  }
  const sorted = [...reactions].sort((a, b) => a - b);
  const ready = o.replacementsReady;
  return {
    goneMs: latest(tracks.map((t) => t.goneAt)) - o.startedAt,
    completeMs: ready.length >= o.budgets.size ? Math.max(...ready) - o.startedAt : NaN,
    firstAcceptedMs: accepted.length > 0 ? Math.min(...accepted) - o.startedAt : NaN,
    graceZero: tracks.filter((t) => t.grace === 0).length,
    reactions,
    reactionP50: quantile(sorted, 0.5),
    reactionMax: sorted.length > 0 ? (sorted.at(-1) as number) : NaN,
    budgetGoneMs,
  };
}

/** The cluster's counters a run is judged by (from its `/metrics`). */
export interface SimCounters {
  /** `drainboard_sim_evictions_total` by code. */
  evictions: Map<string, number>;
  /** `drainboard_sim_evictions_repeated_total`. */
  repeated: number;
  /** `apiserver_request_total` of DELETE and DELETECOLLECTION on pods, not dry run. */
  podDeletes: number;
}

/** `name{a="1",b="2"} 3` → name, labels and value; undefined for comments and blank lines. */
export function parseSample(
  line: string,
): { name: string; labels: Record<string, string>; value: number } | undefined {
  const m = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
  if (m === null) return undefined;
  const labels: Record<string, string> = {};
  for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
    labels[l[1] as string] = (l[2] as string).replace(/\\(.)/g, (_, c: string) =>
      c === 'n' ? '\n' : c,
    );
  }
  return { name: m[1] as string, labels, value: Number(m[3]) };
}

export function parseSimCounters(text: string): SimCounters {
  const c: SimCounters = { evictions: new Map(), repeated: 0, podDeletes: 0 };
  for (const line of text.split('\n')) {
    const s = parseSample(line);
    if (s === undefined) continue;
    if (s.name === 'drainboard_sim_evictions_total') {
      const code = s.labels.code ?? '';
      c.evictions.set(code, (c.evictions.get(code) ?? 0) + s.value);
    } else if (s.name === 'drainboard_sim_evictions_repeated_total') {
      c.repeated += s.value;
    } else if (
      s.name === 'apiserver_request_total' &&
      (s.labels.verb === 'DELETE' || s.labels.verb === 'DELETECOLLECTION') &&
      s.labels.resource === 'pods' &&
      (s.labels.subresource ?? '') === '' &&
      (s.labels.dry_run ?? '') === ''
    ) {
      c.podDeletes += s.value;
    }
  }
  return c;
}

/** `after − before`, code by code. */
export function counterDelta(after: SimCounters, before: SimCounters): SimCounters {
  const evictions = new Map<string, number>();
  for (const [code, n] of after.evictions) {
    const d = n - (before.evictions.get(code) ?? 0);
    if (d !== 0) evictions.set(code, d);
  }
  return {
    evictions,
    repeated: after.repeated - before.repeated,
    podDeletes: after.podDeletes - before.podDeletes,
  };
}

/** Every eviction request, all codes. */
export const evictionRequests = (c: SimCounters): number =>
  [...c.evictions.values()].reduce((n, v) => n + v, 0);
