import type { BudgetGlance } from '@/lib/client/glance';
import { neverCause } from '@/lib/domain/budget-state';
import type { BudgetView } from '@/lib/domain/views';

import { Stat } from '../ui/stat';
import { StatusBadge } from '../ui/status-badge';

function BlockedBudget({ budget }: { budget: BudgetView }) {
  // No eviction can pass it, whatever the health of its pods (lib/domain/budget-state).
  const never = neverCause(budget) !== null;
  return (
    <li className="flex flex-wrap items-center gap-2 text-sm">
      <StatusBadge
        tone={never ? 'failed' : 'waiting'}
        label={never ? 'Never passable' : 'Blocked'}
      />
      <span className="font-mono">
        {budget.namespace}/{budget.name}
      </span>
      <span className="text-zinc-700 dark:text-zinc-300">
        Allowed disruptions {budget.disruptionsAllowed} — needs {budget.desiredHealthy} healthy, has{' '}
        {budget.currentHealthy}
        {never ? ` of ${budget.expectedPods} pods` : ''}
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
  return (
    <section aria-labelledby="budget-glance" className="space-y-3">
      <h2 id="budget-glance" className="text-lg font-semibold">
        PodDisruptionBudgets
      </h2>
      <dl className="grid grid-cols-3 gap-2">
        <Stat label="Budgets" value={glance.total} />
        <Stat label="Allow disruptions" value={glance.allowing} tone="healthy" />
        <Stat label="Blocked (0 allowed)" value={glance.blocked.length} tone="waiting" />
      </dl>
      {glance.blocked.length > 0 ? (
        <ul aria-label="Blocked budgets" className="space-y-1.5">
          {glance.blocked.map((budget) => (
            <BlockedBudget key={budget.uid} budget={budget} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {isSyncing
            ? 'Listing PodDisruptionBudgets…'
            : glance.total === 0
              ? 'No PodDisruptionBudget in this scope: evictions here are not limited by a budget.'
              : 'No budget blocks an eviction now.'}
        </p>
      )}
    </section>
  );
}
