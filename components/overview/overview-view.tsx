'use client';

import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';

import { selectBudgetSelections } from '@/lib/client/budget-selection';
import { glanceBudgets, glancePods } from '@/lib/client/glance';
import { useLiveCluster } from '@/lib/client/live';
import type { LiveState } from '@/lib/client/live-state';
import type { LiveCluster } from '@/lib/client/live-stream';
import { groupByNode, type NodeGroup } from '@/lib/client/node-groups';
import { readNamespace } from '@/lib/client/pod-query';
import { glanceRetries } from '@/lib/client/retry-rows';
import { indexBudgets } from '@/lib/domain/budget-selection';

import { LiveView } from '../live/live-view';
import { BudgetGlanceCard } from './budget-glance';
import { KubectlHint } from './kubectl-hint';
import { MapLegend } from './map-legend';
import { NodeMap } from './node-map';
import { PodGlanceCard } from './pod-glance';
import { RetryGlanceCard } from './retry-glance';
import { WatchSummary } from './watch-summary';

interface SectionProps {
  cluster: string;
  namespace: string | null;
  groups: readonly NodeGroup[];
  isSyncing: boolean;
}

function NodeMapSection({ cluster, namespace, groups, isSyncing }: SectionProps) {
  const t = useTranslations('Overview');
  const selections = useLiveCluster(cluster, selectBudgetSelections);
  const budgets = useMemo(() => indexBudgets(selections), [selections]);
  return (
    <section aria-labelledby="node-map" className="space-y-3">
      <h2 id="node-map" className="text-lg font-semibold">
        {t('nodeMap')}
      </h2>
      <MapLegend />
      {groups.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {isSyncing ? t('listingNodes') : t('noNodes')}
        </p>
      ) : (
        <NodeMap groups={groups} budgets={budgets} cluster={cluster} namespace={namespace} />
      )}
    </section>
  );
}

function Overview({
  cluster,
  live,
  state,
}: {
  cluster: string;
  live: LiveCluster;
  state: LiveState;
}) {
  const namespace = readNamespace(useSearchParams());
  // Per node, and redone only for the nodes a batch of changes touched.
  const groups = useMemo(
    () => groupByNode(state.nodes.values(), state.podsByNode, namespace),
    [state.nodes, state.podsByNode, namespace],
  );
  const podGlance = useMemo(() => glancePods(groups), [groups]);
  const budgetGlance = useMemo(
    () => glanceBudgets(state.budgets.values(), namespace),
    [state.budgets, namespace],
  );
  const { watchStatus, retries, stuck } = state;
  const retryGlance = useMemo(
    () => glanceRetries({ retries, stuck }, namespace),
    [retries, stuck, namespace],
  );
  return (
    <div className="space-y-8">
      <PodGlanceCard glance={podGlance} isSyncing={watchStatus.pods.state === 'syncing'} />
      <RetryGlanceCard glance={retryGlance} cluster={cluster} namespace={namespace} />
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <BudgetGlanceCard
          glance={budgetGlance}
          isSyncing={watchStatus.budgets.state === 'syncing'}
        />
        <WatchSummary live={live} />
      </div>
      <KubectlHint cluster={cluster} />
      <NodeMapSection
        cluster={cluster}
        namespace={namespace}
        groups={groups}
        isSyncing={watchStatus.nodes.state === 'syncing' || watchStatus.pods.state === 'syncing'}
      />
    </div>
  );
}

/** What is happening, what is blocked and why: pods by node, budgets and watch health. */
export function OverviewView({ cluster }: { cluster: string }) {
  return (
    <LiveView cluster={cluster}>
      {(state, live) => <Overview cluster={cluster} live={live} state={state} />}
    </LiveView>
  );
}
