import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { memo } from 'react';

import type { NodeView } from '@/lib/domain/views';

import { StatusBadge } from '../ui/status-badge';

export const TH = 'px-3 py-2 text-left text-xs font-semibold';
const TD = 'px-3 py-2 align-top';
const SMALL_BUTTON =
  'rounded-md border border-zinc-300 px-2 py-0.5 text-xs font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';

/** The nodes table's columns, in order. */
export const NODE_COLUMNS = [
  'Drain',
  'Node',
  'Readiness',
  'Scheduling',
  'Taints',
  'Pods',
  'Ready pods',
  'Terminating pods',
  'Actions',
] as const;

function Taints({ node }: { node: NodeView }) {
  const t = useTranslations('Nodes');
  if (node.taints.length === 0)
    return <span className="text-zinc-500 dark:text-zinc-400">{t('none')}</span>;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {node.taints.map((taint) => (
        <li key={`${taint.key}:${taint.effect}`}>
          {taint.key}
          {taint.value === null ? '' : `=${taint.value}`}:{taint.effect}
        </li>
      ))}
    </ul>
  );
}

/** One node: selection for a drain, cordon, readiness, taints, pods, and Cordon / Uncordon. */
export const NodeRow = memo(function NodeRow({
  node,
  podsHref,
  isSelected,
  isBusy,
  onToggle,
  onCordon,
}: {
  node: NodeView;
  podsHref: string;
  isSelected: boolean;
  /** A cordon or uncordon of this node is on its way. */
  isBusy: boolean;
  onToggle: (node: string) => void;
  onCordon: (node: string, isCordon: boolean) => void;
}) {
  const t = useTranslations('Nodes');
  const { total, ready, terminating } = node.pods;
  return (
    <tr className="border-b border-zinc-100 dark:border-zinc-800/60">
      <td className={TD}>
        <input
          type="checkbox"
          aria-label={t('select', { node: node.name })}
          checked={isSelected}
          onChange={() => onToggle(node.name)}
        />
      </td>
      <th scope="row" className={`${TD} text-left font-mono font-semibold whitespace-nowrap`}>
        {node.name}
      </th>
      <td className={TD}>
        <StatusBadge
          tone={node.isReady ? 'healthy' : 'failed'}
          label={node.isReady ? t('ready') : t('notReady')}
        />
      </td>
      <td className={TD}>
        {node.isCordoned ? (
          <StatusBadge tone="inactive" label={t('cordoned')} detail={t('unschedulable')} />
        ) : (
          <StatusBadge tone="healthy" label={t('schedulable')} />
        )}
      </td>
      <td className={TD}>
        <Taints node={node} />
      </td>
      <td className={`${TD} tabular-nums`}>
        <Link
          href={podsHref}
          className="whitespace-nowrap text-blue-700 underline underline-offset-2 dark:text-blue-400"
        >
          {t('pods', { count: total })}
          <span className="sr-only">{t('podsOn', { node: node.name })}</span>
        </Link>
      </td>
      <td className={`${TD} tabular-nums`}>{t('readyOf', { ready, total })}</td>
      <td className={`${TD} tabular-nums`}>{terminating}</td>
      <td className={TD}>
        <button
          type="button"
          className={SMALL_BUTTON}
          disabled={isBusy}
          onClick={() => onCordon(node.name, !node.isCordoned)}
        >
          {node.isCordoned ? t('uncordon') : t('cordon')}
        </button>
      </td>
    </tr>
  );
});
