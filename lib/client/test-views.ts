import type { Resource, Snapshot, WatchStatus } from '@/lib/domain/changes';
import { ResourceSchema } from '@/lib/domain/changes';
import type { NodeView } from '@/lib/domain/views';

/** View objects for the browser data layer's tests, shaped as the server sends them. */

export { budgetView, podView } from '@/lib/domain/test-views';

/** A Ready, schedulable node without taints or pods. */
export function nodeView(name: string, overrides: Partial<NodeView> = {}): NodeView {
  return {
    uid: `uid-${name}`,
    name,
    isCordoned: false,
    isReady: true,
    taints: [],
    pods: { total: 0, ready: 0, terminating: 0 },
    ...overrides,
  };
}

/** Every watch in the same state. */
export function watchStatusAll(
  state: WatchStatus['state'],
  message: string | null = null,
): Record<Resource, WatchStatus> {
  return Object.fromEntries(ResourceSchema.options.map((r) => [r, { state, message }])) as Record<
    Resource,
    WatchStatus
  >;
}

/** A synced snapshot at `seq` holding the given views. */
export function snapshotOf(seq: number, views: Partial<Snapshot> = {}): Snapshot {
  return {
    seq,
    pods: [],
    budgets: [],
    nodes: [],
    owners: [],
    endpoints: [],
    events: [],
    watchStatus: watchStatusAll('synced'),
    ...views,
  };
}
