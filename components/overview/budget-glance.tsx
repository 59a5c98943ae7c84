import { useTranslations } from 'next-intl';

import type { BudgetGlance } from '@/lib/client/glance';
import { neverCause } from '@/lib/domain/budget-state';
import type { BudgetView } from '@/lib/domain/views';

import { Stat } from '../ui/stat';
import { StatusBadge } from '../ui/status-badge';

function BlockedBudget({ budget }: { budget: BudgetView }) {
  const t = useTranslations('BudgetGlance');
  // No eviction can pass it, whatever the health of its pods (lib/domain/budget-state).
  const never = neverCause(budget) !== null;
  return (
    <li className="flex flex-wrap items-center gap-2 text-sm">
      <StatusBadge
        tone={never ? 'failed' : 'waiting'}
        label={never ? t('neverPassable') : t('blockedBadge')}
      />
      <span className="font-mono">
        {budget.namespace}/{budget.name}
      </span>
      <span className="text-zinc-700 dark:text-zinc-300">
        {t('facts', {
          allowed: budget.disruptionsAllowed,
          desired: budget.desiredHealthy,
          current: budget.currentHealthy,
        })}
        {never ? t('ofPods', { expected: budget.expectedPods }) : ''}
      </span>
    </li>
  );
}

/** How many budgets, how many allow a disruption now, how many block, and which. */
export function BudgetGlanceCard({
  glance,
  isSyncing,
}: {
  glance: BudgetGlance;
  isSyncing: boolean;
}) {
  const t = useTranslations('BudgetGlance');
  return (
    <section aria-labelledby="budget-glance" className="space-y-3">
      <h2 id="budget-glance" className="text-lg font-semibold">
        PodDisruptionBudgets
      </h2>
      <dl className="grid grid-cols-3 gap-2">
        <Stat label={t('budgets')} value={glance.total} />
        <Stat label={t('allowing')} value={glance.allowing} tone="healthy" />
        <Stat label={t('blocked')} value={glance.blocked.length} tone="waiting" />
      </dl>
      {glance.blocked.length > 0 ? (
        <ul aria-label={t('blockedList')} className="space-y-1.5">
          {glance.blocked.map((budget) => (
            <BlockedBudget key={budget.uid} budget={budget} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {isSyncing ? t('listing') : glance.total === 0 ? t('none') : t('noneBlocking')}
        </p>
      )}
    </section>
  );
}
