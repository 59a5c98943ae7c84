import { useTranslations } from 'next-intl';

import { lintText, needsHasText } from '@/lib/client/budget-words';
import type { BudgetLint } from '@/lib/domain/budget-lints';
import type { BudgetView } from '@/lib/domain/views';

import { StatusBadge } from '../ui/status-badge';

/** A budget's headline: allowed disruptions now, 0 shown as blocked, never hidden. */
export function BudgetLine({ budget }: { budget: BudgetView }) {
  const t = useTranslations('BudgetWords');
  const isBlocked = budget.disruptionsAllowed <= 0;
  const line = {
    allowed: budget.disruptionsAllowed,
    needsHas: needsHasText(budget, t),
  };
  return (
    <li className="flex flex-wrap items-center gap-2 text-sm">
      <StatusBadge
        tone={isBlocked ? 'waiting' : 'healthy'}
        label={isBlocked ? t('evict.blocked') : t('evict.room')}
      />
      <span className="font-mono">{budget.name}</span>
      <span>{isBlocked ? t('evict.lineBlocked', line) : t('evict.line', line)}</span>
    </li>
  );
}

/** The budgets selecting the pod, by name, with their allowed disruptions now. */
export function PodBudgets({ budgets }: { budgets: readonly BudgetView[] }) {
  const t = useTranslations('BudgetWords.evict');
  if (budgets.length === 0) {
    return <p className="text-sm">{t('noBudget')}</p>;
  }
  return (
    <ul aria-label={t('budgets')} className="space-y-1">
      {budgets.map((budget) => (
        <BudgetLine key={budget.uid} budget={budget} />
      ))}
    </ul>
  );
}

/** One lint that bears on evicting the pod, with its fix. */
function LintItem({ lint }: { lint: BudgetLint }) {
  const t = useTranslations('BudgetWords');
  const isError = lint.severity === 'error';
  const { explanation, fix } = lintText(lint, t);
  const severity = isError ? t('evict.error') : t('evict.warning');
  return (
    <li
      className={`rounded-md border px-3 py-2 text-sm ${isError ? 'border-state-failed bg-state-failed/10' : 'border-state-waiting bg-state-waiting/10'}`}
    >
      <p className="font-semibold">
        <span aria-hidden="true">{isError ? '✕ ' : '! '}</span>
        {t('evict.lintHead', { severity, budget: lint.budget.name })} {explanation}
      </p>
      <p className="mt-1">{t('evict.fix', { fix })}</p>
    </li>
  );
}

/** The lints of the pod's budgets that bear on evicting it, with the fix for each. */
export function LintList({ lints }: { lints: readonly BudgetLint[] }) {
  const t = useTranslations('BudgetWords.evict');
  if (lints.length === 0) return null;
  return (
    <ul aria-label={t('warnings')} className="space-y-2">
      {lints.map((lint) => (
        <LintItem key={`${lint.budget.uid}-${lint.code}`} lint={lint} />
      ))}
    </ul>
  );
}
