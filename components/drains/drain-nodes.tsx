'use client';

import { useTranslations } from 'next-intl';

import type { DrainNodeView } from '@/lib/domain/drains';

import { BUTTON } from '../evict/buttons';
import { StatusBadge } from '../ui/status-badge';
import { CordonResult } from './cordon-result';
import { useCordonAction } from './use-cordon-action';

function DrainNode({
  node,
  isBusy,
  isDraining,
  onUncordon,
}: {
  node: DrainNodeView;
  isBusy: boolean;
  /** While evictions run, replacements could land back on an uncordoned node. */
  isDraining: boolean;
  onUncordon: (node: string) => void;
}) {
  const t = useTranslations('Drains');
  const noteId = `uncordon-note-${node.name}`;
  return (
    <li>
      <article
        aria-label={t('node', { node: node.name })}
        className="flex flex-wrap items-center gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800"
      >
        <span className="font-mono font-semibold">{node.name}</span>
        {node.isCordoned ? (
          <StatusBadge tone="inactive" label={t('cordoned')} />
        ) : (
          <StatusBadge tone="healthy" label={t('schedulable')} />
        )}
        {node.safeToPowerOff ? <StatusBadge tone="healthy" label={t('safeToPowerOff')} /> : null}
        <span className="tabular-nums">{t('podsLeft', { count: node.left })}</span>
        {node.isCordoned ? (
          <>
            <button
              type="button"
              className={BUTTON}
              disabled={isBusy || isDraining}
              aria-describedby={isDraining ? noteId : undefined}
              onClick={() => onUncordon(node.name)}
            >
              {t('uncordon')}
            </button>
            {isDraining ? (
              <span id={noteId} className="text-xs text-zinc-600 dark:text-zinc-400">
                {t('uncordonNote')}
              </span>
            ) : null}
          </>
        ) : null}
      </article>
    </li>
  );
}

/** The drain's nodes: cordoned, pods left, safe to power off, and Uncordon. */
export function DrainNodes({
  cluster,
  nodes,
  isDraining,
}: {
  cluster: string;
  nodes: readonly DrainNodeView[];
  isDraining: boolean;
}) {
  const t = useTranslations('Drains');
  const { onCordon, outcome, busyNode } = useCordonAction(cluster);
  return (
    <div className="space-y-2">
      <CordonResult outcome={outcome} />
      <ul aria-label={t('nodesOfDrain')} className="space-y-2">
        {nodes.map((node) => (
          <DrainNode
            key={node.name}
            node={node}
            isBusy={busyNode === node.name}
            isDraining={isDraining}
            onUncordon={(name) => onCordon(name, false)}
          />
        ))}
      </ul>
    </div>
  );
}
