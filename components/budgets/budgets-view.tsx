'use client';

import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { memo, useMemo } from 'react';

import { budgetCardBuilder, type BudgetCard } from '@/lib/client/budget-cards';
import { readBudgetQuery, selectBudgetCards } from '@/lib/client/budget-query';
import { selectBudgetSelections } from '@/lib/client/budget-selection';
import { useLiveCluster } from '@/lib/client/live';
import type { LiveState } from '@/lib/client/live-state';
import { useNow } from '@/lib/client/use-now';
import { useReplaceParams } from '@/lib/client/use-replace-params';
import { indexBudgets } from '@/lib/domain/budget-selection';

import { LiveView } from '../live/live-view';
import { Notice } from '../ui/notice';
import { BudgetCardView } from './budget-card';
import { BudgetSummaryBar } from './budget-summary';

/** How often time-dependent lints (expired evictions, long blocks) are looked at again. */
const LINT_TICK_MS = 15_000;

const BudgetList = memo(function BudgetList({
  cluster,
  cards,
}: {
  cluster: string;
  cards: readonly BudgetCard[];
}) {
  return (
    <div className="space-y-4">
      {cards.map((card) => (
        <BudgetCardView key={card.budget.uid} cluster={cluster} card={card} />
      ))}
    </div>
  );
});

/** Memoised: the clock above ticks every second, this only when the data or the lint tick move. */
const Budgets = memo(function Budgets({
  cluster,
  state,
  now,
}: {
  cluster: string;
  state: LiveState;
  now: number;
}) {
  const t = useTranslations('Budgets');
  const query = readBudgetQuery(useSearchParams());
  const replaceParams = useReplaceParams();
  const selections = useLiveCluster(cluster, selectBudgetSelections);
  const cardsOf = useMemo(() => budgetCardBuilder(indexBudgets(selections)), [selections]);
  const all = useMemo(
    () => cardsOf(state.budgets.values(), state.pods.values(), now),
    [cardsOf, state.budgets, state.pods, now],
  );
  const { namespace, show } = query;
  const { summary, cards } = useMemo(
    () => selectBudgetCards(all, { namespace, show }),
    [all, namespace, show],
  );
  const where = namespace === null ? t('thisCluster') : t('namespace', { namespace });
  const isSyncing =
    state.watchStatus.budgets.state === 'syncing' || state.watchStatus.pods.state === 'syncing';
  return (
    <div className="space-y-4">
      <BudgetSummaryBar
        summary={summary}
        query={query}
        onShow={(s) => replaceParams({ show: s === 'all' ? null : s })}
      />
      {cards.length > 0 ? (
        <BudgetList cluster={cluster} cards={cards} />
      ) : isSyncing ? (
        <Notice tone="progress" title={t('listing')} />
      ) : summary.total === 0 ? (
        <Notice tone="inactive" title={t('noneIn', { where })}>
          {t('noneInBody')}
        </Notice>
      ) : (
        <Notice tone="inactive" title={t('noMatch')}>
          {t('noMatchBody')}
        </Notice>
      )}
    </div>
  );
});

/** The live model with a clock that moves on every {@link LINT_TICK_MS}, not every second. */
function BudgetsAt({ cluster, state }: { cluster: string; state: LiveState }) {
  const t = useTranslations('Budgets');
  const now = useNow();
  if (now === null) return <Notice tone="inactive" title={t('reading')} />;
  return (
    <Budgets cluster={cluster} state={state} now={Math.floor(now / LINT_TICK_MS) * LINT_TICK_MS} />
  );
}

/** Every PodDisruptionBudget, live: its numbers, lints, what blocks it and its pods. */
export function BudgetsView({ cluster }: { cluster: string }) {
  return (
    <LiveView cluster={cluster}>
      {(state) => <BudgetsAt cluster={cluster} state={state} />}
    </LiveView>
  );
}
