import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

import type { BudgetCard } from '@/lib/client/budget-cards';
import { timeOf } from '@/lib/client/format-time';

import { Age } from '../ui/age';
import { StatusBadge } from '../ui/status-badge';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

/** "minAvailable 50% → 2 pods": the rule as written and as a pod count. */
function Rule({ card }: { card: BudgetCard }) {
  const t = useTranslations('Budgets.facts');
  const { rule, resolved } = card.numbers;
  if (rule.field === null) return <>{t('neither')}</>;
  return (
    <>
      <code className="font-mono">
        {rule.field}: {String(rule.value)}
      </code>
      {' → '}
      {resolved === null ? t('invalid') : t('pods', { count: resolved })}
    </>
  );
}

function Condition({ card }: { card: BudgetCard }) {
  const t = useTranslations('Budgets.facts');
  const { condition } = card;
  if (condition === null) return <>{t('notReported')}</>;
  return (
    <span className="flex flex-wrap items-center gap-1">
      <StatusBadge
        tone={condition.status === 'True' ? 'healthy' : 'waiting'}
        label={condition.status}
        detail={condition.reason}
      />
      {condition.lastTransitionTime === null ? null : (
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('for')} <Age since={timeOf(condition.lastTransitionTime)} />
        </span>
      )}
      {condition.message ? <span className="basis-full text-xs">{condition.message}</span> : null}
    </span>
  );
}

function Generation({ card }: { card: BudgetCard }) {
  const t = useTranslations('Budgets.facts');
  const { generation, observedGeneration } = card.budget;
  const observed = observedGeneration ?? t('none');
  return card.isUnprocessed ? (
    <StatusBadge
      tone="waiting"
      label={t('stale')}
      detail={t('staleDetail', { observed: String(observed), generation: String(generation) })}
    />
  ) : (
    <>
      {t('current')}{' '}
      <span className="text-zinc-600 dark:text-zinc-400">
        {t('generation', { generation: String(generation) })}
      </span>
    </>
  );
}

/** A budget's spec and status, with the numbers as the disruption controller resolved them. */
export function BudgetFacts({ card }: { card: BudgetCard }) {
  const t = useTranslations('Budgets.facts');
  const { budget, numbers } = card;
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3 lg:grid-cols-4">
      <Fact term={t('rule')}>
        <Rule card={card} />
      </Fact>
      <Fact term={t('expectedPods')}>{numbers.expectedPods}</Fact>
      <Fact term={t('desiredHealthy')}>{numbers.desiredHealthy}</Fact>
      <Fact term={t('currentHealthy')}>{numbers.currentHealthy}</Fact>
      <Fact term={t('condition')}>
        <Condition card={card} />
      </Fact>
      <Fact term={t('status')}>
        <Generation card={card} />
      </Fact>
      <Fact term={t('policy')}>
        <code className="font-mono">{budget.unhealthyPodEvictionPolicy}</code>
      </Fact>
      <Fact term={t('selector')}>
        <code className="font-mono">{card.selector}</code>
      </Fact>
    </dl>
  );
}
