// Header labels of the Pods table are messages: `Pods.columns.{column}`.

/**
 * One grid template for the header and every row, so that the columns line up: the selection
 * checkbox, the sortable columns, then the row's actions.
 */
export const ROW_GRID =
  'grid grid-cols-[2.5rem_7rem_minmax(14rem,1.4fr)_minmax(11rem,1fr)_6rem_4rem_minmax(12rem,1.2fr)_6.5rem_4.5rem_minmax(10rem,1fr)_5.5rem]';

/** Fixed row height: the virtualiser places rows without measuring them. */
export const ROW_HEIGHT = 36;
