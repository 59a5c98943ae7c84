import { describe, expect, it } from 'vitest';

import { budgetConsumers } from './budget-consumers';
import { budgetView, podView } from './test-views';
import { podsToScaleUp, unblockOptions } from './unblock-options';
import type { BudgetView, PodView } from './views';

const NOW = Date.parse('2026-11-28T10:00:00Z');

describe('podsToScaleUp', () => {
  it.each<{ why: string; over: Partial<BudgetView>; want: number | null }>([
    {
      why: 'minAvailable 3 of 3 Ready: one more',
      over: { minAvailable: 3, expectedPods: 3, desiredHealthy: 3, currentHealthy: 3 },
      want: 1,
    },
    {
      why: 'minAvailable 3 of 3, 2 Ready: two more',
      over: { minAvailable: 3, expectedPods: 3, desiredHealthy: 3, currentHealthy: 2 },
      want: 2,
    },
    {
      why: 'minAvailable 50 % of 4, 2 Ready: the need grows too',
      over: { minAvailable: '50%', expectedPods: 4, desiredHealthy: 2, currentHealthy: 2 },
      want: 2,
    },
    {
      why: 'minAvailable 100 %: never',
      over: { minAvailable: '100%', expectedPods: 3, desiredHealthy: 3, currentHealthy: 3 },
      want: null,
    },
    {
      why: 'maxUnavailable: each new pod is expected too',
      over: { minAvailable: null, maxUnavailable: 1, desiredHealthy: 2, currentHealthy: 1 },
      want: null,
    },
  ])('$why', ({ over, want }) => {
    expect(podsToScaleUp(budgetView('web', { disruptionsAllowed: 0, ...over }))).toBe(want);
  });
});

function codes(budget: BudgetView, pods: PodView[]): [string, string[]][] {
  return unblockOptions(budget, budgetConsumers(budget, pods, NOW)).map((o) => [
    o.code,
    [...o.pods],
  ]);
}

describe('unblockOptions', () => {
  const ready = [podView('web-1'), podView('web-2')];

  it('offers waiting for replacements, retrying, scaling up and, last, deleting', () => {
    const budget = budgetView('web', {
      minAvailable: 2,
      expectedPods: 3,
      desiredHealthy: 2,
      currentHealthy: 2,
      disruptionsAllowed: 0,
    });
    const pods = [...ready, podView('web-3', { phase: 'Pending', isReady: false })];
    expect(codes(budget, pods)).toEqual([
      ['wait', ['web-3']],
      ['retry', []],
      ['scale-up', []],
      ['delete-pod', []],
    ]);
  });

  it('offers dealing with unhealthy pods, and no scale-up for maxUnavailable', () => {
    const budget = budgetView('web', {
      minAvailable: null,
      maxUnavailable: 1,
      expectedPods: 3,
      desiredHealthy: 2,
      currentHealthy: 1,
      disruptionsAllowed: 0,
    });
    const pods = [
      podView('web-1'),
      podView('web-2', { isReady: false }),
      podView('web-3', { isReady: false }),
    ];
    expect(codes(budget, pods)).toEqual([
      ['retry', []],
      ['delete-unhealthy', ['web-2', 'web-3']],
      ['always-allow', ['web-2', 'web-3']],
      ['delete-pod', []],
    ]);
  });

  it('does not suggest AlwaysAllow twice', () => {
    const budget = budgetView('web', {
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
      minAvailable: null,
      maxUnavailable: 1,
      desiredHealthy: 2,
      currentHealthy: 1,
      disruptionsAllowed: 0,
    });
    const pods = [podView('web-1'), podView('web-2', { isReady: false })];
    expect(codes(budget, pods).map(([code]) => code)).toEqual([
      'retry',
      'delete-unhealthy',
      'delete-pod',
    ]);
  });

  it('does not offer retrying a budget that can never pass', () => {
    const budget = budgetView('web', {
      minAvailable: null,
      maxUnavailable: 0,
      desiredHealthy: 3,
      disruptionsAllowed: 0,
    });
    expect(codes(budget, [...ready, podView('web-3')])).toEqual([['delete-pod', []]]);
  });
});
