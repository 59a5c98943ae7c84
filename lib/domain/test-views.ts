import type { RetryView } from './retries';
import type { BudgetView, NodeView, PodView } from './views';

/** View objects for tests, shaped as the server sends them. */

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
    finalizers: [],
    hasEmptyDir: false,
    isMirror: false,
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
        startedAt: null,
        finishedAt: null,
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

/** A pending retry entry of `shop/{pod}` (id `id`), blocked once by budget `web`. */
export function retryView(id: number, pod: string, overrides: Partial<RetryView> = {}): RetryView {
  return {
    id,
    cluster: 'demo',
    namespace: 'shop',
    pod,
    uid: `uid-${pod}`,
    state: 'pending',
    who: 'operator',
    createdAt: '2026-11-28T10:00:00Z',
    updatedAt: '2026-11-28T10:00:00Z',
    deadline: '2026-11-28T11:00:00Z',
    nextAttemptAt: '2026-11-28T10:00:10Z',
    attempts: 1,
    budget: 'web',
    inFlight: false,
    blockedByStale: false,
    lastAnswer: {
      attemptId: id * 10,
      time: '2026-11-28T10:00:00Z',
      outcome: 'queued',
      message: 'Blocked by the disruption budget web.',
      cause: 'The disruption budget web needs 3 healthy pods and has 3 currently',
      clusterCode: 429,
    },
    reason: null,
    gracePeriodSeconds: null,
    ...overrides,
  };
}
