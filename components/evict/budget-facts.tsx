import type { BudgetLint } from '@/lib/domain/budget-lints';
import { needsHas } from '@/lib/domain/budgets';
import type { BudgetView } from '@/lib/domain/views';

import { StatusBadge } from '../ui/status-badge';

/** A budget's headline: allowed disruptions now, 0 shown as blocked, never hidden. */
export function BudgetLine({ budget }: { budget: BudgetView }) {
  const isBlocked = budget.disruptionsAllowed <= 0;
  return (
    <li className="flex flex-wrap items-center gap-2 text-sm">
      <StatusBadge
        tone={isBlocked ? 'waiting' : 'healthy'}
        label={isBlocked ? 'Blocked' : 'Room'}
      />
      <span className="font-mono">{budget.name}</span>
      <span>
        Allowed disruptions {budget.disruptionsAllowed}
        {isBlocked ? ' — blocked' : ''} · {needsHas(budget)}
      </span>
    </li>
  );
}

/** The budgets selecting the pod, by name, with their allowed disruptions now. */
export function PodBudgets({ budgets }: { budgets: readonly BudgetView[] }) {
  if (budgets.length === 0) {
    return <p className="text-sm">No PodDisruptionBudget selects this pod.</p>;
  }
  return (
    <ul aria-label="Budgets selecting this pod" className="space-y-1">
      {budgets.map((budget) => (
        <BudgetLine key={budget.uid} budget={budget} />
      ))}
    </ul>
  );
}

/** The lints of the pod's budgets that bear on evicting it, with the fix for each. */
export function LintList({ lints }: { lints: readonly BudgetLint[] }) {
  if (lints.length === 0) return null;
  return (
    <ul aria-label="Budget warnings" className="space-y-2">
      {lints.map((lint) => (
        <li
          key={`${lint.budget.uid}-${lint.code}`}
          className={`rounded-md border px-3 py-2 text-sm ${lint.severity === 'error' ? 'border-state-failed bg-state-failed/10' : 'border-state-waiting bg-state-waiting/10'}`}
        >
          <p className="font-semibold">
            <span aria-hidden="true">{lint.severity === 'error' ? '✕ ' : '! '}</span>
            {lint.severity === 'error' ? 'Error' : 'Warning'} ({lint.budget.name}):{' '}
            {lint.explanation}
          </p>
          <p className="mt-1">Fix: {lint.fix}</p>
        </li>
      ))}
    </ul>
  );
}
