'use client';

import type { DrainNodeView } from '@/lib/domain/drains';

import { BUTTON } from '../evict/buttons';
import { StatusBadge } from '../ui/status-badge';
import { CordonResult } from './cordon-result';
import { useCordonAction } from './use-cordon-action';

function DrainNode({
  node,
  isBusy,
  onUncordon,
}: {
  node: DrainNodeView;
  isBusy: boolean;
  onUncordon: (node: string) => void;
}) {
  return (
    <li>
      <article
        aria-label={`Node ${node.name}`}
        className="flex flex-wrap items-center gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800"
      >
        <span className="font-mono font-semibold">{node.name}</span>
        {node.isCordoned ? (
          <StatusBadge tone="inactive" label="Cordoned" />
        ) : (
          <StatusBadge tone="healthy" label="Schedulable" />
        )}
        {node.safeToPowerOff ? <StatusBadge tone="healthy" label="Safe to power off" /> : null}
        <span className="tabular-nums">
          {node.left} pod{node.left === 1 ? '' : 's'} of the drain left
        </span>
        {node.isCordoned ? (
          <button
            type="button"
            className={BUTTON}
            disabled={isBusy}
            onClick={() => onUncordon(node.name)}
          >
            Uncordon
          </button>
        ) : null}
      </article>
    </li>
  );
}

/** The drain's nodes: cordoned, pods left, safe to power off, and Uncordon. */
export function DrainNodes({
  cluster,
  nodes,
}: {
  cluster: string;
  nodes: readonly DrainNodeView[];
}) {
  const { onCordon, outcome, busyNode } = useCordonAction(cluster);
  return (
    <div className="space-y-2">
      <CordonResult outcome={outcome} />
      <ul aria-label="Nodes of the drain" className="space-y-2">
        {nodes.map((node) => (
          <DrainNode
            key={node.name}
            node={node}
            isBusy={busyNode === node.name}
            onUncordon={(name) => onCordon(name, false)}
          />
        ))}
      </ul>
    </div>
  );
}
