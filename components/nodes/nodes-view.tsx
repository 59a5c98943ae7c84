'use client';

import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';

import { compareText } from '@/lib/client/compare-text';
import type { LiveState } from '@/lib/client/live-state';
import { readNamespace, withParams } from '@/lib/client/pod-query';

import { CordonResult } from '../drains/cordon-result';
import { DrainOptions } from '../drains/drain-options';
import { DrainPlanPanel } from '../drains/drain-plan';
import { DrainsList } from '../drains/drains-list';
import { useCordonAction } from '../drains/use-cordon-action';
import { useDrainForm } from '../drains/use-drain-form';
import { LiveView } from '../live/live-view';
import { viewHref } from '../shell/views';
import { Notice } from '../ui/notice';
import { NODE_COLUMNS, NodeRow, TH } from './node-row';
import { RehearseDrain } from './rehearse-drain';

function NodesTable({
  state,
  cluster,
  selected,
  onToggle,
}: {
  state: LiveState;
  cluster: string;
  selected: readonly string[];
  onToggle: (node: string) => void;
}) {
  const t = useTranslations('Nodes');
  const namespace = readNamespace(useSearchParams());
  const { onCordon, outcome, busyNode } = useCordonAction(cluster);
  const nodes = useMemo(
    () => [...state.nodes.values()].sort((a, b) => compareText(a.name, b.name)),
    [state.nodes],
  );
  if (nodes.length === 0) {
    return state.watchStatus.nodes.state === 'syncing' ? (
      <Notice tone="progress" title={t('listing')} />
    ) : (
      <Notice tone="inactive" title={t('noNodes')} />
    );
  }
  // A node's pod counts cover every namespace, and so do the pods its link lists.
  const podsHref = (node: string) => `${viewHref(cluster, 'pods')}${withParams('', { node })}`;
  return (
    <div className="space-y-2">
      {namespace === null ? null : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t('allNamespaces', { namespace })}
        </p>
      )}
      <CordonResult outcome={outcome} />
      <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        <table className="w-full min-w-[56rem] text-sm">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="border-b border-zinc-300 bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900">
            <tr>
              {NODE_COLUMNS.map((column) => (
                <th key={column} scope="col" className={TH}>
                  {t(`columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {nodes.map((node) => (
              <NodeRow
                key={node.uid}
                node={node}
                podsHref={podsHref(node.name)}
                isSelected={selected.includes(node.name)}
                isBusy={busyNode === node.name}
                onToggle={onToggle}
                onCordon={onCordon}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * Every node with its cordon, readiness, taints and pod counts, live; Cordon / Uncordon; the
 * drain form and its plan (kubectl drain's view and the cluster's dry runs); recent drains.
 */
export function NodesView({ cluster }: { cluster: string }) {
  const { form, onChange, onToggle, onPlan } = useDrainForm(cluster);
  return (
    <div className="space-y-8">
      <div className="space-y-4">
        <LiveView cluster={cluster}>
          {(state) => (
            <NodesTable state={state} cluster={cluster} selected={form.nodes} onToggle={onToggle} />
          )}
        </LiveView>
        <DrainOptions form={form} onChange={onChange} onPlan={onPlan} />
      </div>
      {form.nodes.length === 0 ? null : <DrainPlanPanel cluster={cluster} form={form} />}
      <DrainsList cluster={cluster} />
      <RehearseDrain cluster={cluster} />
    </div>
  );
}
