'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { memo } from 'react';

import type { SelectionIndex } from '@/lib/client/budget-selection';
import { visibleTiles, type NodeGroup } from '@/lib/client/node-groups';
import type { NodeView } from '@/lib/domain/views';
import { UNSCHEDULED, withParams } from '@/lib/client/pod-query';

import { viewHref } from '../shell/views';
import { StatusBadge } from '../ui/status-badge';
import { PodTile } from './pod-tile';

/** Tiles per group before healthy pods are summed up: a map stays a glance at 10,000 pods. */
const MAX_TILES = 150;

function NodeBadges({ node, isUnscheduled }: { node: NodeView | null; isUnscheduled: boolean }) {
  const t = useTranslations('NodeMap');
  if (isUnscheduled) return <StatusBadge tone="inactive" label={t('waitingForNode')} />;
  if (node === null) return <StatusBadge tone="inactive" label={t('notObserved')} />;
  const taints = node.taints.length;
  return (
    <>
      <StatusBadge
        tone={node.isReady ? 'healthy' : 'failed'}
        label={node.isReady ? t('ready') : t('notReady')}
      />
      {node.isCordoned ? <StatusBadge tone="inactive" label={t('cordoned')} /> : null}
      {taints > 0 ? <StatusBadge tone="inactive" label={t('taints', { count: taints })} /> : null}
    </>
  );
}

interface SharedProps {
  cluster: string;
  namespace: string | null;
  budgets: SelectionIndex;
}

/** One node's region; its props are the group's parts, which stay the same while unchanged. */
const NodeRegion = memo(function NodeRegion({
  cluster,
  namespace,
  budgets,
  nodeKey,
  title: groupTitle,
  node,
  pods,
}: SharedProps & Omit<NodeGroup, 'key'> & { nodeKey: string }) {
  const t = useTranslations('NodeMap');
  const isUnscheduled = nodeKey === '';
  const title = isUnscheduled ? t('unscheduled') : groupTitle;
  const headingId = `node-map-${isUnscheduled ? 'unscheduled' : nodeKey}`;
  const { shown, hidden } = visibleTiles(pods, MAX_TILES);
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-zinc-200 p-3 [contain-intrinsic-size:auto_12rem] [content-visibility:auto] dark:border-zinc-800"
    >
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-mono text-sm font-semibold">
          {title}
        </h3>
        <NodeBadges node={node} isUnscheduled={isUnscheduled} />
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('pods', { count: pods.length })}
        </span>
        {node === null ? null : (
          <Link
            href={`${viewHref(cluster, 'nodes')}${withParams('', { plan: nodeKey })}`}
            className="ml-auto text-xs text-blue-700 underline underline-offset-2 dark:text-blue-400"
          >
            {t('drain', { node: title })}
          </Link>
        )}
      </div>
      {pods.length === 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('empty')}</p>
      ) : (
        <ul
          aria-label={t('podsOn', { node: title })}
          className="grid grid-cols-[repeat(auto-fill,minmax(17rem,1fr))] gap-1.5"
        >
          {shown.map((pod) => (
            <PodTile key={pod.uid} pod={pod} budgets={budgets} />
          ))}
        </ul>
      )}
      {hidden === 0 ? null : (
        <p className="mt-2 text-xs text-zinc-700 dark:text-zinc-300">
          {t('more', { count: hidden })}{' '}
          <Link
            href={`${viewHref(cluster, 'pods')}${withParams('', { namespace, node: isUnscheduled ? UNSCHEDULED : nodeKey })}`}
            className="text-blue-700 underline underline-offset-2 dark:text-blue-400"
          >
            {t('listPods', { node: title })}
          </Link>
        </p>
      )}
    </section>
  );
});

/** The node map: every node with its pods as tiles, then the pods no node has taken yet. */
export function NodeMap({ groups, ...shared }: SharedProps & { groups: readonly NodeGroup[] }) {
  return (
    <div className="grid gap-3 xl:grid-cols-2">
      {groups.map(({ key, ...group }) => (
        <NodeRegion key={key} nodeKey={key} {...group} {...shared} />
      ))}
    </div>
  );
}
