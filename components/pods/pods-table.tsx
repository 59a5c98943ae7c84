'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslations } from 'next-intl';
import { useRef } from 'react';

import { POD_COLUMNS, type PodColumn, type PodQuery } from '@/lib/client/pod-query';
import type { PodRow } from '@/lib/client/pod-rows';

import { ROW_GRID, ROW_HEIGHT } from './columns';
import { PodRowView, type RowActions } from './pod-row';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** Selection of the shown rows, for a bulk eviction. */
export interface RowSelection {
  readonly selected: ReadonlySet<string>;
  /** Selects (or clears) every shown row. */
  readonly onToggleAll: (isSelected: boolean) => void;
}

function SelectAll({ rows, selection }: { rows: readonly PodRow[]; selection: RowSelection }) {
  const t = useTranslations('Pods');
  const count = rows.filter((r) => selection.selected.has(r.pod.uid)).length;
  return (
    <div role="columnheader" className="flex items-center justify-center px-1 py-1">
      <input
        type="checkbox"
        aria-label={t('selectAll')}
        checked={rows.length > 0 && count === rows.length}
        ref={(el) => {
          if (el !== null) el.indeterminate = count > 0 && count < rows.length;
        }}
        onChange={(e) => selection.onToggleAll(e.target.checked)}
      />
    </div>
  );
}

function HeaderRow({
  query,
  onSort,
  rows,
  selection,
}: {
  query: PodQuery;
  onSort: (column: PodColumn) => void;
  rows: readonly PodRow[];
  selection: RowSelection;
}) {
  const t = useTranslations('Pods');
  return (
    <div
      role="rowgroup"
      className="sticky top-0 z-10 border-b border-zinc-300 bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div role="row" aria-rowindex={1} className={`${ROW_GRID} text-left text-xs font-semibold`}>
        <SelectAll rows={rows} selection={selection} />
        {POD_COLUMNS.map((column) => {
          const isSorted = query.sort === column;
          return (
            <div
              key={column}
              role="columnheader"
              aria-sort={isSorted ? ARIA_SORT[query.dir] : undefined}
              className="px-1 py-1"
            >
              <button
                type="button"
                onClick={() => onSort(column)}
                className="flex w-full items-center gap-1 rounded px-1 py-1 text-left hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-zinc-800"
              >
                {t(`columns.${column}`)}
                <span
                  aria-hidden="true"
                  className={isSorted ? '' : 'text-zinc-400 dark:text-zinc-600'}
                >
                  {isSorted ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </div>
          );
        })}
        <div role="columnheader" className="px-2 py-2">
          {t('actions')}
        </div>
      </div>
    </div>
  );
}

/**
 * The pods as a table that stays smooth at 10,000 rows: only the rows in view (and a few
 * either side) are in the DOM, placed by @tanstack/react-virtual. It keeps table semantics
 * for screen readers: the row count and each row's index are given with aria-rowcount and
 * aria-rowindex, as most rows are not rendered. The header stays in view while scrolling.
 */
export function PodsTable({
  rows,
  query,
  onSort,
  selection,
  actions,
}: {
  rows: readonly PodRow[];
  query: PodQuery;
  onSort: (column: PodColumn) => void;
  selection: RowSelection;
  actions: RowActions;
}) {
  const t = useTranslations('Pods');
  const scrollRef = useRef<HTMLDivElement>(null);
  // React Compiler would skip this component (the virtualiser's API cannot be memoised
  // safely); this project does not use the compiler, and the rows are memoised by hand.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]?.pod.uid ?? index,
  });
  return (
    <div role="table" aria-label={t('table')} aria-rowcount={rows.length + 1}>
      <div
        ref={scrollRef}
        className="max-h-[max(24rem,calc(100dvh-20rem))] overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800"
      >
        <div className="min-w-[80rem]">
          <HeaderRow query={query} onSort={onSort} rows={rows} selection={selection} />
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              return row === undefined ? null : (
                <PodRowView
                  key={item.key}
                  row={row}
                  rowIndex={item.index + 2}
                  start={item.start}
                  isSelected={selection.selected.has(row.pod.uid)}
                  actions={actions}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
