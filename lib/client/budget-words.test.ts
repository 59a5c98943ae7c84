import { describe, expect, it } from 'vitest';

import { budgetConsumers, type ConsumerReason } from '@/lib/domain/budget-consumers';
import { BLOCKED_TOO_LONG_MS, lintBudgets } from '@/lib/domain/budget-lints';
import { budgetsOf, indexBudgets } from '@/lib/domain/budget-selection';
import { neverCause, neverWords } from '@/lib/domain/budget-state';
import { needsHas } from '@/lib/domain/budgets';
import { forecastEviction, forecastWords } from '@/lib/domain/eviction-forecast';
import { budgetView, podView } from '@/lib/domain/test-views';
import { unblockOptions } from '@/lib/domain/unblock-options';
import type { BudgetView, ConditionView, PodView } from '@/lib/domain/views';

import {
  budgetStateText,
  consumerText,
  forecastText,
  lintText,
  needsHasText,
  neverText,
  remedyText,
} from './budget-words';
import { japanese } from './test-translators';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

function condition(reason: string, message: string | null, since: string): ConditionView {
  return { type: 'DisruptionAllowed', status: 'False', reason, message, lastTransitionTime: since };
}

/** Budgets in every state the domain's tests put them in, and more, each with its own label. */
const BUDGETS: BudgetView[] = [
  budgetView('web'),
  budgetView('roomy', { disruptionsAllowed: 3, currentHealthy: 5, desiredHealthy: 2 }),
  budgetView('one', { desiredHealthy: 1, currentHealthy: 1, disruptionsAllowed: 0 }),
  budgetView('blocked', { disruptionsAllowed: 0, currentHealthy: 2 }),
  budgetView('empty', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0 }),
  budgetView('all', { minAvailable: '100%', desiredHealthy: 3, disruptionsAllowed: 0 }),
  budgetView('single', {
    minAvailable: 1,
    desiredHealthy: 1,
    expectedPods: 1,
    disruptionsAllowed: 0,
  }),
  budgetView('zero', { minAvailable: null, maxUnavailable: 0, disruptionsAllowed: 0 }),
  budgetView('zero-percent', { minAvailable: null, maxUnavailable: '0%', disruptionsAllowed: 0 }),
  budgetView('no-rule', { minAvailable: null, disruptionsAllowed: 0, desiredHealthy: 0 }),
  budgetView('unprocessed', { generation: 3, observedGeneration: 2 }),
  budgetView('never-observed', { generation: 1, observedGeneration: null }),
  budgetView('sync-failed', {
    disruptionsAllowed: 0,
    conditions: [condition('SyncFailed', 'found no controllers for pod "web-1"', ago(60_000))],
  }),
  budgetView('sync-failed-silent', {
    disruptionsAllowed: 0,
    conditions: [condition('SyncFailed', null, ago(60_000))],
  }),
  ...[11 * 60_000, 60 * 60_000, 3 * 3_600_000, 49 * 3_600_000, 24 * 86_400_000].map((ms) =>
    budgetView(`long-${ms}`, {
      disruptionsAllowed: 0,
      currentHealthy: 1,
      conditions: [condition('InsufficientPods', null, ago(ms))],
    }),
  ),
  budgetView('stuck', {
    minAvailable: 3,
    desiredHealthy: 3,
    currentHealthy: 2,
    expectedPods: 4,
    disruptionsAllowed: 0,
    disruptedPods: { 'web-2': ago(30_000) },
  }),
  budgetView('always', {
    unhealthyPodEvictionPolicy: 'AlwaysAllow',
    currentHealthy: 1,
    disruptionsAllowed: 0,
  }),
  budgetView('nothing', { selector: { matchLabels: { app: 'wbe' }, matchExpressions: [] } }),
  budgetView('no-selector', { selector: null }),
  budgetView('other-ns', { namespace: 'kube-system' }),
  budgetView('forbidden', { disruptionsAllowed: -1 }),
];

const PODS: PodView[] = [
  podView('web-1'),
  podView('web-2'),
  podView('web-3', { isReady: false }),
  podView('web-4', { phase: 'Pending', isReady: false }),
  podView('web-5', { deletionTimestamp: ago(5_000) }),
  podView('web-6', { phase: 'Succeeded', isReady: false }),
  podView('web-7', { phase: 'Failed', isReady: false }),
  podView('web-8', { isReady: false, labels: { app: 'web', track: 'canary' } }),
  podView('api-1', { labels: { app: 'api' } }),
];

/** Each budget alone over the pods, then every pair of budgets (for several selecting a pod). */
const ALONE = BUDGETS.map((b) => [b]);
const PAIRS = [
  [
    budgetView('web'),
    budgetView('everything', { selector: { matchLabels: {}, matchExpressions: [] } }),
  ],
  [
    budgetView('web'),
    budgetView('canary', { selector: { matchLabels: { track: 'canary' }, matchExpressions: [] } }),
  ],
];

describe('the English words are the domain’s words', () => {
  it.each(BUDGETS.map((b) => [b.name, b] as const))('needs and never: %s', (_, budget) => {
    expect(needsHasText(budget)).toBe(needsHas(budget));
    const cause = neverCause(budget);
    if (cause !== null) expect(neverText(budget, cause)).toBe(neverWords(budget, cause));
  });

  it.each([...ALONE, ...PAIRS].map((budgets) => [budgets.map((b) => b.name).join('+'), budgets]))(
    'lints, consumers, options and forecasts: %s',
    (_, budgets) => {
      const lints = lintBudgets({
        pods: PODS,
        budgets,
        now: NOW,
        blockedThresholdMs: BLOCKED_TOO_LONG_MS,
      });
      for (const lint of lints) {
        expect(lintText(lint)).toEqual({ explanation: lint.explanation, fix: lint.fix });
      }
      for (const budget of budgets) {
        const consumers = budgetConsumers(budget, PODS, NOW);
        for (const option of unblockOptions(budget, consumers)) {
          expect(remedyText(option)).toEqual({
            title: option.title,
            consequence: option.consequence,
          });
        }
      }
      const index = indexBudgets(budgets);
      for (const pod of PODS) {
        const forecast = forecastEviction(pod, budgetsOf(pod, index));
        expect(forecastText(forecast)).toBe(forecastWords(forecast));
      }
    },
  );

  it('covers every lint, option and forecast', () => {
    const all = [...ALONE, ...PAIRS];
    const lints = all.flatMap((budgets) =>
      lintBudgets({ pods: PODS, budgets, now: NOW, blockedThresholdMs: BLOCKED_TOO_LONG_MS }),
    );
    expect(new Set(lints.map((l) => l.code)).size).toBe(6);
    const options = all.flat().flatMap((b) => unblockOptions(b, budgetConsumers(b, PODS, NOW)));
    expect(new Set(options.map((o) => o.code)).size).toBe(6);
    const kinds = all.flatMap((budgets) =>
      PODS.map((pod) => forecastEviction(pod, budgetsOf(pod, indexBudgets(budgets))).kind),
    );
    expect(new Set(kinds).size).toBe(8);
  });
});

describe('budgetStateText', () => {
  const syncFailed = condition('SyncFailed', 'found no controllers for pod "web-1"', ago(60_000));

  it.each<{ over: Partial<BudgetView>; headline: string; detail: string }>([
    {
      over: {},
      headline: 'Allows 1',
      detail: 'Allows 1 disruption now: needs 2 healthy pods, has 3.',
    },
    {
      over: { minAvailable: null, maxUnavailable: 2, disruptionsAllowed: 2 },
      headline: 'Allows 2',
      detail: 'Allows 2 disruptions now: needs 2 healthy pods, has 3.',
    },
    {
      over: { disruptionsAllowed: 0, currentHealthy: 2 },
      headline: 'Blocked',
      detail:
        'Allows 0 disruptions: needs 2 healthy pods, has 2. Evictions of its Ready pods are refused (429) until more of its pods are healthy.',
    },
    {
      over: { minAvailable: '100%', desiredHealthy: 3, disruptionsAllowed: 0 },
      headline: 'Never passable',
      detail:
        'minAvailable 100% needs 3 of 3 expected pods healthy, so evicting any one would leave too few. Every eviction of a Ready pod it selects is refused (429), and a drain of its nodes never completes.',
    },
    {
      over: { minAvailable: null, maxUnavailable: 0, disruptionsAllowed: 0 },
      headline: 'Never passable',
      detail:
        'maxUnavailable is 0: the budget allows no voluntary disruption at all. Every eviction of a Ready pod it selects is refused (429), and a drain of its nodes never completes.',
    },
    {
      over: { generation: 3, observedGeneration: 2 },
      headline: 'Status stale',
      detail:
        'The disruption controller has not processed generation 3 of this budget (observed: 2). Until it does, evictions it covers are refused (429, retry after 10 s).',
    },
    {
      over: { generation: 1, observedGeneration: null },
      headline: 'Status stale',
      detail:
        'The disruption controller has not processed generation 1 of this budget (observed: none). Until it does, evictions it covers are refused (429, retry after 10 s).',
    },
    {
      over: { disruptionsAllowed: 0, conditions: [syncFailed] },
      headline: 'Status stale',
      detail:
        'The disruption controller failed to compute this budget\'s status: found no controllers for pod "web-1". It allows 0 disruptions until the sync succeeds.',
    },
    {
      over: { disruptionsAllowed: 0, conditions: [{ ...syncFailed, message: null }] },
      headline: 'Status stale',
      detail:
        "The disruption controller failed to compute this budget's status. It allows 0 disruptions until the sync succeeds.",
    },
  ])('$headline: $over', ({ over, headline, detail }) => {
    expect(budgetStateText(budgetView('web', over))).toEqual({ headline, detail });
  });

  it('never says N/A', () => {
    const { headline, detail } = budgetStateText(
      budgetView('web', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0 }),
    );
    expect(`${headline} ${detail}`).not.toContain('N/A');
    expect(detail).toContain('has 0');
  });
});

describe('consumerText', () => {
  it.each<{ reason: ConsumerReason; words: string }>([
    {
      reason: 'terminating',
      words: 'terminating: no longer counted; its replacement counts once Ready',
    },
    {
      reason: 'evicted',
      words:
        'eviction accepted: not counted until the disruption controller sees it go (at most 2 minutes)',
    },
    { reason: 'pending', words: 'not running yet: counts once Ready' },
    { reason: 'not-ready', words: 'running but not Ready: counts once Ready' },
  ])('$reason', ({ reason, words }) => {
    expect(consumerText(reason)).toBe(words);
  });

  it('names every reason the pods of the tests give', () => {
    const reasons = new Set(
      BUDGETS.flatMap((b) => budgetConsumers(b, PODS, NOW).map((c) => c.reason)),
    );
    expect([...reasons].sort()).toEqual(['evicted', 'not-ready', 'pending', 'terminating']);
  });
});

describe('in Japanese', () => {
  const budgetT = japanese('BudgetWords');
  const remedyT = japanese('RemedyWords');
  const forecastT = japanese('ForecastWords');

  it('names the numbers and keeps Kubernetes terms', () => {
    const blocked = budgetView('api', { disruptionsAllowed: 0, currentHealthy: 1 });
    expect(budgetStateText(blocked, budgetT)).toEqual({
      headline: 'ブロック中',
      detail:
        '許容される停止数は 0 です (必要な正常 Pod 2、現在 1)。正常な Pod が増えるまで、Ready の Pod の Eviction は拒否されます (429)。',
    });
    const forecast = forecastEviction(podView('web-1'), [blocked]);
    expect(forecastText(forecast, forecastT)).toBe(
      'PodDisruptionBudget api の許容される停止数は 0 です (必要な正常 Pod 2、現在 1): 拒否されます (429)。',
    );
    const [scaleUp] = unblockOptions(blocked, []).filter((o) => o.code === 'scale-up');
    expect(scaleUp && remedyText(scaleUp, remedyT).title).toBe('ワークロードのレプリカを 2 増やす');
  });

  it('renders every lint in Japanese', () => {
    const lints = [...ALONE, ...PAIRS].flatMap((budgets) =>
      lintBudgets({ pods: PODS, budgets, now: NOW, blockedThresholdMs: BLOCKED_TOO_LONG_MS }),
    );
    for (const lint of lints) {
      const { explanation, fix } = lintText(lint, budgetT);
      expect(explanation).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(fix).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    }
  });
});
