import type { Resource, Snapshot, WatchStatus } from '@/lib/domain/changes';
import { ResourceSchema } from '@/lib/domain/changes';
import type { BudgetView, NodeView, PodView } from '@/lib/domain/views';

/** View objects for the browser data layer's tests, shaped as the server sends them. */

/** A Running, Ready pod of ReplicaSet `web-7d9f` in `shop`, bound to node-1. */
export function podView(name: string, overrides: Partial<PodView> = {}): PodView {
  return {
    uid: `uid-${name}`,
    namespace: 'shop',
    name,
    labels: { app: 'web' },
    owner: { kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-1' },
    nodeName: 'node-1',
    phase: 'Running',
    isReady: true,
    conditions: [],
    createdAt: '2026-11-28T09:00:00Z',
    deletionTimestamp: null,
    deletionGracePeriodSeconds: null,
    terminationGracePeriodSeconds: 30,
    containers: [
      {
        name: 'main',
        isReady: true,
        restartCount: 0,
        state: 'running',
        reason: null,
        exitCode: null,
        lastExitCode: null,
      },
    ],
    ...overrides,
  };
}

/** A budget in `shop` selecting `app=web`, with room for one disruption. */
export function budgetView(name: string, overrides: Partial<BudgetView> = {}): BudgetView {
  return {
    uid: `uid-${name}`,
    namespace: 'shop',
    name,
    generation: 1,
    selector: { matchLabels: { app: 'web' }, matchExpressions: [] },
    minAvailable: 2,
    maxUnavailable: null,
    unhealthyPodEvictionPolicy: 'IfHealthyBudget',
    observedGeneration: 1,
    disruptionsAllowed: 1,
    currentHealthy: 3,
    desiredHealthy: 2,
    expectedPods: 3,
    disruptedPods: {},
    conditions: [],
    ...overrides,
  };
}

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
