import { budgetState } from './budget-state';
import type { EvictionOutcome } from './eviction-outcome';
import type { BudgetView } from './views';

/**
 * The pure policy of the durable retry queue (issue 6): what one attempt's answer does to an
 * entry, when to attempt next, and which waiters on a budget to wake. Time (ms since the epoch)
 * and randomness ([0, 1)) are inputs; nothing here reads a clock.
 * @see ../shared/docs/reliability-security.md §2.4
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
 */

export type RetryState =
  'pending' | 'evicted' | 'gone' | 'replaced' | 'failed' | 'cancelled' | 'expired';

/** Consecutive `error`/`unreachable` answers after which an entry is `failed`. */
export const MAX_CONSECUTIVE_FAILURES = 5;
export const BACKOFF_BASE_SECONDS = 5;
export const BACKOFF_CAP_SECONDS = 60;

/** The fields of an entry the policy reads and writes; times are ms since the epoch. */
export interface RetryEntry {
  readonly id: number;
  readonly state: RetryState;
  readonly createdAt: number;
  readonly deadline: number;
  readonly nextAttemptAt: number;
  /** Attempts answered so far; the n-th retry backs off by `n = attempts`. */
  readonly attempts: number;
  /** Answers in a row that count towards `failed`, reset by any other answer. */
  readonly consecutiveFailures: number;
  /** The last block was the budget's stale status, so its recomputation is worth a wake. */
  readonly blockedByStale: boolean;
  /**
   * No attempt before this time, whatever the budget shows: the backoff after an answer that
   * was not a budget's block (API throttling with its `Retry-After`, an error); 0 after a block.
   */
  readonly holdUntil: number;
  /** Why the entry ended, for `failed` and `expired`. */
  readonly reason: string | null;
}

/** One attempt's classified answer (a `Classified` fits), with whether the cause was staleness. */
export interface AttemptAnswer {
  readonly outcome: EvictionOutcome;
  readonly message: string;
  readonly retryAfterSeconds?: number;
  /** True when the budget refused because its status is still being processed. */
  readonly stale?: boolean;
}

/** Inputs that tests control: the time of the answer and a random number in [0, 1). */
export interface PolicyInputs {
  readonly now: number;
  readonly random: () => number;
}

/**
 * Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): for the n-th retry
 * (n ≥ 1), `delay = random() * min(60, 5 * 2^(n-1))` seconds, returned in ms. A `Retry-After`
 * from the cluster is a floor: `max(delay, retryAfter)`.
 */
export function backoffMs(n: number, random: () => number, retryAfterSeconds?: number): number {
  const ceiling = Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** Math.max(n - 1, 0));
  const delay = random() * ceiling;
  return Math.round(Math.max(delay, retryAfterSeconds ?? 0) * 1000);
}

function end(entry: RetryEntry, state: RetryState, reason: string | null = null): RetryEntry {
  return { ...entry, state, reason, attempts: entry.attempts + 1 };
}

const DEADLINE_PASSED = 'The deadline passed before the eviction was accepted.';

/** The reasons the policy writes itself, as stable codes for the UI's words. */
type RetryReasonCode = 'deadline-passed';

/** The code of an entry's `reason` when the policy wrote it; null for any other reason. */
export function retryReasonCode(reason: string | null): RetryReasonCode | null {
  return reason === DEADLINE_PASSED ? 'deadline-passed' : null;
}

/**
 * Schedules the next attempt, at the deadline at the latest (where {@link expireIfDue} ends the
 * entry, so a budget reopening until then still counts); `expired` when answered at or after it.
 * `hold`: the budget's room must not wake it sooner (the answer was not the budget's).
 */
function retry(
  entry: RetryEntry,
  { now, random }: PolicyInputs,
  change: {
    failures: number;
    stale: boolean;
    retryAfterSeconds: number | undefined;
    hold: boolean;
  },
): RetryEntry {
  if (now >= entry.deadline) return end(entry, 'expired', DEADLINE_PASSED);
  const attempts = entry.attempts + 1;
  const backoff = now + backoffMs(attempts, random, change.retryAfterSeconds);
  const nextAttemptAt = Math.min(backoff, entry.deadline);
  return {
    ...entry,
    attempts,
    nextAttemptAt,
    consecutiveFailures: change.failures,
    blockedByStale: change.stale,
    holdUntil: change.hold ? nextAttemptAt : 0,
  };
}

/**
 * What an attempt's answer does to a pending entry (eviction-semantics §3): 201 `evicted`; 404
 * `gone`; the UID precondition's 409 `replaced`; several budgets and 403 `failed`, not retried;
 * API-priority 429 and a budget's block retried (`Retry-After` as a floor); `error` and
 * `unreachable` retried with backoff and `failed` after {@link MAX_CONSECUTIVE_FAILURES} in a row;
 * throttling and errors hold the entry until its next attempt even if the budget has room. An
 * answer at or after the deadline that does not end the entry makes it `expired`. Entries not
 * pending are returned unchanged.
 */
export function nextState(
  entry: RetryEntry,
  answer: AttemptAnswer,
  inputs: PolicyInputs,
): RetryEntry {
  if (entry.state !== 'pending') return entry;
  const failures = entry.consecutiveFailures + 1;
  const after = answer.retryAfterSeconds;
  switch (answer.outcome) {
    case 'evicted':
      return end(entry, 'evicted');
    case 'not-found':
      return end(entry, 'gone');
    case 'replaced':
      return end(entry, 'replaced');
    case 'multiple-budgets':
    case 'forbidden':
    case 'invalid':
    case 'would-evict':
    case 'deleted':
      return end(entry, 'failed', answer.message);
    case 'blocked':
    case 'queued':
      return retry(entry, inputs, {
        failures: 0,
        stale: answer.stale ?? false,
        retryAfterSeconds: after,
        hold: false,
      });
    case 'rate-limited':
      return retry(entry, inputs, {
        failures: 0,
        stale: false,
        retryAfterSeconds: after,
        hold: true,
      });
    case 'error':
    case 'unreachable':
      if (failures >= MAX_CONSECUTIVE_FAILURES) return end(entry, 'failed', answer.message);
      return retry(entry, inputs, { failures, stale: false, retryAfterSeconds: after, hold: true });
    default: {
      const never: never = answer.outcome;
      return never;
    }
  }
}

/**
 * What the answer to an attempt in flight makes of its entry, as it is now. An entry cancelled while its attempt was in flight stays
 * cancelled, unless the cluster had accepted it, removed the pod or replaced it: the record
 * tells the truth, with the cancellation in its reason.
 */
export function answeredInFlight(
  current: RetryEntry,
  answer: AttemptAnswer,
  inputs: PolicyInputs,
): RetryEntry {
  if (current.state !== 'cancelled') return nextState(current, answer, inputs);
  const next = nextState({ ...current, state: 'pending' }, answer, inputs);
  if (next.state !== 'evicted' && next.state !== 'gone' && next.state !== 'replaced') {
    return { ...current, attempts: next.attempts };
  }
  return {
    ...next,
    reason: `${current.reason ?? 'Cancelled.'} The attempt already in flight was answered: ${next.state}.`,
  };
}

/** A pending entry whose deadline has passed is `expired`; any other is returned unchanged. */
export function expireIfDue(entry: RetryEntry, now: number): RetryEntry {
  return entry.state === 'pending' && now >= entry.deadline
    ? { ...entry, state: 'expired', reason: DEADLINE_PASSED }
    : entry;
}

/**
 * The evictions a budget has room for beyond `inFlight`: none while its status is stale (the API
 * server refuses every eviction under it until the disruption controller catches up).
 */
export function roomOf(budget: BudgetView, inFlight: number): number {
  if (budgetState(budget).kind === 'stale') return 0;
  return Math.max(budget.disruptionsAllowed - inFlight, 0);
}

/** Why a waiter wakes now: the budget has room, its status was recomputed, or its timer is due. */
export type WakeReason = 'room' | 'recomputed' | 'backoff';

/**
 * Whether to attempt `entry` now, and why; null to keep waiting. The wake policy: as soon
 * as the live model shows the blocking budget has room (`disruptionsAllowed > 0`, or its status
 * no longer stale after a stale block), otherwise on backoff. Never more in-flight evictions for
 * a budget than it allows: room counts `inFlight`, and a recomputation or a timer probes only when
 * nothing for the budget is in flight. Without a budget in the live model, only the timer wakes.
 */
export function shouldWakeNow(
  budget: BudgetView | undefined,
  entry: RetryEntry,
  inFlight: number,
  now: number,
): WakeReason | null {
  if (entry.state !== 'pending' || now >= entry.deadline || now < entry.holdUntil) return null;
  const due = now >= entry.nextAttemptAt;
  if (budget === undefined) return due ? 'backoff' : null;
  if (roomOf(budget, inFlight) > 0) return 'room';
  if (inFlight > 0) return null;
  if (entry.blockedByStale && budgetState(budget).kind !== 'stale') return 'recomputed';
  return due ? 'backoff' : null;
}

/** Orders waiters first come first served: by created time, ties by id. */
export function byArrival(a: RetryEntry, b: RetryEntry): number {
  return a.createdAt - b.createdAt || a.id - b.id;
}

/** A pending entry not in flight, with the key of the budget it waits on. */
export interface Waiter extends RetryEntry {
  /** `namespace/budget`; a waiter without a budget the live model knows has a key of its own. */
  readonly budgetKey: string;
}

/** What the queue knows of one budget key when it plans. */
export interface BudgetSide {
  /** The budget as the live model shows it; undefined when it cannot tell. */
  readonly budget: BudgetView | undefined;
  /** Evictions for it in flight, and accepted ones the live model does not show yet. */
  readonly busy: number;
}

/** What {@link planWakes} decides: whom to attempt now, and when to look again. */
export interface WakePlan<W extends Waiter> {
  readonly wakes: { entry: W; reason: WakeReason }[];
  /**
   * The earliest time a timer can change the plan (a first-in-line waiter's next attempt, any
   * deadline); Infinity when only the live budget or an answer can.
   */
  readonly nextAt: number;
}

/**
 * The waiters to attempt now, and why. Per budget, first come first served: when the budget
 * has room (see {@link roomOf}), the earliest `disruptionsAllowed - busy` waiters not held by
 * throttling or an error; otherwise only the first in line
 * may probe (its timer is due, or the stale status it was refused for has been recomputed), and
 * only while nothing for the budget is in flight. The others wait for room, so a budget that
 * reopens once is taken by one waiter and a blocked line costs one probe at a time.
 */
export function planWakes<W extends Waiter>(
  waiters: readonly W[],
  side: (budgetKey: string) => BudgetSide,
  now: number,
): WakePlan<W> {
  const lines = new Map<string, W[]>();
  let nextAt = Infinity;
  for (const w of waiters) {
    if (w.state !== 'pending' || now >= w.deadline) continue;
    nextAt = Math.min(nextAt, w.deadline);
    const line = lines.get(w.budgetKey) ?? [];
    line.push(w);
    lines.set(w.budgetKey, line);
  }
  const wakes: { entry: W; reason: WakeReason }[] = [];
  for (const [key, line] of lines) {
    line.sort(byArrival);
    const { budget, busy } = side(key);
    const room = budget === undefined ? 0 : roomOf(budget, busy);
    if (room > 0) {
      const held = line.filter((w) => now < w.holdUntil);
      for (const w of held) nextAt = Math.min(nextAt, w.holdUntil);
      const ready = line.filter((w) => now >= w.holdUntil).slice(0, room);
      for (const entry of ready) wakes.push({ entry, reason: 'room' });
      continue;
    }
    const [head] = line;
    if (head === undefined || busy > 0) continue;
    const reason = shouldWakeNow(budget, head, busy, now);
    if (reason !== null) wakes.push({ entry: head, reason });
    else nextAt = Math.min(nextAt, Math.max(head.nextAttemptAt, head.holdUntil));
  }
  return { wakes, nextAt };
}
