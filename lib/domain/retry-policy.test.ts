import { describe, expect, it } from 'vitest';

import type { EvictionOutcome } from './eviction-outcome';
import {
  BACKOFF_CAP_SECONDS,
  MAX_CONSECUTIVE_FAILURES,
  answeredInFlight,
  backoffMs,
  expireIfDue,
  nextState,
  planWakes,
  retryReasonCode,
  shouldWakeNow,
  type AttemptAnswer,
  type BudgetSide,
  type RetryEntry,
  type RetryState,
  type Waiter,
} from './retry-policy';
import { budgetView } from './test-views';

const T0 = Date.parse('2026-11-28T10:00:00Z');
const HOUR = 3_600_000;

function entry(over: Partial<RetryEntry> = {}): RetryEntry {
  return {
    id: 1,
    state: 'pending',
    createdAt: T0,
    deadline: T0 + HOUR,
    nextAttemptAt: T0,
    attempts: 0,
    consecutiveFailures: 0,
    blockedByStale: false,
    holdUntil: 0,
    reason: null,
    ...over,
  };
}

const fixed = (r: number) => () => r;
const at = (now: number, r = 0.5) => ({ now, random: fixed(r) });

describe('backoffMs', () => {
  it.each<{ n: number; random: number; after?: number; ms: number }>([
    { n: 1, random: 0, ms: 0 },
    { n: 1, random: 0.999, ms: 4995 },
    { n: 1, random: 0.5, ms: 2500 },
    { n: 2, random: 0.5, ms: 5000 },
    { n: 3, random: 0.5, ms: 10_000 },
    { n: 4, random: 0.5, ms: 20_000 },
    { n: 5, random: 0.5, ms: 30_000 },
    { n: 6, random: 0.5, ms: 30_000 },
    { n: 40, random: 0.999, ms: 59_940 },
    { n: 1, random: 0.5, after: 10, ms: 10_000 },
    { n: 5, random: 0.5, after: 10, ms: 30_000 },
    { n: 1, random: 0, after: 0, ms: 0 },
  ])(
    'retry $n with random $random and Retry-After $after waits $ms ms',
    ({ n, random, after, ms }) => {
      expect(backoffMs(n, fixed(random), after)).toBe(ms);
    },
  );

  it('stays within [0, min(60, 5·2^(n-1))) s over the whole random range', () => {
    for (let n = 1; n <= 10; n += 1) {
      const ceiling = Math.min(BACKOFF_CAP_SECONDS, 5 * 2 ** (n - 1)) * 1000;
      for (const r of [0, 0.25, 0.5, 0.75, 0.999_999]) {
        const ms = backoffMs(n, fixed(r));
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});

describe('nextState', () => {
  it.each<{ outcome: EvictionOutcome; state: RetryState; reason: string | null }>([
    { outcome: 'evicted', state: 'evicted', reason: null },
    { outcome: 'not-found', state: 'gone', reason: null },
    { outcome: 'replaced', state: 'replaced', reason: null },
    { outcome: 'multiple-budgets', state: 'failed', reason: 'msg' },
    { outcome: 'forbidden', state: 'failed', reason: 'msg' },
    { outcome: 'invalid', state: 'failed', reason: 'msg' },
    { outcome: 'rate-limited', state: 'pending', reason: null },
    { outcome: 'blocked', state: 'pending', reason: null },
    { outcome: 'queued', state: 'pending', reason: null },
    { outcome: 'error', state: 'pending', reason: null },
    { outcome: 'unreachable', state: 'pending', reason: null },
  ])('$outcome → $state', ({ outcome, state, reason }) => {
    const next = nextState(entry(), { outcome, message: 'msg' }, at(T0));
    expect(next.state).toBe(state);
    expect(next.reason).toBe(reason);
    expect(next.attempts).toBe(1);
  });

  it.each<{ answer: AttemptAnswer; r: number; at: number }>([
    { answer: { outcome: 'rate-limited', message: '', retryAfterSeconds: 7 }, r: 0, at: 7000 },
    { answer: { outcome: 'rate-limited', message: '', retryAfterSeconds: 1 }, r: 0.8, at: 4000 },
    { answer: { outcome: 'blocked', message: '', retryAfterSeconds: 10 }, r: 0.2, at: 10_000 },
    { answer: { outcome: 'blocked', message: '' }, r: 0.2, at: 1000 },
    { answer: { outcome: 'error', message: '' }, r: 1 / 5, at: 1000 },
  ])('$answer.outcome with Retry-After $answer.retryAfterSeconds schedules at +$at ms', (c) => {
    expect(nextState(entry(), c.answer, at(T0, c.r)).nextAttemptAt).toBe(T0 + c.at);
  });

  it('doubles the backoff ceiling with each blocked answer', () => {
    let e = entry();
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      e = nextState(e, { outcome: 'blocked', message: '' }, at(T0, 0.5));
      waits.push(e.nextAttemptAt - T0);
    }
    expect(waits).toEqual([2500, 5000, 10_000, 20_000, 30_000, 30_000]);
    expect(e.consecutiveFailures).toBe(0);
  });

  it(`fails after ${MAX_CONSECUTIVE_FAILURES} consecutive errors, not before`, () => {
    let e = entry();
    for (let i = 1; i < MAX_CONSECUTIVE_FAILURES; i += 1) {
      e = nextState(e, { outcome: i % 2 ? 'error' : 'unreachable', message: 'boom' }, at(T0));
      expect(e).toMatchObject({ state: 'pending', consecutiveFailures: i });
    }
    e = nextState(e, { outcome: 'error', message: 'boom' }, at(T0));
    expect(e).toMatchObject({ state: 'failed', reason: 'boom' });
  });

  it('resets the failure count on a block', () => {
    const e = entry({ consecutiveFailures: MAX_CONSECUTIVE_FAILURES - 1 });
    const blocked = nextState(e, { outcome: 'blocked', message: '' }, at(T0));
    expect(blocked.consecutiveFailures).toBe(0);
    expect(nextState(blocked, { outcome: 'error', message: '' }, at(T0)).state).toBe('pending');
  });

  it.each<{ now: number; after?: number; state: RetryState }>([
    { now: T0 + HOUR - 60_000, state: 'pending' },
    { now: T0 + HOUR - 1000, state: 'pending' },
    { now: T0 + HOUR - 60_000, after: 120, state: 'pending' },
    { now: T0 + HOUR, state: 'expired' },
  ])('a retry answered at $now with Retry-After $after is $state', ({ now, after, state }) => {
    const answer: AttemptAnswer = {
      outcome: 'rate-limited',
      message: '',
      ...(after !== undefined ? { retryAfterSeconds: after } : {}),
    };
    const next = nextState(entry(), answer, at(now, 0.5));
    expect(next.state).toBe(state);
    if (state === 'pending') expect(next.nextAttemptAt).toBeLessThanOrEqual(T0 + HOUR);
  });

  it('holds the entry until its next attempt after throttling or an error, not after a block', () => {
    const throttled = nextState(
      entry(),
      { outcome: 'rate-limited', message: '', retryAfterSeconds: 7 },
      at(T0, 0),
    );
    expect(throttled.holdUntil).toBe(T0 + 7000);
    expect(nextState(entry(), { outcome: 'error', message: '' }, at(T0, 0.5)).holdUntil).toBe(
      T0 + 2500,
    );
    expect(nextState(throttled, { outcome: 'blocked', message: '' }, at(T0, 0.5)).holdUntil).toBe(
      0,
    );
  });

  it('lets an accepted eviction win over a passed deadline', () => {
    expect(nextState(entry(), { outcome: 'evicted', message: '' }, at(T0 + 2 * HOUR)).state).toBe(
      'evicted',
    );
  });

  it('records whether the block was a stale status', () => {
    const answer: AttemptAnswer = { outcome: 'blocked', message: '', stale: true };
    expect(nextState(entry(), answer, at(T0)).blockedByStale).toBe(true);
    const later = nextState(entry({ blockedByStale: true }), { ...answer, stale: false }, at(T0));
    expect(later.blockedByStale).toBe(false);
  });

  it.each<RetryState>(['evicted', 'gone', 'replaced', 'failed', 'cancelled', 'expired'])(
    'leaves a %s entry unchanged',
    (state) => {
      const e = entry({ state });
      expect(nextState(e, { outcome: 'evicted', message: '' }, at(T0))).toBe(e);
    },
  );
});

describe('expireIfDue', () => {
  it.each<{ state: RetryState; now: number; to: RetryState }>([
    { state: 'pending', now: T0 + HOUR - 1, to: 'pending' },
    { state: 'pending', now: T0 + HOUR, to: 'expired' },
    { state: 'evicted', now: T0 + 2 * HOUR, to: 'evicted' },
  ])('$state at $now → $to', ({ state, now, to }) => {
    expect(expireIfDue(entry({ state }), now).state).toBe(to);
  });

  it('gives the reason a code, and no code to reasons it did not write', () => {
    const expired = expireIfDue(entry(), T0 + HOUR);
    expect(expired.reason).toBe('The deadline passed before the eviction was accepted.');
    expect(retryReasonCode(expired.reason)).toBe('deadline-passed');
    expect(retryReasonCode('Cancelled by operator.')).toBeNull();
    expect(retryReasonCode(null)).toBeNull();
  });
});

describe('shouldWakeNow', () => {
  const stale = budgetView('web', { generation: 2, observedGeneration: 1, disruptionsAllowed: 0 });
  const closed = budgetView('web', { disruptionsAllowed: 0 });
  const open = budgetView('web', { disruptionsAllowed: 1 });
  const later = T0 + 30_000;

  it.each<{
    name: string;
    budget: ReturnType<typeof budgetView> | undefined;
    e: Partial<RetryEntry>;
    inFlight: number;
    now: number;
    wake: string | null;
  }>([
    { name: 'room', budget: open, e: { nextAttemptAt: later }, inFlight: 0, now: T0, wake: 'room' },
    {
      name: 'room taken',
      budget: open,
      e: { nextAttemptAt: later },
      inFlight: 1,
      now: T0,
      wake: null,
    },
    { name: 'room taken, timer due', budget: open, e: {}, inFlight: 1, now: T0, wake: null },
    {
      name: 'closed, timer not due',
      budget: closed,
      e: { nextAttemptAt: later },
      inFlight: 0,
      now: T0,
      wake: null,
    },
    {
      name: 'closed, timer due',
      budget: closed,
      e: { nextAttemptAt: later },
      inFlight: 0,
      now: later,
      wake: 'backoff',
    },
    {
      name: 'recomputed',
      budget: closed,
      e: { nextAttemptAt: later, blockedByStale: true },
      inFlight: 0,
      now: T0,
      wake: 'recomputed',
    },
    {
      name: 'recomputed, one in flight',
      budget: closed,
      e: { nextAttemptAt: later, blockedByStale: true },
      inFlight: 1,
      now: T0,
      wake: null,
    },
    {
      name: 'still stale',
      budget: stale,
      e: { nextAttemptAt: later, blockedByStale: true },
      inFlight: 0,
      now: T0,
      wake: null,
    },
    {
      name: 'no budget, timer not due',
      budget: undefined,
      e: { nextAttemptAt: later },
      inFlight: 0,
      now: T0,
      wake: null,
    },
    {
      name: 'no budget, timer due',
      budget: undefined,
      e: {},
      inFlight: 0,
      now: T0,
      wake: 'backoff',
    },
    {
      name: 'not pending',
      budget: open,
      e: { state: 'cancelled' },
      inFlight: 0,
      now: T0,
      wake: null,
    },
    { name: 'past deadline', budget: open, e: {}, inFlight: 0, now: T0 + HOUR, wake: null },
    {
      name: 'room, held by Retry-After',
      budget: open,
      e: { holdUntil: T0 + 1 },
      inFlight: 0,
      now: T0,
      wake: null,
    },
    {
      name: 'stale status showing room',
      budget: budgetView('web', { generation: 2, observedGeneration: 1, disruptionsAllowed: 1 }),
      e: { nextAttemptAt: later },
      inFlight: 0,
      now: T0,
      wake: null,
    },
  ])('$name → $wake', ({ budget, e, inFlight, now, wake }) => {
    expect(shouldWakeNow(budget, entry(e), inFlight, now)).toBe(wake);
  });
});

describe('planWakes', () => {
  const open = (allowed: number) => budgetView('web', { disruptionsAllowed: allowed });
  const waiter = (over: Partial<RetryEntry> & { budgetKey?: string }): Waiter => ({
    ...entry(over),
    budgetKey: over.budgetKey ?? 'shop/web',
  });
  const line = [
    waiter({ id: 4, createdAt: T0 + 2000, nextAttemptAt: T0 }),
    waiter({ id: 3, createdAt: T0 + 1000, nextAttemptAt: T0 + 60_000 }),
    waiter({ id: 2, createdAt: T0 + 1000, nextAttemptAt: T0 + 60_000 }),
    waiter({ id: 1, createdAt: T0 + 3000, state: 'evicted' }),
    waiter({ id: 5, createdAt: T0, nextAttemptAt: T0 + 60_000 }),
  ];
  const plan = (
    waiters: readonly Waiter[],
    side: (key: string) => BudgetSide,
    now = T0,
  ): string[] => planWakes(waiters, side, now).wakes.map((w) => `${w.entry.id}:${w.reason}`);

  it.each<{ allowed: number; busy: number; wakes: string[] }>([
    { allowed: 1, busy: 0, wakes: ['5:room'] },
    { allowed: 2, busy: 0, wakes: ['5:room', '2:room'] },
    { allowed: 3, busy: 1, wakes: ['5:room', '2:room'] },
    { allowed: 10, busy: 0, wakes: ['5:room', '2:room', '3:room', '4:room'] },
    { allowed: 1, busy: 1, wakes: [] },
    { allowed: 1, busy: 2, wakes: [] },
  ])('room: allowed $allowed, busy $busy → first come first served $wakes', (c) => {
    expect(plan(line, () => ({ budget: open(c.allowed), busy: c.busy }))).toEqual(c.wakes);
  });

  it('without room only the first in line probes, when its timer is due', () => {
    const side = () => ({ budget: open(0), busy: 0 });
    expect(plan(line, side)).toEqual([]);
    expect(plan(line, side, T0 + 60_000)).toEqual(['5:backoff']);
    expect(plan(line, () => ({ budget: open(0), busy: 1 }), T0 + 60_000)).toEqual([]);
  });

  it('wakes the first in line when the stale status it was refused for is recomputed', () => {
    const waiters = [waiter({ id: 7, nextAttemptAt: T0 + 60_000, blockedByStale: true })];
    const stale = budgetView('web', {
      generation: 2,
      observedGeneration: 1,
      disruptionsAllowed: 0,
    });
    expect(plan(waiters, () => ({ budget: stale, busy: 0 }))).toEqual([]);
    expect(plan(waiters, () => ({ budget: open(0), busy: 0 }))).toEqual(['7:recomputed']);
  });

  it('keeps budgets apart, and a waiter without a known budget on its own timer', () => {
    const waiters = [
      waiter({ id: 1, budgetKey: 'shop/web' }),
      waiter({ id: 2, budgetKey: 'shop/api' }),
      waiter({ id: 3, budgetKey: '#3' }),
      waiter({ id: 4, budgetKey: '#4', nextAttemptAt: T0 + 1 }),
    ];
    const sides: Record<string, BudgetSide> = {
      'shop/web': { budget: open(1), busy: 0 },
      'shop/api': { budget: open(0), busy: 1 },
    };
    const side = (key: string) => sides[key] ?? { budget: undefined, busy: 0 };
    expect(plan(waiters, side)).toEqual(['1:room', '3:backoff']);
  });

  it('looks again at the first in line’s next attempt or the earliest deadline, whichever is first', () => {
    const closed = () => ({ budget: open(0), busy: 0 });
    expect(planWakes(line, closed, T0).nextAt).toBe(T0 + 60_000);
    const soon = [...line, waiter({ id: 6, createdAt: T0 + 5000, deadline: T0 + 10_000 })];
    expect(planWakes(soon, closed, T0).nextAt).toBe(T0 + 10_000);
    // A waiter behind the first in line never sets the timer, even when its own is overdue.
    const behind = [
      waiter({ id: 1, createdAt: T0, nextAttemptAt: T0 + 30_000 }),
      waiter({ id: 2, createdAt: T0 + 1, nextAttemptAt: T0 - 1 }),
    ];
    expect(planWakes(behind, closed, T0)).toEqual({ wakes: [], nextAt: T0 + 30_000 });
    // While an attempt for the budget is in flight, its answer (not a timer) comes next.
    expect(planWakes(behind, () => ({ budget: open(0), busy: 1 }), T0).nextAt).toBe(T0 + HOUR);
  });

  it('skips a waiter held by throttling when the budget has room, and looks again when it ends', () => {
    const waiters = [
      waiter({ id: 1, createdAt: T0, holdUntil: T0 + 9000 }),
      waiter({ id: 2, createdAt: T0 + 1 }),
    ];
    expect(planWakes(waiters, () => ({ budget: open(1), busy: 0 }), T0)).toEqual({
      wakes: [{ entry: waiters[1], reason: 'room' }],
      nextAt: T0 + 9000,
    });
  });

  it('never wakes a waiter past its deadline', () => {
    const late = [waiter({ id: 9, deadline: T0 })];
    expect(plan(late, () => ({ budget: open(5), busy: 0 }))).toEqual([]);
  });

  it('does not reorder its input', () => {
    plan(line, () => ({ budget: open(10), busy: 0 }));
    expect(line.map((e) => e.id)).toEqual([4, 3, 2, 1, 5]);
  });
});

describe('answeredInFlight', () => {
  const cancelled = entry({ state: 'cancelled', reason: 'Cancelled by ops.', attempts: 2 });

  it('is nextState for an entry still pending', () => {
    const answer: AttemptAnswer = { outcome: 'blocked', message: '' };
    expect(answeredInFlight(entry(), answer, at(T0))).toEqual(nextState(entry(), answer, at(T0)));
  });

  it.each<[EvictionOutcome, RetryState]>([
    ['evicted', 'evicted'],
    ['not-found', 'gone'],
    ['replaced', 'replaced'],
  ])('records a cancelled entry whose attempt was answered %s as %s', (outcome, state) => {
    expect(answeredInFlight(cancelled, { outcome, message: '' }, at(T0))).toMatchObject({
      state,
      attempts: 3,
      reason: `Cancelled by ops. The attempt already in flight was answered: ${state}.`,
    });
  });

  it('keeps a cancelled entry cancelled when the answer changed nothing', () => {
    expect(answeredInFlight(cancelled, { outcome: 'blocked', message: '' }, at(T0))).toEqual({
      ...cancelled,
      attempts: 3,
    });
  });
});
