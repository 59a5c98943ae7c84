'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { memo } from 'react';

import { liveDurationMs, type TimelineRow } from '@/lib/client/timeline-rows';
import { timelineHref } from '@/lib/client/timelines-api';
import { attributionWords } from '@/lib/client/timeline-words';
import { useNow } from '@/lib/client/use-now';
import { formatDuration } from '@/lib/domain/duration';

import { Age } from '../ui/age';
import { FindingBadges, PhaseBadge } from './timeline-badges';
import { CELL, FramedTable, NONE, ROW } from '../ui/framed-table';
import { LINK } from './links';

/** The columns, in order (e2e/pages/timelines.ts reads cells by this order). */
export const TIMELINE_COLUMNS = [
  'Select',
  'Pod',
  'Owner',
  'Node',
  'Started by',
  'Phase',
  'Duration',
  'Findings',
  'Started',
] as const;

/** How long the termination has taken: ticking while in progress; "unknown" when unobserved. */
function Duration({ row }: { row: TimelineRow }) {
  const t = useTranslations('Timelines');
  const locale = useLocale();
  const ms = liveDurationMs(row, useNow());
  if (ms === null) return <span className={NONE}>{t('unknown')}</span>;
  return (
    <span className="tabular-nums">
      {formatDuration(ms, locale)}
      {row.summary.inProgress ? <span className={NONE}>{t('soFar')}</span> : null}
    </span>
  );
}

const Row = memo(function Row({
  cluster,
  row,
  isSelected,
  onToggle,
}: {
  cluster: string;
  row: TimelineRow;
  isSelected: boolean;
  onToggle: (uid: string) => void;
}) {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  const { summary, ref } = row;
  return (
    <tr className={ROW}>
      <td className={CELL}>
        <input
          type="checkbox"
          aria-label={t('select', { ref })}
          checked={isSelected}
          onChange={() => onToggle(summary.uid)}
        />
      </td>
      <th scope="row" className={`${CELL} min-w-44 text-left font-normal`}>
        <Link href={timelineHref(cluster, summary.uid)} className={LINK}>
          {ref}
        </Link>
      </th>
      <td className={CELL}>
        {summary.owner === null ? (
          <span className={NONE}>{t('none')}</span>
        ) : (
          `${summary.owner.kind}/${summary.owner.name}`
        )}
      </td>
      <td className={CELL}>{summary.node ?? <span className={NONE}>{t('unscheduled')}</span>}</td>
      <td className={CELL}>{attributionWords(summary.attribution, words)}</td>
      <td className={`${CELL} whitespace-nowrap`}>
        <PhaseBadge phase={summary.current} />
      </td>
      <td className={`${CELL} whitespace-nowrap`}>
        <Duration row={row} />
      </td>
      <td className={CELL}>
        <FindingBadges codes={summary.findings} />
      </td>
      <td className={`${CELL} whitespace-nowrap`}>
        {t.rich('ago', { age: () => <Age since={row.startedAt} /> })}
      </td>
    </tr>
  );
});

/** The timelines, newest first, each with a checkbox to compare several on one axis. */
export function TimelinesTable({
  cluster,
  rows,
  selected,
  onToggle,
}: {
  cluster: string;
  rows: readonly TimelineRow[];
  selected: ReadonlySet<string>;
  onToggle: (uid: string) => void;
}) {
  const t = useTranslations('Timelines');
  const headers = TIMELINE_COLUMNS.map((c) =>
    c === 'Select' ? (
      <span key={c} className="sr-only">
        {t(`columns.${c}`)}
      </span>
    ) : (
      t(`columns.${c}`)
    ),
  );
  return (
    <FramedTable label={t('table')} columns={headers}>
      {rows.map((row) => (
        <Row
          key={row.summary.uid}
          cluster={cluster}
          row={row}
          isSelected={selected.has(row.summary.uid)}
          onToggle={onToggle}
        />
      ))}
    </FramedTable>
  );
}
