'use client';

import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
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

import { BulkEvictDialog } from '../evict/bulk-evict-dialog';
import { BUTTON } from '../evict/buttons';
import { EvictDialog } from '../evict/evict-dialog';
import { LiveView } from '../live/live-view';
import { Notice } from '../ui/notice';
import { PodFilters } from './pod-filters';
import { PodsTable } from './pods-table';
import { usePodActions } from './use-pod-actions';

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
  const t = useTranslations('Pods');
  const act = usePodActions(cluster, rows);
  const isSyncing = state.watchStatus.pods.state === 'syncing';
  return (
    <div className="space-y-4">
      <PodFilters
        query={query}
        nodeNames={nodeNames}
        selectorError={selector.ok ? null : selector.message}
        onChange={replaceParams}
      />
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t('showing', { shown: rows.length, total: state.pods.size })}
          {query.namespace === null ? '' : t('inNamespace', { namespace: query.namespace })}
          {act.selectedPods.length > 0 ? t('selected', { count: act.selectedPods.length }) : ''}
        </p>
        <button
          type="button"
          className={BUTTON}
          disabled={act.selectedPods.length === 0}
          onClick={act.openBulk}
        >
          {t('evictSelected')}
        </button>
        {act.selectedPods.length > 0 ? (
          <button type="button" className={BUTTON} onClick={act.clearSelection}>
            {t('clearSelection')}
          </button>
        ) : null}
      </div>
      {act.evicting === null ? null : (
        <EvictDialog cluster={cluster} pod={act.evicting} onClose={act.closeEvict} />
      )}
      {act.bulk === null ? null : (
        <BulkEvictDialog cluster={cluster} pods={act.bulk} onClose={act.closeBulk} />
      )}
      {rows.length > 0 ? (
        <PodsTable
          rows={rows}
          query={query}
          onSort={onSort}
          selection={act.selection}
          actions={act.actions}
        />
      ) : isSyncing ? (
        <Notice tone="progress" title={t('listing')} />
      ) : state.pods.size === 0 ? (
        <Notice tone="inactive" title={t('noPods')} />
      ) : (
        <Notice tone="inactive" title={t('noMatch')}>
          {t('noMatchBody')}
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
