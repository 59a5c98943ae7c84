import { describe, expect, it } from 'vitest';

import { selectBudgetSelections } from './budget-selection';
import { fromSnapshot } from './live-state';
import { budgetView, snapshotOf } from './test-views';

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
