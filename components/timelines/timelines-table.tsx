'use client';

import Link from 'next/link';
import { memo } from 'react';

import { liveDurationMs, type TimelineRow } from '@/lib/client/timeline-rows';
import { timelineHref } from '@/lib/client/timelines-api';
import { ATTRIBUTION_WORDS } from '@/lib/client/timeline-words';
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

const HEADERS = TIMELINE_COLUMNS.map((c) =>
  c === 'Select' ? (
    <span key={c} className="sr-only">
      {c}
    </span>
  ) : (
    c
  ),
);

/** How long the termination has taken: ticking while in progress; "unknown" when unobserved. */
function Duration({ row }: { row: TimelineRow }) {
  const ms = liveDurationMs(row, useNow());
  if (ms === null) return <span className={NONE}>unknown</span>;
  return (
    <span className="tabular-nums">
      {formatDuration(ms)}
      {row.summary.inProgress ? <span className={NONE}> so far</span> : null}
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
  const { summary: t, ref } = row;
  return (
    <tr className={ROW}>
      <td className={CELL}>
        <input
          type="checkbox"
          aria-label={`Select ${ref}`}
          checked={isSelected}
          onChange={() => onToggle(t.uid)}
        />
      </td>
      <th scope="row" className={`${CELL} min-w-44 text-left font-normal`}>
        <Link href={timelineHref(cluster, t.uid)} className={LINK}>
          {ref}
        </Link>
      </th>
      <td className={CELL}>
        {t.owner === null ? <span className={NONE}>none</span> : `${t.owner.kind}/${t.owner.name}`}
      </td>
      <td className={CELL}>{t.node ?? <span className={NONE}>unscheduled</span>}</td>
      <td className={CELL}>{ATTRIBUTION_WORDS[t.attribution]}</td>
      <td className={`${CELL} whitespace-nowrap`}>
        <PhaseBadge phase={t.current} />
      </td>
      <td className={`${CELL} whitespace-nowrap`}>
        <Duration row={row} />
      </td>
      <td className={CELL}>
        <FindingBadges codes={t.findings} />
      </td>
      <td className={`${CELL} whitespace-nowrap`}>
        <Age since={row.startedAt} /> ago
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
  return (
    <FramedTable label="Timelines" columns={HEADERS}>
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
