import type { ReactNode } from 'react';

/** The looks of a framed table's rows and cells. */
export const ROW =
  'border-b border-zinc-100 align-top hover:bg-zinc-50 dark:border-zinc-800/60 dark:hover:bg-zinc-900';
export const CELL = 'px-2 py-1.5';
/** A value that is absent ("none", "—"). */
export const NONE = 'text-zinc-500 dark:text-zinc-400';

const HEAD =
  'sticky top-0 z-10 border-b border-zinc-300 bg-zinc-100 text-xs font-semibold dark:border-zinc-700 dark:bg-zinc-900';

/**
 * A table in a scrolling frame with a sticky header (the Retries and Timelines tables):
 * labelled, one header cell per column.
 */
export function FramedTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: readonly ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className="max-h-[max(24rem,calc(100dvh-20rem))] overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table aria-label={label} className="w-full border-collapse text-sm">
        <thead className={HEAD}>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={`${CELL} text-left whitespace-nowrap`}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
