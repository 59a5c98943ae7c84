import { describe, expect, it } from 'vitest';

import { budgetsOf, indexBudgets, selectBudgetSelections, toSelection } from './budget-selection';
import { fromSnapshot } from './live-state';
import { budgetView, podView, snapshotOf } from './test-views';

describe('budgetsOf', () => {
  const index = indexBudgets(
    [
      budgetView('web'),
      budgetView('frontend', {
        selector: {
          matchLabels: {},
          matchExpressions: [{ key: 'tier', operator: 'Exists', values: [] }],
        },
      }),
      budgetView('everything', { selector: { matchLabels: {}, matchExpressions: [] } }),
      budgetView('nothing', { selector: null }),
      budgetView('other-namespace', { namespace: 'kube-system' }),
    ].map(toSelection),
  );

  it('finds the budgets of the pod’s namespace whose selector selects it', () => {
    const names = (labels: Record<string, string>) =>
      budgetsOf(podView('a', { labels }), index).map((b) => b.name);
    expect(names({ app: 'web' })).toEqual(['web', 'everything']);
    expect(names({ app: 'web', tier: 'frontend' })).toEqual(['web', 'frontend', 'everything']);
    expect(names({})).toEqual(['everything']);
  });

  it('finds none in a namespace without budgets', () => {
    expect(budgetsOf(podView('a', { namespace: 'empty' }), index)).toEqual([]);
  });
});

describe('selectBudgetSelections', () => {
  it('keeps what decides selection and blocking, not the counts', () => {
    const state = fromSnapshot(
      snapshotOf(1, { budgets: [budgetView('web', { disruptionsAllowed: 0 })] }),
    );
    expect(selectBudgetSelections({ connection: 'open', problem: null, state })).toEqual([
      {
        uid: 'uid-web',
        namespace: 'shop',
        name: 'web',
        selector: { matchLabels: { app: 'web' }, matchExpressions: [] },
        isBlocking: true,
      },
    ]);
    expect(
      selectBudgetSelections({ connection: 'connecting', problem: null, state: null }),
    ).toEqual([]);
  });
});
