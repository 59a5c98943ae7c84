import { useTranslations } from 'next-intl';

import { budgetWaitWords, waveWords } from '@/lib/client/drain-words';
import type { BudgetWait } from '@/lib/domain/drains';

import { StatusBadge } from '../ui/status-badge';

/** Each evicted pod's wave, by `namespace/name`. */
type Waves = ReadonlyMap<string, number | null>;

function BudgetWaitCard({ budget, waves }: { budget: BudgetWait; waves: Waves }) {
  const name = `${budget.namespace}/${budget.name}`;
  const t = useTranslations('Drains.plan');
  const tw = useTranslations('DrainWords');
  const w = budgetWaitWords(budget, tw);
  return (
    <li>
      <article
        aria-label={t('budget', { name })}
        className="space-y-2 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800"
      >
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-mono font-semibold">{name}</span>
          <StatusBadge tone={w.headline.tone} label={w.headline.label} detail={w.headline.detail} />
        </p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 tabular-nums">
          {w.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {budget.pods.length === 0 ? null : (
          <ol aria-label={t('order', { name })} className="list-decimal space-y-0.5 pl-6">
            {budget.pods.map((pod) => (
              <li key={pod} className="font-mono text-xs">
                {pod}{' '}
                <span className="font-sans text-zinc-600 dark:text-zinc-400">
                  {waveWords(waves.get(pod) ?? null, tw)}
                </span>
              </li>
            ))}
          </ol>
        )}
        {w.never === null ? null : <p className="font-semibold text-state-failed">{w.never}</p>}
      </article>
    </li>
  );
}

/** The budget simulation: per budget, what passes at once and what waits for replacements. */
export function PlanBudgets({ budgets, waves }: { budgets: readonly BudgetWait[]; waves: Waves }) {
  const t = useTranslations('Drains.plan');
  if (budgets.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('noBudget')}</p>;
  }
  return (
    <ul aria-label={t('simulation')} className="grid gap-2 lg:grid-cols-2">
      {budgets.map((b) => (
        <BudgetWaitCard key={`${b.namespace}/${b.name}`} budget={b} waves={waves} />
      ))}
    </ul>
  );
}
