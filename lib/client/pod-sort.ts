import { compareKeys, naturalKey } from './compare-text';
import type { PodColumn, SortDirection } from './pod-query';

/**
 * A sort key per column, computed once per row: text as {@link naturalKey}, numbers padded,
 * each followed by the pod's namespace and name so that equal values keep a stable order.
 * Sorting 10,000 rows is then one plain string comparison per step, a few milliseconds.
 */
export type SortKeys = Readonly<Record<PodColumn, string>>;

/** What the keys are made of. */
export interface SortParts {
  readonly namespace: string;
  readonly name: string;
  readonly owner: string;
  readonly node: string;
  readonly state: string;
  readonly budgets: string;
  /** Ready containers over all (0 to 1). */
  readonly readyShare: number;
  readonly restarts: number;
  /** Creation time (epoch ms), null when unknown. */
  readonly createdAt: number | null;
}

/** A non-negative number as text that sorts like the number. */
const padded = (n: number) => n.toFixed(3).padStart(24, '0');
/** Later than any date: ascending age (youngest first) puts an unknown creation time last. */
const LATEST = 8.64e15;

/** The sort keys of one row. */
export function sortKeys(parts: SortParts): SortKeys {
  const id = `${naturalKey(parts.namespace)}\u0000${naturalKey(parts.name)}`;
  const text = (value: string) => `${naturalKey(value)}\u0000${id}`;
  const number = (value: number) => `${padded(value)}\u0000${id}`;
  return {
    namespace: id,
    name: text(parts.name),
    owner: text(parts.owner),
    node: text(parts.node),
    ready: number(parts.readyShare),
    state: text(parts.state),
    age: parts.createdAt === null ? `~\u0000${id}` : number(LATEST - parts.createdAt),
    restarts: number(parts.restarts),
    budgets: text(parts.budgets),
  };
}

/** Sorts by the column's keys; descending is the ascending order read backwards. */
export function sortByKeys<R extends { readonly keys: SortKeys }>(
  rows: readonly R[],
  column: PodColumn,
  dir: SortDirection,
): R[] {
  const keyed = rows.map((row) => ({ key: row.keys[column], row }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  if (dir === 'desc') keyed.reverse();
  return keyed.map((k) => k.row);
}
