'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

import { compareText } from '@/lib/client/compare-text';
import type { LiveState } from '@/lib/client/live-state';
import { nextSort, readPodQuery, type PodColumn } from '@/lib/client/pod-query';
import { podRowBuilder, selectPodRows } from '@/lib/client/pod-rows';
import { selectBudgetSelections } from '@/lib/client/budget-selection';
import { useLiveCluster } from '@/lib/client/live';
import { useReplaceParams } from '@/lib/client/use-replace-params';
import { indexBudgets } from '@/lib/domain/budget-selection';
import { parseLabelSelector } from '@/lib/domain/selectors';

import { LiveView } from '../live/live-view';
import { Notice } from '../ui/notice';
import { PodFilters } from './pod-filters';
import { PodsTable } from './pods-table';

const EVERYTHING = { matchLabels: {}, matchExpressions: [] };

function Pods({ cluster, state }: { cluster: string; state: LiveState }) {
  const params = useSearchParams();
  const query = useMemo(() => readPodQuery(params), [params]);
  const replaceParams = useReplaceParams();
  const selector = useMemo(() => parseLabelSelector(query.labels), [query.labels]);
  const selections = useLiveCluster(cluster, selectBudgetSelections);
  const rowOf = useMemo(() => podRowBuilder(indexBudgets(selections)), [selections]);
  const rows = useMemo(() => {
    const filter = { ...query, selector: selector.ok ? selector.value : EVERYTHING };
    return selectPodRows(state.pods.values(), rowOf, filter, query);
  }, [state.pods, rowOf, query, selector]);
  const nodeNames = useMemo(
    () => [...state.nodes.values()].map((n) => n.name).sort(compareText),
    [state.nodes],
  );
  const onSort = useCallback(
    (column: PodColumn) => replaceParams(nextSort(query, column)),
    [query, replaceParams],
  );
  const isSyncing = state.watchStatus.pods.state === 'syncing';
  return (
    <div className="space-y-4">
      <PodFilters
        query={query}
        nodeNames={nodeNames}
        selectorError={selector.ok ? null : selector.message}
        onChange={replaceParams}
      />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Showing {rows.length} of {state.pods.size} pods
        {query.namespace === null ? '' : ` (namespace ${query.namespace})`}
      </p>
      {rows.length > 0 ? (
        <PodsTable rows={rows} query={query} onSort={onSort} />
      ) : isSyncing ? (
        <Notice tone="progress" title="Listing pods…" />
      ) : state.pods.size === 0 ? (
        <Notice tone="inactive" title="This cluster has no pods" />
      ) : (
        <Notice tone="inactive" title="No pod matches these filters">
          Change or clear the filters, or the namespace above.
        </Notice>
      )}
    </div>
  );
}

/** Every pod, live: state, owner, node, readiness, age, restarts and the budgets covering it. */
export function PodsView({ cluster }: { cluster: string }) {
  return (
    <LiveView cluster={cluster}>{(state) => <Pods cluster={cluster} state={state} />}</LiveView>
  );
}
