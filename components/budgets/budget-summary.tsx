import type { BudgetQuery, BudgetShow, BudgetSummary } from '@/lib/client/budget-query';

import { Stat } from '../ui/stat';

const SHOW_LABELS: Readonly<Record<BudgetShow, string>> = {
  all: 'All budgets',
  blocked: 'Blocked only (0 allowed)',
  lints: 'With lints only',
};

/** The scope's budgets counted, and the `show` filter (in the URL). */
export function BudgetSummaryBar({
  summary,
  query,
  onShow,
}: {
  summary: BudgetSummary;
  query: BudgetQuery;
  onShow: (show: BudgetShow) => void;
}) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <dl aria-label="Budgets at a glance" className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <Stat label="Budgets" value={summary.total} />
        <Stat label="Allow disruptions" value={summary.allowing} tone="healthy" />
        <Stat label="Blocked (0 allowed)" value={summary.blocked} tone="waiting" />
        <Stat label="Never passable" value={summary.neverPassable} tone="failed" />
        <Stat label="With lints" value={summary.withLints} tone="waiting" />
      </dl>
      <div className="flex flex-col gap-1">
        <label htmlFor="budget-show" className="text-xs font-medium">
          Show
        </label>
        <select
          id="budget-show"
          value={query.show}
          onChange={(e) => onShow(e.target.value as BudgetShow)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        >
          {Object.entries(SHOW_LABELS).map(([show, label]) => (
            <option key={show} value={show}>
              {label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
