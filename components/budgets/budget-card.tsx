'use client';

import { useTranslations } from 'next-intl';
import { memo } from 'react';

import type { BudgetCard } from '@/lib/client/budget-cards';
import { budgetStateText, needsHasText } from '@/lib/client/budget-words';

import { StatusBadge } from '../ui/status-badge';
import { TONE_TEXT } from '../ui/tone';
import { BudgetFacts } from './budget-facts';
import { BudgetGauge } from './budget-gauge';
import { BudgetLints } from './budget-lints';
import { BudgetPods } from './budget-pods';
import { WhyBlocked } from './why-blocked';

/** "0 allowed disruptions — Blocked": the number that decides every eviction, in words too. */
function Headline({ card }: { card: BudgetCard }) {
  const t = useTranslations('Budgets.headline');
  const allowed = card.numbers.disruptionsAllowed;
  return (
    <p className="flex flex-wrap items-baseline gap-x-2">
      <span className={`text-3xl font-semibold tabular-nums ${TONE_TEXT[card.tone]}`}>
        {allowed}
      </span>{' '}
      <span>{t('allowed', { count: allowed })}</span>{' '}
      <span className="font-semibold">{allowed === 0 ? t('blocked') : t('pass')}</span>
    </p>
  );
}

/**
 * One PodDisruptionBudget: its state first, then its numbers, lints, what blocks it and its
 * pods. Memoised on its card, which stays the same object while nothing it shows changed.
 * Off-screen cards skip layout and paint (content-visibility), so hundreds stay cheap.
 */
export const BudgetCardView = memo(function BudgetCardView({
  cluster,
  card,
}: {
  cluster: string;
  card: BudgetCard;
}) {
  const t = useTranslations('BudgetWords');
  const { budget } = card;
  const id = `budget-${budget.uid}`;
  const { headline, detail } = budgetStateText(budget, t);
  return (
    <article
      aria-labelledby={id}
      className="space-y-3 rounded-md border border-zinc-200 p-4 [contain-intrinsic-size:auto_20rem] [content-visibility:auto] dark:border-zinc-800"
    >
      <header className="flex flex-wrap items-center gap-3">
        <h2 id={id} className="font-mono text-lg font-semibold">
          {budget.namespace}/{budget.name}
        </h2>
        <StatusBadge tone={card.tone} label={headline} />
      </header>
      <Headline card={card} />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{detail}</p>
      <BudgetGauge card={card} />
      <BudgetFacts card={card} />
      <BudgetLints id={id} lints={card.lints} />
      {card.blockedBy === null ? null : (
        <WhyBlocked
          id={id}
          blockedBy={card.blockedBy}
          needsHas={needsHasText(budget, t)}
          podCount={card.pods.length}
        />
      )}
      <BudgetPods cluster={cluster} card={card} />
    </article>
  );
});
