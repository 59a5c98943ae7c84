import type { BudgetView, PodView } from './views';

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
