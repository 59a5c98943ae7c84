import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { podHref } from '@/lib/client/evictions-request';
import { retryReason } from '@/lib/client/retries-words';
import { retryStatus, type RetryRow } from '@/lib/client/retry-rows';

import { Age } from '../ui/age';
import { StatusBadge } from '../ui/status-badge';
import { CELL, FramedTable, NONE, ROW } from '../ui/framed-table';

/** The finished table's columns, in order (e2e/pages/retries.ts reads cells by this order). */
export const FINISHED_COLUMNS = [
  'Pod',
  'Outcome',
  'Reason',
  'Attempts',
  'Budget',
  'Finished',
] as const;

/** Entries that are no longer retried, newest first, with their outcome and why. */
export function FinishedTable({ cluster, rows }: { cluster: string; rows: readonly RetryRow[] }) {
  const t = useTranslations('Retries');
  const words = useTranslations('RetryWords');
  return (
    <FramedTable
      label={t('finishedLabel')}
      columns={FINISHED_COLUMNS.map((c) => t(`columns.${c}`))}
    >
      {rows.map((row) => {
        const { entry } = row;
        const reason = retryReason(entry, words);
        return (
          <tr key={entry.id} className={ROW}>
            <th scope="row" className={`${CELL} text-left font-normal`}>
              <Link
                href={podHref(cluster, entry.namespace, entry.pod)}
                className="font-mono break-all text-blue-700 hover:underline dark:text-blue-400"
              >
                {row.ref}
              </Link>
            </th>
            <td className={CELL}>
              <StatusBadge {...retryStatus(entry.state, words)} />
            </td>
            <td className={`${CELL} max-w-md`}>
              {reason === null ? <span className={NONE}>{t('noneGiven')}</span> : reason}
            </td>
            <td className={`${CELL} tabular-nums`}>{entry.attempts}</td>
            <td className={CELL}>
              {entry.budget ?? <span className={NONE}>{t('noneNamed')}</span>}
            </td>
            <td className={CELL}>
              <Age since={row.updatedAt} />
              {t('ago')}
            </td>
          </tr>
        );
      })}
    </FramedTable>
  );
}
