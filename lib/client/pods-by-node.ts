import type { PodView } from '@/lib/domain/views';

/**
 * Pods by the node they are bound to (`''` for those not scheduled yet), each node's pods
 * keyed by UID. A batch of changes replaces only the Maps of the nodes it touches, so views
 * derived per node (the node map) are redone for those nodes only.
 */
export type PodsByNode = ReadonlyMap<string, ReadonlyMap<string, PodView>>;

const nodeKey = (pod: PodView) => pod.nodeName ?? '';

/** Indexes pods by node. */
export function indexByNode(pods: Iterable<PodView>): PodsByNode {
  const index = new Map<string, Map<string, PodView>>();
  for (const pod of pods) {
    const key = nodeKey(pod);
    let onNode = index.get(key);
    if (onNode === undefined) {
      onNode = new Map();
      index.set(key, onNode);
    }
    onNode.set(pod.uid, pod);
  }
  return index;
}

/** Copy-on-write edits of a {@link PodsByNode} for one batch: each Map is copied at most once. */
export class PodsByNodeDraft {
  private outer: Map<string, ReadonlyMap<string, PodView>> | undefined;
  private readonly copied = new Map<string, Map<string, PodView>>();

  constructor(private readonly base: PodsByNode) {}

  add(pod: PodView): void {
    this.writable(nodeKey(pod)).set(pod.uid, pod);
  }

  remove(pod: PodView): void {
    const key = nodeKey(pod);
    const onNode = this.writable(key);
    onNode.delete(pod.uid);
    if (onNode.size === 0) {
      this.outer?.delete(key);
      this.copied.delete(key);
    }
  }

  finish(): PodsByNode {
    return this.outer ?? this.base;
  }

  private writable(key: string): Map<string, PodView> {
    const copy = this.copied.get(key);
    if (copy !== undefined) return copy;
    this.outer ??= new Map(this.base);
    const fresh = new Map(this.outer.get(key));
    this.outer.set(key, fresh);
    this.copied.set(key, fresh);
    return fresh;
  }
}
