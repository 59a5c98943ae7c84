import type { ConsumerReason } from '@/lib/domain/budget-consumers';
import type { BudgetLint, Span } from '@/lib/domain/budget-lints';
import { budgetState, type NeverCause, type NeverFacts } from '@/lib/domain/budget-state';
import type { EvictionForecast } from '@/lib/domain/eviction-forecast';
import { MULTIPLE_BUDGETS_MESSAGE } from '@/lib/domain/eviction-outcome';
import type { UnblockOption } from '@/lib/domain/unblock-options';
import type { BudgetView } from '@/lib/domain/views';

import { english, type WordsT } from './english';

/**
 * The words of lib/domain's budget explanations (budget states, lints, consumers, forecasts,
 * unblock options) in the interface's language, from the codes and values the domain
 * exposes. Where the domain has words of its own (lints, forecasts, unblock options), the
 * English here is exactly those words (budget-words.test.ts).
 */

type BudgetT = WordsT<'BudgetWords'>;
type ForecastT = WordsT<'ForecastWords'>;
type RemedyT = WordsT<'RemedyWords'>;

const BUDGET_EN = english('BudgetWords');
const FORECAST_EN = english('ForecastWords');
const REMEDY_EN = english('RemedyWords');

type HealthCounts = Pick<BudgetView, 'desiredHealthy' | 'currentHealthy'>;

const counts = (budget: HealthCounts) => ({
  desired: budget.desiredHealthy,
  current: budget.currentHealthy,
});

/** "needs 2 healthy pods, has 1" (`needsHas` of lib/domain/budgets). */
export const needsHasText = (budget: HealthCounts, t: BudgetT = BUDGET_EN): string =>
  t('needsHas', counts(budget));

/** Why a budget is never passable (`neverWords` of lib/domain/budget-state). */
export function neverText(budget: NeverFacts, cause: NeverCause, t: BudgetT = BUDGET_EN): string {
  switch (cause) {
    case 'no-rule':
      return t('never.no-rule');
    case 'max-unavailable-zero':
      return t('never.max-unavailable-zero', { value: String(budget.maxUnavailable) });
    case 'min-available-all':
      return t('never.min-available-all', {
        value: String(budget.minAvailable),
        desired: budget.desiredHealthy,
        expected: budget.expectedPods,
      });
    default: {
      const unknown: never = cause;
      return unknown;
    }
  }
}

/** A budget's state as a headline and a sentence, for the Budgets view and the evict dialog. */
export function budgetStateText(
  budget: BudgetView,
  t: BudgetT = BUDGET_EN,
): { headline: string; detail: string } {
  const state = budgetState(budget);
  const needsHas = needsHasText(budget, t);
  switch (state.kind) {
    case 'allows':
      return {
        headline: t('state.allowsHeadline', { allowed: state.allowed }),
        detail: t('state.allowsDetail', { allowed: state.allowed, needsHas }),
      };
    case 'blocked':
      return {
        headline: t('state.blockedHeadline'),
        detail: t('state.blockedDetail', { needsHas }),
      };
    case 'never':
      return {
        headline: t('state.neverHeadline'),
        detail: t('state.neverDetail', { never: neverText(budget, state.cause, t) }),
      };
    case 'stale':
      return {
        headline: t('state.staleHeadline'),
        detail:
          state.cause === 'unprocessed'
            ? t('state.unprocessedDetail', {
                generation: budget.generation,
                observed: budget.observedGeneration ?? t('noGeneration'),
              })
            : state.message === null
              ? t('state.syncFailedDetail')
              : t('state.syncFailedDetailWith', { message: state.message }),
      };
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
}

/** "12 minutes", "3 hours", "2 days". */
const spanText = (span: Span, t: BudgetT) => t('span', { unit: span.unit, count: span.count });

/** The pods a lint names, counted and listed. */
const podsOf = (lint: BudgetLint) => ({ count: lint.pods.length, pods: lint.pods.join(', ') });

/** A lint's explanation and fix (the `explanation` and `fix` of lib/domain/budget-lints). */
export function lintText(
  lint: BudgetLint,
  t: BudgetT = BUDGET_EN,
): { explanation: string; fix: string } {
  switch (lint.code) {
    case 'selects-nothing':
      return {
        explanation:
          lint.selector === null
            ? t('lint.noSelector')
            : t('lint.selectsNothing', { selector: lint.selector, namespace: lint.namespace }),
        fix: t('lint.selectsNothingFix'),
      };
    case 'never-passable':
      return {
        explanation: t('lint.neverPassable', { never: neverText(lint.rule, lint.cause, t) }),
        fix: t(`lint.neverFix.${lint.cause}`),
      };
    case 'multiple-budgets':
      return {
        explanation: t('lint.multipleBudgets', {
          ...podsOf(lint),
          others: lint.others.join(', '),
          message: MULTIPLE_BUDGETS_MESSAGE,
        }),
        fix: t('lint.multipleBudgetsFix'),
      };
    case 'unhealthy-pods-blocked':
      return {
        explanation: t('lint.unhealthyPodsBlocked', {
          ...podsOf(lint),
          needsHas: needsHasText(lint.counts, t),
        }),
        fix: t('lint.unhealthyPodsBlockedFix'),
      };
    case 'status-stale':
      return staleLintText(lint, t);
    case 'blocked-too-long':
      return {
        explanation: t('lint.blockedTooLong', {
          span: spanText(lint.blockedFor, t),
          since: lint.since,
          needsHas: needsHasText(lint.counts, t),
        }),
        fix: t('lint.blockedTooLongFix'),
      };
    default: {
      const unknown: never = lint;
      return unknown;
    }
  }
}

function staleLintText(lint: Extract<BudgetLint, { code: 'status-stale' }>, t: BudgetT) {
  if (lint.cause === 'unprocessed') {
    return {
      explanation: t('lint.unprocessed', {
        observed: lint.observedGeneration ?? t('noGeneration'),
        generation: lint.generation,
        name: lint.budget.name,
      }),
      fix: t('lint.unprocessedFix'),
    };
  }
  return {
    explanation:
      lint.message === null
        ? t('lint.syncFailed')
        : t('lint.syncFailedWith', { message: lint.message }),
    fix: t('lint.syncFailedFix'),
  };
}

/** What a consumer's reason (lib/domain/budget-consumers) means for the budget. */
export const consumerText = (reason: ConsumerReason, t: BudgetT = BUDGET_EN): string =>
  t(`consumer.${reason}`);

/** A forecast in words, naming the budget and its numbers (`forecastWords` of lib/domain). */
export function forecastText(forecast: EvictionForecast, t: ForecastT = FORECAST_EN): string {
  switch (forecast.kind) {
    case 'exempt':
      return t(`exempt.${forecast.why}`);
    case 'no-budget':
      return t('noBudget');
    case 'multiple-budgets':
      return t('multipleBudgets', { budgets: forecast.budgets.map((b) => b.name).join(', ') });
    case 'unhealthy-skip':
      return forecast.why === 'always-allow'
        ? t('alwaysAllow', { budget: forecast.budget.name })
        : t('healthyBudget', { budget: forecast.budget.name, ...counts(forecast.budget) });
    case 'stale':
    case 'forbidden':
    case 'blocked':
      return t(forecast.kind, { budget: forecast.budget.name, ...counts(forecast.budget) });
    case 'allowed':
      return t('allowed', {
        budget: forecast.budget.name,
        allowed: forecast.allowed,
        ...counts(forecast.budget),
      });
    default: {
      const unknown: never = forecast;
      return unknown;
    }
  }
}

/** An unblock option's title and consequence (lib/domain/unblock-options). */
export function remedyText(
  option: UnblockOption,
  t: RemedyT = REMEDY_EN,
): { title: string; consequence: string } {
  switch (option.code) {
    case 'always-allow':
      return {
        title: t('always-allow.title'),
        consequence: t('always-allow.consequence', { budget: option.budget }),
      };
    case 'scale-up':
      return {
        title: t('scale-up.title', { extra: option.extra }),
        consequence: t('scale-up.consequence', { extra: option.extra }),
      };
    default:
      return { title: t(`${option.code}.title`), consequence: t(`${option.code}.consequence`) };
  }
}
