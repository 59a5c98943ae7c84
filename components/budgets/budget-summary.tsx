import { useTranslations } from 'next-intl';

import type { BudgetQuery, BudgetShow, BudgetSummary } from '@/lib/client/budget-query';

import { Stat } from '../ui/stat';

/** Each `show` value's message key. */
const SHOW_KEYS = { all: 'showAll', blocked: 'showBlocked', lints: 'showLints' } as const;

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
  const t = useTranslations('Budgets.summary');
  return (
    <div className="flex flex-wrap items-end gap-4">
      <dl aria-label={t('name')} className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <Stat label={t('budgets')} value={summary.total} />
        <Stat label={t('allowing')} value={summary.allowing} tone="healthy" />
        <Stat label={t('blocked')} value={summary.blocked} tone="waiting" />
        <Stat label={t('never')} value={summary.neverPassable} tone="failed" />
        <Stat label={t('withLints')} value={summary.withLints} tone="waiting" />
      </dl>
      <div className="flex flex-col gap-1">
        <label htmlFor="budget-show" className="text-xs font-medium">
          {t('show')}
        </label>
        <select
          id="budget-show"
          value={query.show}
          onChange={(e) => onShow(e.target.value as BudgetShow)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        >
          {Object.entries(SHOW_KEYS).map(([show, key]) => (
            <option key={show} value={show}>
              {t(key)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
