import { describe, expect, it } from 'vitest';

import { budgetNumbers, budgetState, isUnprocessed, neverCause } from './budget-state';
import { budgetView } from './test-views';
import type { BudgetView, ConditionView } from './views';

const syncFailed: ConditionView = {
  type: 'DisruptionAllowed',
  status: 'False',
  reason: 'SyncFailed',
  message: 'found no controllers for pod "web-1"',
  lastTransitionTime: '2026-11-28T09:00:00Z',
};

describe('budgetNumbers', () => {
  it.each<{ over: Partial<BudgetView>; resolved: number | null }>([
    { over: { minAvailable: 2 }, resolved: 2 },
    { over: { minAvailable: '50%', expectedPods: 3 }, resolved: 2 },
    { over: { minAvailable: null, maxUnavailable: '10%', expectedPods: 3 }, resolved: 1 },
    { over: { minAvailable: null, maxUnavailable: 0 }, resolved: 0 },
    { over: { minAvailable: null, maxUnavailable: null }, resolved: null },
    { over: { minAvailable: 'most' }, resolved: null },
  ])('resolves $over to $resolved', ({ over, resolved }) => {
    expect(budgetNumbers(budgetView('web', over)).resolved).toBe(resolved);
  });

  it('keeps the status counts, 0 as 0', () => {
    const numbers = budgetNumbers(
      budgetView('web', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 2 }),
    );
    expect(numbers).toEqual({
      rule: { field: 'minAvailable', value: 2 },
      resolved: 2,
      expectedPods: 3,
      desiredHealthy: 2,
      currentHealthy: 0,
      disruptionsAllowed: 0,
    });
  });
});

describe('isUnprocessed', () => {
  it.each([
    { generation: 1, observedGeneration: 1, want: false },
    { generation: 2, observedGeneration: 1, want: true },
    { generation: 1, observedGeneration: null, want: true },
    { generation: 1, observedGeneration: 0, want: true },
  ])('generation $generation observed $observedGeneration: $want', (c) => {
    expect(isUnprocessed(c)).toBe(c.want);
  });
});

describe('neverCause', () => {
  it.each<{ over: Partial<BudgetView>; want: ReturnType<typeof neverCause> }>([
    { over: {}, want: null },
    { over: { minAvailable: null, maxUnavailable: null }, want: 'no-rule' },
    { over: { minAvailable: null, maxUnavailable: 0 }, want: 'max-unavailable-zero' },
    { over: { minAvailable: null, maxUnavailable: '0%' }, want: 'max-unavailable-zero' },
    { over: { minAvailable: null, maxUnavailable: '1%', expectedPods: 10 }, want: null },
    { over: { minAvailable: null, maxUnavailable: '10%', expectedPods: 0 }, want: null },
    { over: { minAvailable: 3, expectedPods: 3 }, want: 'min-available-all' },
    { over: { minAvailable: 4, expectedPods: 3 }, want: 'min-available-all' },
    { over: { minAvailable: '100%', expectedPods: 3 }, want: 'min-available-all' },
    { over: { minAvailable: '95%', expectedPods: 10 }, want: 'min-available-all' },
    { over: { minAvailable: '90%', expectedPods: 10 }, want: null },
    // No pods expected: nothing to evict, not a configuration that blocks.
    { over: { minAvailable: 1, expectedPods: 0 }, want: null },
  ])('$over → $want', ({ over, want }) => {
    expect(neverCause(budgetView('web', over))).toBe(want);
  });
});

describe('budgetState', () => {
  it.each<{ why: string; over: Partial<BudgetView>; want: ReturnType<typeof budgetState> }>([
    { why: 'room for one', over: {}, want: { kind: 'allows', allowed: 1 } },
    {
      why: 'room for two',
      over: { minAvailable: null, maxUnavailable: 2, disruptionsAllowed: 2 },
      want: { kind: 'allows', allowed: 2 },
    },
    {
      why: '0 allowed is blocked',
      over: { disruptionsAllowed: 0, currentHealthy: 2 },
      want: { kind: 'blocked' },
    },
    {
      why: 'maxUnavailable 0',
      over: { minAvailable: null, maxUnavailable: 0, disruptionsAllowed: 0 },
      want: { kind: 'never', cause: 'max-unavailable-zero' },
    },
    {
      why: 'minAvailable equal to the expected pods',
      over: { minAvailable: 3, desiredHealthy: 3, disruptionsAllowed: 0 },
      want: { kind: 'never', cause: 'min-available-all' },
    },
    {
      why: 'a spec change not yet processed',
      over: { generation: 2, observedGeneration: 1 },
      want: { kind: 'stale', cause: 'unprocessed' },
    },
    {
      why: 'never processed, even if never passable',
      over: { observedGeneration: null, minAvailable: null, maxUnavailable: 0 },
      want: { kind: 'stale', cause: 'unprocessed' },
    },
    {
      why: 'the failsafe after a failed sync',
      over: { disruptionsAllowed: 0, conditions: [syncFailed] },
      want: { kind: 'stale', cause: 'sync-failed', message: syncFailed.message },
    },
  ])('$why', ({ over, want }) => {
    expect(budgetState(budgetView('web', over))).toEqual(want);
  });
});
