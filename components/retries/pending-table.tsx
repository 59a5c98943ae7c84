'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { memo } from 'react';

import { podHref } from '@/lib/client/evictions-request';
import { retryStatus, type RetryRow } from '@/lib/client/retry-rows';
import type { RetryView } from '@/lib/domain/retries';

import { Age } from '../ui/age';
import { StatusBadge } from '../ui/status-badge';
import { RetryWaitText } from './retry-wait';
import { StuckFindings } from './stuck-findings';
import { CELL, FramedTable, NONE, ROW } from '../ui/framed-table';

/** The pending table's columns, in order (e2e/pages/retries.ts reads cells by this order). */
export const PENDING_COLUMNS = [
  'Pod',
  'Budget',
  "Cluster's message",
  'Attempts',
  'Age',
  'Next attempt',
  'State',
  'Actions',
] as const;

/** What a pending row's buttons do; stable across renders (memoised by the view). */
export interface PendingActions {
  readonly cluster: string;
  readonly onRetryNow: (entry: RetryView) => void;
  readonly onCancel: (entry: RetryView) => void;
  readonly onDelete: (entry: RetryView) => void;
}

const SMALL_BUTTON =
  'rounded-md border px-2 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-blue-600 aria-disabled:cursor-not-allowed aria-disabled:opacity-50';
const PLAIN = `${SMALL_BUTTON} border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800`;
const DANGER = `${SMALL_BUTTON} border-red-700 text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`;

function StateCell({ row }: { row: RetryRow }) {
  const t = useTranslations('Retries');
  const words = useTranslations('RetryWords');
  if (row.stuck === null) {
    const detail = row.entry.blockedByStale ? t('budgetStale') : null;
    return <StatusBadge {...retryStatus(row.entry.state, words)} detail={detail} />;
  }
  return (
    <div className="space-y-1.5">
      <StatusBadge tone="failed" label={t('stuck')} />
      <StuckFindings diagnoses={row.stuck.diagnoses} remedies={row.stuck.remedies} />
    </div>
  );
}

const PendingRow = memo(function PendingRow({
  row,
  actions,
  isBusy,
}: {
  row: RetryRow;
  actions: PendingActions;
  /** A retry-now or cancel of this entry is on its way. */
  isBusy: boolean;
}) {
  const t = useTranslations('Retries');
  const { entry, ref } = row;
  return (
    <tr className={ROW}>
      <th scope="row" className={`${CELL} min-w-44 text-left font-normal`}>
        <Link
          href={podHref(actions.cluster, entry.namespace, entry.pod)}
          className="font-mono break-all text-blue-700 hover:underline dark:text-blue-400"
        >
          {ref}
        </Link>
      </th>
      <td className={CELL}>{entry.budget ?? <span className={NONE}>{t('noneNamed')}</span>}</td>
      <td className={`${CELL} max-w-md`}>
        {row.message === null ? <span className={NONE}>{t('noAnswer')}</span> : row.message}
      </td>
      <td className={`${CELL} tabular-nums`}>{entry.attempts}</td>
      <td className={`${CELL} whitespace-nowrap`}>
        <Age since={row.createdAt} />
      </td>
      <td className={`${CELL} whitespace-nowrap`}>
        <RetryWaitText wait={row.wait} />
      </td>
      <td className={`${CELL} min-w-56`}>
        <StateCell row={row} />
      </td>
      <td className={`${CELL} whitespace-nowrap`}>
        <div className="flex flex-wrap gap-1.5">
          <button
            type="button"
            aria-label={t('retryNowName', { ref })}
            aria-disabled={isBusy}
            onClick={() => isBusy || actions.onRetryNow(entry)}
            className={PLAIN}
          >
            {t('retryNow')}
          </button>
          <button
            type="button"
            aria-label={t('cancelName', { ref })}
            aria-disabled={isBusy}
            onClick={() => isBusy || actions.onCancel(entry)}
            className={PLAIN}
          >
            {t('cancel')}
          </button>
          <button
            type="button"
            aria-label={t('deletePodName', { ref })}
            aria-haspopup="dialog"
            onClick={() => actions.onDelete(entry)}
            className={DANGER}
          >
            {t('deletePod')}
          </button>
        </div>
      </td>
    </tr>
  );
});

/** The pending entries: what each waits on, what the cluster said, and what can be done. */
export function PendingTable({
  rows,
  actions,
  busyId,
}: {
  rows: readonly RetryRow[];
  actions: PendingActions;
  busyId: number | null;
}) {
  const t = useTranslations('Retries');
  return (
    <FramedTable label={t('pending')} columns={PENDING_COLUMNS.map((c) => t(`columns.${c}`))}>
      {rows.map((row) => (
        <PendingRow
          key={row.entry.id}
          row={row}
          actions={actions}
          isBusy={busyId === row.entry.id}
        />
      ))}
    </FramedTable>
  );
}
