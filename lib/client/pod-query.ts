import { POD_STATES, type PodState } from './pod-status';

/** The Pods table's columns, in display order; each sorts. */
export const POD_COLUMNS = [
  'namespace',
  'name',
  'owner',
  'node',
  'ready',
  'state',
  'age',
  'restarts',
  'budgets',
] as const;
export type PodColumn = (typeof POD_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

/** The node filter's value for pods the scheduler has not bound (not a valid node name). */
export const UNSCHEDULED = '(unscheduled)';

/**
 * What the Pods view shows, read from the URL so that every filter and sort deep-links:
 * `?namespace=&labels=&node=&state=&sort=&dir=`. Absent or unknown values mean "all" and
 * the default order (namespace, then name).
 */
export interface PodQuery {
  readonly namespace: string | null;
  /** A label selector as typed, `kubectl get -l` syntax. */
  readonly labels: string;
  /** A node name, or {@link UNSCHEDULED}. */
  readonly node: string | null;
  readonly state: PodState | null;
  readonly sort: PodColumn;
  readonly dir: SortDirection;
}

/** The read side of URLSearchParams (Next's ReadonlyURLSearchParams included). */
export interface ParamReader {
  get(name: string): string | null;
}

const oneOf = <T extends string>(options: readonly T[], value: string | null): T | null =>
  options.find((option) => option === value) ?? null;

const nonEmpty = (value: string | null) =>
  value === null || value.trim() === '' ? null : value.trim();

/** The shell's namespace filter (`?namespace=`), which every view honours; null for all. */
export function readNamespace(params: ParamReader): string | null {
  return nonEmpty(params.get('namespace'));
}

/** Reads the Pods view's query from the URL's search params. */
export function readPodQuery(params: ParamReader): PodQuery {
  return {
    namespace: readNamespace(params),
    labels: params.get('labels') ?? '',
    node: nonEmpty(params.get('node')),
    state: oneOf(POD_STATES, params.get('state')),
    sort: oneOf(POD_COLUMNS, params.get('sort')) ?? 'namespace',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/**
 * The query string after setting (or, for null and '', removing) the given parameters,
 * keeping all others; `?` included unless nothing is left.
 */
export function withParams(search: string, patch: Readonly<Record<string, string | null>>): string {
  const params = new URLSearchParams(search);
  for (const [name, value] of Object.entries(patch)) {
    if (value === null || value === '') params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/** The sort after a click on `column`'s header: the same column flips, another starts ascending. */
export function nextSort(
  query: PodQuery,
  column: PodColumn,
): { sort: PodColumn; dir: SortDirection } {
  if (query.sort !== column) return { sort: column, dir: 'asc' };
  return { sort: column, dir: query.dir === 'asc' ? 'desc' : 'asc' };
}
