import { budgetsOf } from '@/lib/domain/budget-selection';
import { selectorMatches } from '@/lib/domain/selectors';
import type { LabelSelectorView, PodView } from '@/lib/domain/views';

import { timeOf } from './format-time';
import type { PodQuery } from './pod-query';
import { UNSCHEDULED } from './pod-query';
import type { SelectionIndex } from './budget-selection';
import { podStatus, readiness, restarts, type PodStatus } from './pod-status';
import { sortByKeys, sortKeys, type SortKeys } from './pod-sort';

/** One pod as the Pods table shows it; rebuilt only when the pod or the budgets change. */
export interface PodRow {
  readonly pod: PodView;
  readonly status: PodStatus;
  /** `kind/name` of the controlling owner; null for a naked pod. */
  readonly owner: string | null;
  readonly ready: number;
  readonly total: number;
  readonly restarts: number;
  /** The budgets that select the pod. */
  readonly budgets: readonly { readonly name: string; readonly isBlocking: boolean }[];
  /** Creation time (epoch ms). */
  readonly createdAt: number | null;
  /** The deletion timestamp (epoch ms): the end of the grace period, while terminating. */
  readonly deadline: number | null;
  readonly keys: SortKeys;
}

function buildRow(pod: PodView, index: SelectionIndex): PodRow {
  const { ready, total } = readiness(pod);
  const status = podStatus(pod);
  const owner = pod.owner === null ? null : `${pod.owner.kind}/${pod.owner.name}`;
  const budgets = budgetsOf(pod, index).map(({ name, isBlocking }) => ({ name, isBlocking }));
  const restartCount = restarts(pod);
  const createdAt = timeOf(pod.createdAt);
  return {
    pod,
    status,
    owner,
    ready,
    total,
    restarts: restartCount,
    budgets,
    createdAt,
    deadline: timeOf(pod.deletionTimestamp),
    keys: sortKeys({
      namespace: pod.namespace,
      name: pod.name,
      owner: owner ?? '',
      node: pod.nodeName ?? '',
      state: `${status.state} ${status.reason ?? ''}`,
      budgets: budgets.map((b) => b.name).join(','),
      readyShare: ready / Math.max(total, 1),
      restarts: restartCount,
      createdAt,
    }),
  };
}

/**
 * A row builder for one set of budget selections. It remembers the row of each pod object,
 * so after a batch of changes only the pods that changed get new rows (and re-render).
 */
export function podRowBuilder(index: SelectionIndex): (pod: PodView) => PodRow {
  const rows = new WeakMap<PodView, PodRow>();
  return (pod) => {
    let row = rows.get(pod);
    if (row === undefined) {
      row = buildRow(pod, index);
      rows.set(pod, row);
    }
    return row;
  };
}

/** The filters of a query, with its label selector already parsed. */
export type PodFilter = Pick<PodQuery, 'namespace' | 'node' | 'state'> & {
  readonly selector: LabelSelectorView;
};

/** Whether the pod passes the namespace, node and label filters (state is checked on its row). */
export function podMatches(pod: PodView, filter: PodFilter): boolean {
  if (filter.namespace !== null && pod.namespace !== filter.namespace) return false;
  if (filter.node !== null && (pod.nodeName ?? UNSCHEDULED) !== filter.node) return false;
  return selectorMatches(filter.selector, pod.labels);
}

/** The rows to show: filtered (state after classification), then sorted. */
export function selectPodRows(
  pods: Iterable<PodView>,
  rowOf: (pod: PodView) => PodRow,
  filter: PodFilter,
  sort: Pick<PodQuery, 'sort' | 'dir'>,
): PodRow[] {
  const rows: PodRow[] = [];
  for (const pod of pods) {
    if (!podMatches(pod, filter)) continue;
    const row = rowOf(pod);
    if (filter.state === null || row.status.state === filter.state) rows.push(row);
  }
  return sortByKeys(rows, sort.sort, sort.dir);
}
