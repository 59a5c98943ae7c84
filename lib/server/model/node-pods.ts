import 'server-only';

import type { NodePodCounts, PodView } from '@/lib/domain/views';

/**
 * Which pods are bound to which node, so that a node's pod counts are recomputed from its
 * own pods only. Pods in a terminal phase (`Succeeded`, `Failed`) no longer occupy the node
 * and are not counted, as `kubectl describe node` lists only non-terminated pods.
 */
export class NodePodIndex {
  private readonly byNode = new Map<string, Map<string, PodView>>();

  /** Records `pod` (replacing `previous`, the same UID's last view); returns the nodes touched. */
  set(pod: PodView, previous: PodView | undefined): string[] {
    const touched = previous === undefined ? [] : this.remove(previous);
    if (pod.nodeName === null) return touched;
    let pods = this.byNode.get(pod.nodeName);
    if (pods === undefined) {
      pods = new Map();
      this.byNode.set(pod.nodeName, pods);
    }
    pods.set(pod.uid, pod);
    return touched.includes(pod.nodeName) ? touched : [...touched, pod.nodeName];
  }

  /** Forgets `pod`; returns the node it was on, if any. */
  remove(pod: PodView): string[] {
    if (pod.nodeName === null) return [];
    const pods = this.byNode.get(pod.nodeName);
    pods?.delete(pod.uid);
    if (pods?.size === 0) this.byNode.delete(pod.nodeName);
    return [pod.nodeName];
  }

  /** The counts of the non-terminated pods on `nodeName`. */
  counts(nodeName: string): NodePodCounts {
    const counts: NodePodCounts = { total: 0, ready: 0, terminating: 0 };
    for (const pod of this.byNode.get(nodeName)?.values() ?? []) {
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
      counts.total++;
      if (pod.isReady) counts.ready++;
      if (pod.deletionTimestamp !== null) counts.terminating++;
    }
    return counts;
  }
}
