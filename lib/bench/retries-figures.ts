import { quantile } from '../sim/bench/bench-kit';

/**
 * The retry benchmark's figures, computed the same way for every tool from what the cluster
 * showed (see retries.ts for how each input is taken). Times are wall-clock ms.
 */

export interface RunObservations {
  /** When the tool was started or sent its first request. */
  startedAt: number;
  /** Each reopen of the budget (disruptionsAllowed 0 → > 0), in order. */
  reopens: readonly number[];
  /** Original pod name → when its accepted eviction was seen. */
  accepted: ReadonlyMap<string, number>;
  /** Pod name → the cluster's answers to its Eviction POSTs, in order. */
  answers: ReadonlyMap<string, readonly { at: number; code: number }[]>;
}

export interface RunFigures {
  /** For each reopen followed by an accepted eviction: that eviction's time − the reopen. */
  delays: number[];
  p50: number;
  p95: number;
  /** Reopens with no accepted eviction after them (the last one, once nothing is left). */
  unanswered: number;
  /** Σ over pods of accepted − first 429 (0 for a pod never refused). */
  blockedMs: number;
  /** Eviction requests for a pod after its first 429, the accepted one included. */
  retries: number;
  /** Of {@link retries}, those refused (429) again. */
  refusedRetries: number;
  /** Of {@link refusedRetries}, those within 1 s after a reopen (often just after its accept). */
  refusedAfterReopen: number;
  /** {@link retries} per blocked pod-minute; NaN when nothing was blocked. */
  perBlockedPodMinute: number;
  /** From the start to the last accepted eviction. */
  wallMs: number;
}

/** The delay from each reopen to the first accepted eviction at or after it. */
export function reopenDelays(
  reopens: readonly number[],
  accepted: readonly number[],
): { delays: number[]; unanswered: number } {
  const sorted = [...accepted].sort((a, b) => a - b);
  const delays: number[] = [];
  let unanswered = 0;
  for (const r of reopens) {
    const next = sorted.find((a) => a >= r);
    if (next === undefined) unanswered++;
    else delays.push(next - r);
  }
  return { delays, unanswered };
}

/** How soon after a reopen a refused retry counts as woken by it. */
const WOKEN_WITHIN_MS = 1_000;

/** Blocked time and the requests sent while blocked, per the definitions of {@link RunFigures}. */
export function blocking(
  accepted: ReadonlyMap<string, number>,
  answers: RunObservations['answers'],
  reopens: readonly number[] = [],
): Pick<RunFigures, 'blockedMs' | 'retries' | 'refusedRetries' | 'refusedAfterReopen'> {
  let blockedMs = 0;
  const later: { at: number; code: number }[] = [];
  for (const [pod, at] of accepted) {
    const list = answers.get(pod) ?? [];
    const first = list.find((a) => a.code === 429);
    if (first === undefined) continue;
    blockedMs += Math.max(0, at - first.at);
    later.push(...list.filter((a) => a.at > first.at));
  }
  const refused = later.filter((a) => a.code === 429);
  const woken = (t: number): boolean => reopens.some((r) => t >= r && t - r <= WOKEN_WITHIN_MS);
  return {
    blockedMs,
    retries: later.length,
    refusedRetries: refused.length,
    refusedAfterReopen: refused.filter((a) => woken(a.at)).length,
  };
}

export function figures(o: RunObservations): RunFigures {
  const times = [...o.accepted.values()];
  const { delays, unanswered } = reopenDelays(o.reopens, times);
  const sorted = [...delays].sort((a, b) => a - b);
  const blocked = blocking(o.accepted, o.answers, o.reopens);
  const { blockedMs, retries } = blocked;
  return {
    delays,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    unanswered,
    ...blocked,
    perBlockedPodMinute: blockedMs > 0 ? retries / (blockedMs / 60_000) : NaN,
    wallMs: times.length > 0 ? Math.max(...times) - o.startedAt : NaN,
  };
}
