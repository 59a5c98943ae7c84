import { useTranslations } from 'next-intl';

import type { BudgetCard } from '@/lib/client/budget-cards';

/**
 * Current healthy pods against the desired count, as a bar: healthy pods filled, the pods
 * whose eviction was accepted (`disruptedPods`) marked after them, and a line where the
 * desired count lies. The numbers are in the label; the bar only shows them.
 */
export function BudgetGauge({ card }: { card: BudgetCard }) {
  const t = useTranslations('Budgets.gauge');
  const { expectedPods, desiredHealthy, currentHealthy } = card.numbers;
  const disrupted = card.disrupted.length;
  const scale = Math.max(expectedPods, desiredHealthy, currentHealthy + disrupted, 1);
  const percent = (n: number) => `${(Math.min(n, scale) / scale) * 100}%`;
  const numbers = { current: currentHealthy, expected: expectedPods, desired: desiredHealthy };
  const label = `${t('label', numbers)}${disrupted > 0 ? t('accepted', { count: disrupted }) : ''}`;
  return (
    <div role="img" aria-label={label} title={label} className="space-y-1">
      <div className="relative h-3 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div
          className="absolute inset-y-0 left-0 bg-state-healthy"
          style={{ width: percent(currentHealthy) }}
        />
        <div
          className="absolute inset-y-0 bg-state-progress bg-[repeating-linear-gradient(45deg,transparent_0_3px,rgb(255_255_255/0.4)_3px_6px)]"
          style={{ left: percent(currentHealthy), width: percent(disrupted) }}
        />
        <div
          className="absolute inset-y-0 w-0.5 bg-zinc-900 dark:bg-zinc-100"
          style={{ left: `calc(${percent(desiredHealthy)} - 1px)` }}
        />
      </div>
      <p aria-hidden="true" className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        {t('legend', numbers)}
        {disrupted > 0 ? t('evicted', { count: disrupted }) : ''}
      </p>
    </div>
  );
}
