'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { memo, type ReactNode } from 'react';

import { podHref } from '@/lib/client/evictions-request';
import type { PodRow } from '@/lib/client/pod-rows';
import type { PodView } from '@/lib/domain/views';

import { RowEvictButton } from '../evict/row-evict-button';
import { Age } from '../ui/age';
import { Countdown } from '../ui/countdown';
import { ROW_GRID, ROW_HEIGHT } from './columns';
import { PodStatusBadge } from './pod-status-badge';

const cell = 'flex min-w-0 items-center px-2';
const none = 'text-zinc-500 dark:text-zinc-400';

function Cell({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div role="cell" className={`${cell} ${className ?? ''}`}>
      {children}
    </div>
  );
}

function Truncated({ text, className }: { text: string; className?: string }) {
  return (
    <span title={text} className={`truncate ${className ?? ''}`}>
      {text}
    </span>
  );
}

/** The budgets covering the pod; one that allows no disruption now is marked as blocking. */
function Budgets({ row }: { row: PodRow }) {
  const t = useTranslations('Pods');
  const text = row.budgets
    .map((b) => (b.isBlocking ? t('blockingTitle', { name: b.name }) : b.name))
    .join(', ');
  return (
    <span title={text} className="truncate">
      {row.budgets.map((b, i) => (
        <span key={b.name}>
          {i > 0 ? ', ' : null}
          {b.isBlocking ? (
            <span aria-hidden="true" className="font-semibold text-state-waiting">
              ⊘{' '}
            </span>
          ) : null}
          {b.name}
          {b.isBlocking ? <span className="sr-only">{t('blockingNow')}</span> : null}
        </span>
      ))}
    </span>
  );
}

/** What a row does: select its pod for a bulk eviction, or open the Evict dialog. */
export interface RowActions {
  readonly cluster: string;
  readonly onToggle: (uid: string, isSelected: boolean) => void;
  readonly onEvict: (pod: PodView) => void;
}

/**
 * One pod of the virtualised table at its place (`start`, in px). Memoised: after a batch of
 * changes only the rows whose pod changed (or moved, or whose selection changed) render again.
 */
export const PodRowView = memo(function PodRowView({
  row,
  rowIndex,
  start,
  isSelected,
  actions,
}: {
  row: PodRow;
  /** aria-rowindex: 1-based, the header row counted. */
  rowIndex: number;
  start: number;
  isSelected: boolean;
  /** Stable across renders (memoised by the view). */
  actions: RowActions;
}) {
  const t = useTranslations('Pods');
  const { pod, status } = row;
  const ref = `${pod.namespace}/${pod.name}`;
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`${ROW_GRID} absolute inset-x-0 top-0 border-b border-zinc-100 text-sm hover:bg-zinc-50 dark:border-zinc-800/60 dark:hover:bg-zinc-900`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
    >
      <Cell className="justify-center">
        <input
          type="checkbox"
          aria-label={t('select', { ref })}
          checked={isSelected}
          onChange={(e) => actions.onToggle(pod.uid, e.target.checked)}
        />
      </Cell>
      <Cell>
        <Truncated text={pod.namespace} />
      </Cell>
      <Cell>
        <Link
          href={podHref(actions.cluster, pod.namespace, pod.name)}
          title={pod.name}
          className="truncate font-mono text-blue-700 hover:underline dark:text-blue-400"
        >
          {pod.name}
        </Link>
      </Cell>
      <Cell>
        {row.owner === null ? (
          <span className={none}>{t('none')}</span>
        ) : (
          <Truncated text={row.owner} />
        )}
      </Cell>
      <Cell>
        {pod.nodeName === null ? (
          <span className={none}>{t('unscheduled')}</span>
        ) : (
          <Truncated text={pod.nodeName} />
        )}
      </Cell>
      <Cell className="tabular-nums">
        {row.ready}/{row.total}
      </Cell>
      <Cell className="gap-2">
        <PodStatusBadge status={status} />
        {row.deadline === null ? null : <Countdown deadline={row.deadline} className="text-xs" />}
      </Cell>
      <Cell>
        <Age since={row.createdAt} />
      </Cell>
      <Cell className="tabular-nums">{row.restarts}</Cell>
      <Cell>
        {row.budgets.length === 0 ? (
          <span className={none}>{t('none')}</span>
        ) : (
          <Budgets row={row} />
        )}
      </Cell>
      <Cell>
        <RowEvictButton cluster={actions.cluster} pod={pod} onEvict={actions.onEvict} />
      </Cell>
    </div>
  );
});
