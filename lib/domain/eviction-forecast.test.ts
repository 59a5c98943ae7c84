import { describe, expect, it } from 'vitest';

import { forecastEviction, forecastWords, type EvictionForecast } from './eviction-forecast';
import { budgetView, podView } from './test-views';
import type { BudgetView, PodView } from './views';

const web = budgetView('web');
const blocked = budgetView('web', { disruptionsAllowed: 0, currentHealthy: 2 });
const unhealthyBlocked = budgetView('web', { disruptionsAllowed: 0, currentHealthy: 1 });
const notReady = podView('web-1', { isReady: false });

/** The kind of a forecast, with its reason or budget name. */
function summary(f: EvictionForecast): string {
  switch (f.kind) {
    case 'exempt':
      return `exempt:${f.why}`;
    case 'no-budget':
      return 'no-budget';
    case 'multiple-budgets':
      return `multiple-budgets:${f.budgets.map((b) => b.name).join('+')}`;
    case 'unhealthy-skip':
      return `unhealthy-skip:${f.why}`;
    case 'allowed':
      return `allowed:${f.allowed}`;
    default:
      return `${f.kind}:${f.budget.name}`;
  }
}

describe('forecastEviction (eviction-semantics.md §2, order of checks)', () => {
  it.each<{ why: string; pod: PodView; budgets: BudgetView[]; want: string }>([
    { why: 'Ready pod, room for one', pod: podView('web-1'), budgets: [web], want: 'allowed:1' },
    { why: 'Ready pod, 0 allowed', pod: podView('web-1'), budgets: [blocked], want: 'blocked:web' },
    { why: 'no budget', pod: podView('web-1'), budgets: [], want: 'no-budget' },
    {
      why: 'two budgets, even with room',
      pod: podView('web-1'),
      budgets: [web, budgetView('all')],
      want: 'multiple-budgets:web+all',
    },
    {
      why: 'Succeeded pods skip the budget',
      pod: podView('web-1', { phase: 'Succeeded', isReady: false }),
      budgets: [blocked, budgetView('all')],
      want: 'exempt:finished',
    },
    {
      why: 'Failed pods skip the budget',
      pod: podView('web-1', { phase: 'Failed', isReady: false }),
      budgets: [blocked],
      want: 'exempt:finished',
    },
    {
      why: 'Pending pods skip the budget',
      pod: podView('web-1', { phase: 'Pending', isReady: false }),
      budgets: [blocked],
      want: 'exempt:pending',
    },
    {
      why: 'terminating pods skip the budget',
      pod: podView('web-1', { deletionTimestamp: '2026-11-28T10:00:30Z' }),
      budgets: [blocked],
      want: 'exempt:terminating',
    },
    {
      why: 'not Ready under AlwaysAllow',
      pod: notReady,
      budgets: [{ ...unhealthyBlocked, unhealthyPodEvictionPolicy: 'AlwaysAllow' }],
      want: 'unhealthy-skip:always-allow',
    },
    {
      why: 'not Ready, IfHealthyBudget, budget has its desired healthy',
      pod: notReady,
      budgets: [blocked],
      want: 'unhealthy-skip:healthy-budget',
    },
    {
      why: 'not Ready, IfHealthyBudget, budget short of healthy',
      pod: notReady,
      budgets: [unhealthyBlocked],
      want: 'blocked:web',
    },
    {
      why: 'not Ready, desiredHealthy 0 is not a healthy budget',
      pod: notReady,
      budgets: [budgetView('web', { desiredHealthy: 0, currentHealthy: 0, disruptionsAllowed: 0 })],
      want: 'blocked:web',
    },
    {
      why: 'not Ready, short of healthy, but room left: uses the budget',
      pod: notReady,
      budgets: [budgetView('web', { desiredHealthy: 3, currentHealthy: 2, disruptionsAllowed: 1 })],
      want: 'allowed:1',
    },
    {
      why: 'a budget not yet processed',
      pod: podView('web-1'),
      budgets: [budgetView('web', { generation: 2 })],
      want: 'stale:web',
    },
    {
      why: 'the unhealthy skip does not look at observedGeneration',
      pod: notReady,
      budgets: [{ ...blocked, generation: 2 }],
      want: 'unhealthy-skip:healthy-budget',
    },
    {
      why: 'negative disruptionsAllowed',
      pod: podView('web-1'),
      budgets: [budgetView('web', { disruptionsAllowed: -1 })],
      want: 'forbidden:web',
    },
    {
      why: 'Unknown phase is checked like Running',
      pod: podView('web-1', { phase: 'Unknown' }),
      budgets: [blocked],
      want: 'blocked:web',
    },
  ])('$why → $want', ({ pod, budgets, want }) => {
    expect(summary(forecastEviction(pod, budgets))).toBe(want);
  });

  it.each([
    { entries: 2000, want: 'allowed:1' },
    { entries: 2001, want: 'forbidden:web' },
  ])('a budget with $entries unconfirmed evictions → $want', ({ entries, want }) => {
    const disruptedPods = Object.fromEntries(
      Array.from({ length: entries }, (_, i) => [`p${i}`, '2026-11-28T10:00:00Z']),
    );
    const budget = budgetView('web', { disruptedPods });
    expect(summary(forecastEviction(podView('web-1'), [budget]))).toBe(want);
  });
});

describe('forecastWords', () => {
  it.each<{ pod: PodView; budgets: BudgetView[]; words: string }>([
    {
      pod: podView('web-1'),
      budgets: [blocked],
      words: 'Budget web allows 0 disruptions (needs 2 healthy pods, has 2): refused (429).',
    },
    {
      pod: podView('web-1'),
      budgets: [web],
      words:
        'Budget web allows 1 (needs 2 healthy pods, has 3): the eviction will be accepted and use one.',
    },
    {
      pod: podView('web-1'),
      budgets: [web, budgetView('all')],
      words:
        'Budgets web, all all select this pod: the API server refuses its eviction with 500 (a configuration error).',
    },
    {
      pod: podView('web-1'),
      budgets: [],
      words: 'No disruption budget selects this pod: the eviction will be accepted.',
    },
  ])('$words', ({ pod, budgets, words }) => {
    expect(forecastWords(forecastEviction(pod, budgets))).toBe(words);
  });
});
