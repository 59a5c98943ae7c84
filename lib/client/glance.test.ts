import { describe, expect, it } from 'vitest';

import { glanceBudgets, glancePods } from './glance';
import { budgetView, podView } from './test-views';

describe('glanceBudgets', () => {
  const budgets = [
    budgetView('web', { disruptionsAllowed: 1 }),
    budgetView('db', { disruptionsAllowed: 0 }),
    budgetView('api', { disruptionsAllowed: 0 }),
    budgetView('dns', { namespace: 'kube-system', disruptionsAllowed: 0 }),
  ];

  it('counts allowing and blocking budgets, 0 included', () => {
    const glance = glanceBudgets(budgets, null);
    expect(glance.total).toBe(4);
    expect(glance.allowing).toBe(1);
    expect(glance.blocked.map((b) => b.name)).toEqual(['dns', 'api', 'db']);
  });

  it('honours the namespace and says 0 when nothing blocks', () => {
    expect(glanceBudgets(budgets.slice(0, 1), 'shop')).toEqual({
      total: 1,
      allowing: 1,
      blocked: [],
    });
    expect(glanceBudgets(budgets, 'empty')).toEqual({ total: 0, allowing: 0, blocked: [] });
  });
});

describe('glancePods', () => {
  it('counts the pods of every group by the colour of their state', () => {
    const pods = [
      podView('a'),
      podView('b', { isReady: false }),
      podView('c', { deletionTimestamp: '2026-11-28T10:00:00Z' }),
      podView('d', { phase: 'Pending', nodeName: null, isReady: false }),
      podView('e', { namespace: 'kube-system' }),
    ];
    const groups = [{ pods: pods.slice(0, 2) }, { pods: pods.slice(2, 4) }];
    expect(glancePods(groups)).toEqual({
      healthy: 1,
      waiting: 1,
      progress: 1,
      failed: 0,
      inactive: 1,
      total: 4,
    });
  });
});
