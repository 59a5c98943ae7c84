'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';

import { compareText } from '@/lib/client/compare-text';
import type { LiveState } from '@/lib/client/live-state';
import { readNamespace, withParams } from '@/lib/client/pod-query';
import type { NodeView } from '@/lib/domain/views';

import { LiveView } from '../live/live-view';
import { viewHref } from '../shell/views';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';

const th = 'px-3 py-2 text-left text-xs font-semibold';
const td = 'px-3 py-2 align-top';

function Taints({ node }: { node: NodeView }) {
  if (node.taints.length === 0)
    return <span className="text-zinc-500 dark:text-zinc-400">none</span>;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {node.taints.map((t) => (
        <li key={`${t.key}:${t.effect}`}>
          {t.key}
          {t.value === null ? '' : `=${t.value}`}:{t.effect}
        </li>
      ))}
    </ul>
  );
}

function NodeRow({ node, podsHref }: { node: NodeView; podsHref: string }) {
  const { total, ready, terminating } = node.pods;
  return (
    <tr className="border-b border-zinc-100 dark:border-zinc-800/60">
      <th scope="row" className={`${td} text-left font-mono font-semibold whitespace-nowrap`}>
        {node.name}
      </th>
      <td className={td}>
        <StatusBadge
          tone={node.isReady ? 'healthy' : 'failed'}
          label={node.isReady ? 'Ready' : 'NotReady'}
        />
      </td>
      <td className={td}>
        {node.isCordoned ? (
          <StatusBadge tone="inactive" label="Cordoned" detail="unschedulable" />
        ) : (
          <StatusBadge tone="healthy" label="Schedulable" />
        )}
      </td>
      <td className={td}>
        <Taints node={node} />
      </td>
      <td className={`${td} tabular-nums`}>
        <Link
          href={podsHref}
          className="whitespace-nowrap text-blue-700 underline underline-offset-2 dark:text-blue-400"
        >
          {total} pod{total === 1 ? '' : 's'}
          <span className="sr-only"> on {node.name}</span>
        </Link>
      </td>
      <td className={`${td} tabular-nums`}>
        {ready} of {total}
      </td>
      <td className={`${td} tabular-nums`}>{terminating}</td>
    </tr>
  );
}

function NodesTable({ state, cluster }: { state: LiveState; cluster: string }) {
  const namespace = readNamespace(useSearchParams());
  const nodes = useMemo(
    () => [...state.nodes.values()].sort((a, b) => compareText(a.name, b.name)),
    [state.nodes],
  );
  if (nodes.length === 0) {
    return state.watchStatus.nodes.state === 'syncing' ? (
      <Notice tone="progress" title="Listing nodes…" />
    ) : (
      <Notice tone="inactive" title="This cluster has no nodes" />
    );
  }
  // A node's pod counts cover every namespace, and so do the pods its link lists.
  const podsHref = (node: string) => `${viewHref(cluster, 'pods')}${withParams('', { node })}`;
  return (
    <div className="space-y-2">
      {namespace === null ? null : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Pod counts are for all namespaces, not only {namespace}.
        </p>
      )}
      <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        <table className="w-full min-w-[48rem] text-sm">
          <caption className="sr-only">
            Nodes, with cordon state, readiness, taints and pods (all namespaces)
          </caption>
          <thead className="border-b border-zinc-300 bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900">
            <tr>
              <th scope="col" className={th}>
                Node
              </th>
              <th scope="col" className={th}>
                Readiness
              </th>
              <th scope="col" className={th}>
                Scheduling
              </th>
              <th scope="col" className={th}>
                Taints
              </th>
              <th scope="col" className={th}>
                Pods
              </th>
              <th scope="col" className={th}>
                Ready pods
              </th>
              <th scope="col" className={th}>
                Terminating pods
              </th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((node) => (
              <NodeRow key={node.uid} node={node} podsHref={podsHref(node.name)} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Every node with its cordon, readiness, taints and pod counts, live. */
export function NodesView({ cluster }: { cluster: string }) {
  return (
    <LiveView cluster={cluster}>
      {(state) => <NodesTable state={state} cluster={cluster} />}
    </LiveView>
  );
}
