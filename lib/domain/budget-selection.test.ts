import { describe, expect, it } from 'vitest';

import { budgetsOf, indexBudgets, podsSelectedBy, selectsPod } from './budget-selection';
import { budgetView, podView } from './test-views';

const budgets = [
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
];

describe('selectsPod', () => {
  it.each<{ budget: string; labels: Record<string, string>; namespace: string; want: boolean }>([
    { budget: 'web', labels: { app: 'web' }, namespace: 'shop', want: true },
    { budget: 'web', labels: { app: 'api' }, namespace: 'shop', want: false },
    { budget: 'everything', labels: {}, namespace: 'shop', want: true },
    { budget: 'everything', labels: { app: 'web' }, namespace: 'kube-system', want: false },
    { budget: 'nothing', labels: { app: 'web' }, namespace: 'shop', want: false },
    { budget: 'nothing', labels: {}, namespace: 'shop', want: false },
    { budget: 'other-namespace', labels: { app: 'web' }, namespace: 'shop', want: false },
    { budget: 'other-namespace', labels: { app: 'web' }, namespace: 'kube-system', want: true },
  ])('$budget selects $labels in $namespace: $want', ({ budget, labels, namespace, want }) => {
    const b = budgets.find((x) => x.name === budget);
    if (b === undefined) throw new Error(budget);
    expect(selectsPod(b, podView('a', { labels, namespace }))).toBe(want);
  });
});

describe('budgetsOf', () => {
  const index = indexBudgets(budgets);

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

  it('agrees with selectsPod', () => {
    const pods = [
      podView('a'),
      podView('b', { labels: { tier: 'x' } }),
      podView('c', { namespace: 'kube-system' }),
    ];
    for (const pod of pods) {
      expect(budgetsOf(pod, index)).toEqual(budgets.filter((b) => selectsPod(b, pod)));
    }
  });
});

describe('podsSelectedBy', () => {
  it('keeps the selected pods in order', () => {
    const pods = [
      podView('a'),
      podView('b', { labels: { app: 'api' } }),
      podView('c', { namespace: 'kube-system' }),
      podView('d'),
    ];
    expect(podsSelectedBy(budgetView('web'), pods).map((p) => p.name)).toEqual(['a', 'd']);
  });
});
