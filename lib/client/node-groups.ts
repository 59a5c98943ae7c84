import type { NodeView, PodView } from '@/lib/domain/views';

import { compareKeys, compareText, naturalKey } from './compare-text';
import { podStatus } from './pod-status';
import type { PodsByNode } from './pods-by-node';

/**
 * One group of the node map: a node with its pods, a node that pods name but the watch has
 * not seen (`node` null), or the pods no node has taken yet (key '').
 */
export interface NodeGroup {
  readonly key: string;
  readonly title: string;
  readonly node: NodeView | null;
  readonly pods: readonly PodView[];
}

const byText = compareText;

/** Sort keys by pod object: a batch of changes computes keys for the changed pods only. */
const podKeys = new WeakMap<PodView, string>();

function podKey(pod: PodView): string {
  let key = podKeys.get(pod);
  if (key === undefined) {
    key = `${naturalKey(pod.namespace)}\u0000${naturalKey(pod.name)}`;
    podKeys.set(pod, key);
  }
  return key;
}

const byPod = (a: PodView, b: PodView) => compareKeys(podKey(a), podKey(b));

const NO_PODS: ReadonlyMap<string, PodView> = new Map();

/** Each node's pods in name order, per namespace filter, cached by the node's pod Map. */
const sorted = new WeakMap<ReadonlyMap<string, PodView>, Map<string | null, readonly PodView[]>>();

function podsOf(
  onNode: ReadonlyMap<string, PodView>,
  namespace: string | null,
): readonly PodView[] {
  let byNamespace = sorted.get(onNode);
  if (byNamespace === undefined) {
    byNamespace = new Map();
    sorted.set(onNode, byNamespace);
  }
  let pods = byNamespace.get(namespace);
  if (pods === undefined) {
    pods = [...onNode.values()]
      .filter((pod) => namespace === null || pod.namespace === namespace)
      .sort(byPod);
    byNamespace.set(namespace, pods);
  }
  return pods;
}

/**
 * Groups the pods of `namespace` (all when null) by node: every node in name order (empty
 * ones too, to show where pods can go), then nodes known only from pods, then "Unscheduled".
 * A node whose pods did not change keeps the very same array, so its region need not render.
 */
export function groupByNode(
  nodes: Iterable<NodeView>,
  podsByNode: PodsByNode,
  namespace: string | null,
): NodeGroup[] {
  const pods = (key: string) => podsOf(podsByNode.get(key) ?? NO_PODS, namespace);
  const groups: NodeGroup[] = [...nodes]
    .sort((a, b) => byText(a.name, b.name))
    .map((node) => ({ key: node.name, title: node.name, node, pods: pods(node.name) }));
  const known = new Set(groups.map((g) => g.key));
  const unknown = [...podsByNode.keys()].filter((k) => k !== '' && !known.has(k)).sort(byText);
  for (const key of unknown) groups.push({ key, title: key, node: null, pods: pods(key) });
  const unscheduled = pods('');
  if (unscheduled.length > 0) {
    groups.push({ key: '', title: 'Unscheduled', node: null, pods: unscheduled });
  }
  return groups.filter((g) => g.node !== null || g.pods.length > 0);
}

/**
 * The pods a map group shows when it has more than `max`: every pod that is not healthy
 * (those are what the operator looks for), then healthy ones up to `max`, in name order;
 * `hidden` counts the healthy pods left out.
 */
export function visibleTiles(
  pods: readonly PodView[],
  max: number,
): { shown: readonly PodView[]; hidden: number } {
  if (pods.length <= max) return { shown: pods, hidden: 0 };
  const isHealthy = pods.map((pod) => podStatus(pod).tone === 'healthy');
  let room = Math.max(0, max - isHealthy.filter((healthy) => !healthy).length);
  const shown = pods.filter((_, i) => {
    if (!isHealthy[i]) return true;
    if (room === 0) return false;
    room--;
    return true;
  });
  return { shown, hidden: pods.length - shown.length };
}
