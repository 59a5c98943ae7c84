import { describe, expect, it } from 'vitest';

import {
  BLOCKED_TOO_LONG_MS,
  lintBudget,
  lintBudgets,
  lintsForPod,
  type BudgetLint,
  type LintContext,
} from './budget-lints';
import { budgetsOf, indexBudgets } from './budget-selection';
import { MULTIPLE_BUDGETS_MESSAGE } from './eviction-outcome';
import { budgetView, podView } from './test-views';
import type { BudgetView, ConditionView, PodView } from './views';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

const web = [podView('web-1'), podView('web-2'), podView('web-3')];

function context(pods: PodView[], budgets: BudgetView[]): LintContext {
  return { pods, budgets, now: NOW, blockedThresholdMs: BLOCKED_TOO_LONG_MS };
}

function insufficient(since: string): ConditionView {
  return {
    type: 'DisruptionAllowed',
    status: 'False',
    reason: 'InsufficientPods',
    message: null,
    lastTransitionTime: since,
  };
}

/** The codes and pods of the lints of the first budget, among all `budgets`. */
function lintsOf(budgets: BudgetView[], pods: PodView[] = web): [string, string[]][] {
  const [budget] = budgets;
  if (budget === undefined) throw new Error('no budget');
  return lintBudget(budget, context(pods, budgets)).map((l) => [l.code, [...l.pods]]);
}

describe('lintBudget', () => {
  it.each<{ why: string; budgets: BudgetView[]; pods?: PodView[]; want: [string, string[]][] }>([
    { why: 'a healthy budget has no lints', budgets: [budgetView('web')], want: [] },
    {
      why: 'a selector that selects nothing',
      budgets: [
        budgetView('web', { selector: { matchLabels: { app: 'wbe' }, matchExpressions: [] } }),
      ],
      want: [['selects-nothing', []]],
    },
    {
      why: 'a null selector selects nothing',
      budgets: [budgetView('web', { selector: null })],
      want: [['selects-nothing', []]],
    },
    {
      why: 'pods of another namespace are not selected',
      budgets: [budgetView('web', { namespace: 'kube-system' })],
      want: [['selects-nothing', []]],
    },
    {
      why: 'maxUnavailable 0',
      budgets: [
        budgetView('web', { minAvailable: null, maxUnavailable: 0, disruptionsAllowed: 0 }),
      ],
      want: [['never-passable', []]],
    },
    {
      why: 'minAvailable equal to the expected pods',
      budgets: [budgetView('web', { minAvailable: 3, desiredHealthy: 3, disruptionsAllowed: 0 })],
      want: [['never-passable', []]],
    },
    {
      why: 'two budgets select the same pods',
      budgets: [
        budgetView('web'),
        budgetView('everything', { selector: { matchLabels: {}, matchExpressions: [] } }),
      ],
      want: [['multiple-budgets', ['web-1', 'web-2', 'web-3']]],
    },
    {
      why: 'only the pods two budgets share',
      budgets: [
        budgetView('web'),
        budgetView('canary', {
          selector: { matchLabels: { track: 'canary' }, matchExpressions: [] },
        }),
      ],
      pods: [...web, podView('web-4', { labels: { app: 'web', track: 'canary' } })],
      want: [['multiple-budgets', ['web-4']]],
    },
    {
      why: 'a not-Ready pod keeps an IfHealthyBudget budget at 0',
      budgets: [
        budgetView('web', {
          currentHealthy: 2,
          desiredHealthy: 3,
          minAvailable: 3,
          expectedPods: 4,
          disruptionsAllowed: 0,
        }),
      ],
      pods: [
        ...web.slice(0, 2),
        podView('web-3', { isReady: false }),
        podView('web-4', { phase: 'Pending', isReady: false }),
      ],
      want: [['unhealthy-pods-blocked', ['web-3']]],
    },
    {
      why: 'not under AlwaysAllow',
      budgets: [
        budgetView('web', {
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
          currentHealthy: 1,
          disruptionsAllowed: 0,
        }),
      ],
      pods: [
        web[0] ?? podView('x'),
        podView('web-2', { isReady: false }),
        podView('web-3', { isReady: false }),
      ],
      want: [],
    },
    {
      why: 'not while the budget is healthy: the API server evicts the not-Ready pod anyway',
      budgets: [budgetView('web', { currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 })],
      pods: [...web.slice(0, 2), podView('web-3', { isReady: false })],
      want: [],
    },
    {
      why: 'not while the budget allows a disruption',
      budgets: [
        budgetView('web', {
          minAvailable: 1,
          currentHealthy: 2,
          desiredHealthy: 1,
          disruptionsAllowed: 1,
        }),
      ],
      pods: [...web.slice(0, 2), podView('web-3', { isReady: false })],
      want: [],
    },
    {
      why: 'a spec change not yet processed',
      budgets: [budgetView('web', { generation: 2 })],
      want: [['status-stale', []]],
    },
    {
      why: 'a failed sync',
      budgets: [
        budgetView('web', {
          disruptionsAllowed: 0,
          conditions: [{ ...insufficient(ago(0)), reason: 'SyncFailed', message: 'boom' }],
        }),
      ],
      want: [['status-stale', []]],
    },
    {
      why: 'blocked for longer than the threshold',
      budgets: [
        budgetView('web', {
          currentHealthy: 2,
          disruptionsAllowed: 0,
          conditions: [insufficient(ago(BLOCKED_TOO_LONG_MS))],
        }),
      ],
      want: [['blocked-too-long', []]],
    },
    {
      why: 'blocked for less than the threshold',
      budgets: [
        budgetView('web', {
          currentHealthy: 2,
          disruptionsAllowed: 0,
          conditions: [insufficient(ago(BLOCKED_TOO_LONG_MS - 1))],
        }),
      ],
      want: [],
    },
    {
      why: 'never passable is not also blocked too long',
      budgets: [
        budgetView('web', {
          minAvailable: null,
          maxUnavailable: 0,
          disruptionsAllowed: 0,
          conditions: [insufficient(ago(86_400_000))],
        }),
      ],
      want: [['never-passable', []]],
    },
  ])('$why', ({ budgets, pods, want }) => {
    expect(lintsOf(budgets, pods)).toEqual(want);
  });
});

describe('lint words', () => {
  const lint = (budget: BudgetView, pods: PodView[] = web, budgets = [budget]): BudgetLint => {
    const [first] = lintBudget(budget, context(pods, budgets));
    if (first === undefined) throw new Error('no lint');
    return first;
  };

  it('names the selector that matches nothing', () => {
    const l = lint(
      budgetView('web', { selector: { matchLabels: { app: 'wbe' }, matchExpressions: [] } }),
    );
    expect(l.explanation).toBe(
      'Its selector app=wbe selects no pod in namespace shop, so it protects nothing: evictions of the pods it was meant for are not limited.',
    );
    expect(l.severity).toBe('warning');
    expect(l.budget).toEqual({ uid: 'uid-web', namespace: 'shop', name: 'web' });
  });

  it('quotes the exact 500 for several budgets', () => {
    const everything = budgetView('everything', {
      selector: { matchLabels: {}, matchExpressions: [] },
    });
    const l = lint(budgetView('web'), web, [budgetView('web'), everything]);
    expect(l.explanation).toContain(`500 "${MULTIPLE_BUDGETS_MESSAGE}"`);
    expect(l.explanation).toContain('also selected by everything');
    expect(MULTIPLE_BUDGETS_MESSAGE).toBe(
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  });

  it('gives the resolved numbers of a never-passable minAvailable', () => {
    const l = lint(
      budgetView('web', {
        minAvailable: '95%',
        expectedPods: 10,
        desiredHealthy: 10,
        disruptionsAllowed: 0,
      }),
    );
    expect(l.explanation).toBe(
      'minAvailable 95% needs 10 of 10 expected pods healthy, so evicting any one would leave too few. Every eviction of a Ready pod it selects is refused (429), so a drain of a node running one of them never completes.',
    );
    expect(l.fix).toContain('95 % of 10 is 10');
  });

  it('suggests AlwaysAllow for unhealthy pods, and says when not to', () => {
    const l = lint(
      budgetView('web', {
        currentHealthy: 2,
        desiredHealthy: 3,
        minAvailable: 3,
        expectedPods: 4,
        disruptionsAllowed: 0,
      }),
      [
        ...web.slice(0, 2),
        podView('web-3', { isReady: false }),
        podView('web-4', { isReady: false }),
      ],
    );
    expect(l.pods).toEqual(['web-3', 'web-4']);
    expect(l.explanation).toContain('2 pods it selects (web-3, web-4) are running but not Ready');
    expect(l.explanation).toContain('needs 3 healthy pods, has 2 and allows 0 disruptions');
    expect(l.fix).toContain('unhealthyPodEvictionPolicy: AlwaysAllow');
    expect(l.fix).toContain('Keep IfHealthyBudget');
  });

  it('quotes the 429 cause of a stale budget', () => {
    const l = lint(budgetView('web', { generation: 4, observedGeneration: 3 }));
    expect(l.explanation).toContain('computed for generation 3 but its spec is at generation 4');
    expect(l.explanation).toContain(
      '"The disruption budget web is still being processed by the server."',
    );
    expect(l.fix).toContain('kube-controller-manager');
  });

  it('says how long a budget has been blocked', () => {
    const l = lint(
      budgetView('web', {
        currentHealthy: 2,
        disruptionsAllowed: 0,
        conditions: [insufficient(ago(3 * 3_600_000))],
      }),
    );
    expect(l.explanation).toBe(
      `It has allowed 0 disruptions for 3 hours (since ${ago(3 * 3_600_000)}): it needs 2 healthy pods, has 2, and every eviction of a Ready pod it selects has been refused since.`,
    );
  });
});

describe('lintBudgets and lintsForPod', () => {
  const budgets = [
    budgetView('web'),
    budgetView('canary', { selector: { matchLabels: { track: 'canary' }, matchExpressions: [] } }),
    budgetView('typo', { selector: { matchLabels: { app: 'wbe' }, matchExpressions: [] } }),
  ];
  const pods = [...web, podView('web-4', { labels: { app: 'web', track: 'canary' } })];
  const lints = lintBudgets(context(pods, budgets));

  it('lints every budget', () => {
    expect(lints.map((l) => [l.budget.name, l.code, [...l.pods]])).toEqual([
      ['web', 'multiple-budgets', ['web-4']],
      ['canary', 'multiple-budgets', ['web-4']],
      ['typo', 'selects-nothing', []],
    ]);
  });

  it('keeps the lints that bear on one pod', () => {
    const index = indexBudgets(budgets);
    const forPod = (pod: PodView) =>
      lintsForPod(lints, pod, budgetsOf(pod, index)).map((l) => `${l.budget.name}:${l.code}`);
    expect(forPod(pods[3] ?? podView('x'))).toEqual([
      'web:multiple-budgets',
      'canary:multiple-budgets',
    ]);
    expect(forPod(pods[0] ?? podView('x'))).toEqual([]);
  });

  it('keeps budget-wide lints for every pod of the budget', () => {
    const stale = budgetView('web', { generation: 2 });
    const all = lintBudgets(context(web, [stale]));
    expect(lintsForPod(all, podView('web-1'), [stale]).map((l) => l.code)).toEqual([
      'status-stale',
    ]);
  });
});
