import { DEFAULT_STUCK_THRESHOLDS, type StuckInput } from './stuck';
import { budgetView, podView, retryView as retryFixture } from './test-views';
import type { BudgetView, ConditionView, PodView } from './views';
import type { RetryView } from './retries';

/**
 * The states of the stuck monitor's tests, shared with the tests of its words in the UI's
 * language (lib/client/stuck-words.test.ts), so that both check the same findings.
 */

export const NOW = Date.parse('2026-11-28T10:00:00Z');
export const MIN = 60_000;
export const ago = (ms: number) => new Date(NOW - ms).toISOString();

export function input(overrides: Partial<StuckInput> = {}): StuckInput {
  return {
    pods: [],
    budgets: [],
    nodes: [],
    owners: [],
    retries: [],
    now: NOW,
    thresholds: DEFAULT_STUCK_THRESHOLDS,
    zeroSince: new Map(),
    cordonedSince: new Map(),
    ...overrides,
  };
}

/** A pending entry created 12 min ago, 8 attempts in, nothing answered worth quoting. */
export const retryView = (id: number, pod: string, overrides: Partial<RetryView> = {}) =>
  retryFixture(id, pod, { createdAt: ago(12 * MIN), attempts: 8, lastAnswer: null, ...overrides });

export const notReady = (since: string): ConditionView => ({
  type: 'Ready',
  status: 'False',
  reason: 'ContainersNotReady',
  message: null,
  lastTransitionTime: since,
});

export const zeroAllowed = (since: string): ConditionView => ({
  type: 'DisruptionAllowed',
  status: 'False',
  reason: 'InsufficientPods',
  message: null,
  lastTransitionTime: since,
});

export const evictedBy: ConditionView = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'EvictionByEvictionAPI',
  message: 'Eviction API: evicting',
  lastTransitionTime: ago(2 * MIN),
};

/** A budget at 0 allowed: minAvailable 2 of 3, with 2 healthy. */
export const blocked = (overrides: Partial<BudgetView> = {}) =>
  budgetView('web', { disruptionsAllowed: 0, currentHealthy: 2, ...overrides });

/** A pod of the same ReplicaSet, created `age` ago and Running but not Ready since then. */
export const unready = (name: string, age: number, overrides: Partial<PodView> = {}) =>
  podView(name, {
    isReady: false,
    createdAt: ago(age),
    conditions: [notReady(ago(age))],
    ...overrides,
  });

export const terminating = (name: string, deadline: string, overrides: Partial<PodView> = {}) =>
  podView(name, {
    isReady: false,
    deletionTimestamp: deadline,
    deletionGracePeriodSeconds: 30,
    ...overrides,
  });

export const web1 = podView('web-1', { createdAt: ago(60 * MIN) });
export const web2 = podView('web-2', { createdAt: ago(60 * MIN) });

/** The budgets besides a case's own: a second one over every pod for `multiple-budgets`. */
export const othersOf = (code: string): BudgetView[] =>
  code === 'multiple-budgets'
    ? [budgetView('web-all', { selector: { matchLabels: {}, matchExpressions: [] } })]
    : [];

/**
 * `diagnoseBudget` cases: name, budget, the namespace's pods, the blocked pods, and the
 * diagnosis expected among the findings (code, English text, pods).
 */
export const DIAGNOSIS_CASES: [
  string,
  BudgetView,
  PodView[],
  PodView[],
  string,
  string,
  string[],
][] = [
  [
    'a replacement not Ready for long: never-ready',
    blocked(),
    [
      web1,
      web2,
      unready('web-x2', 12 * MIN, {
        containers: [
          {
            name: 'main',
            isReady: false,
            restartCount: 5,
            state: 'waiting',
            reason: 'CrashLoopBackOff',
            exitCode: null,
            lastExitCode: 1,
            startedAt: null,
            finishedAt: null,
          },
        ],
      }),
    ],
    [web1],
    'never-ready',
    'replacement web-x2 has not become Ready for 12 min (container main: CrashLoopBackOff, 5 restarts)',
    ['web-x2'],
  ],
  [
    'an old pod not Ready for long: never-ready, not a replacement',
    blocked(),
    [web1, web2, unready('web-3', 12 * MIN, { createdAt: ago(90 * MIN) })],
    [web1],
    'never-ready',
    'pod web-3 has not been Ready for 12 min',
    ['web-3'],
  ],
  [
    'a replacement not Ready for a minute: not-ready',
    blocked(),
    [web1, web2, unready('web-x2', MIN)],
    [web1],
    'not-ready',
    'replacement web-x2 is running but not Ready (1 min)',
    ['web-x2'],
  ],
  [
    'a replacement just created: waiting-for-replacement',
    blocked(),
    [web1, web2, podView('web-x2', { phase: 'Pending', isReady: false, createdAt: ago(30_000) })],
    [web1],
    'waiting-for-replacement',
    'replacement web-x2 is starting (Pending for 30 s)',
    ['web-x2'],
  ],
  [
    'a pod Pending for long, unscheduled: not-ready',
    blocked(),
    [
      web1,
      web2,
      podView('web-x2', {
        phase: 'Pending',
        isReady: false,
        nodeName: null,
        createdAt: ago(10 * MIN),
      }),
    ],
    [web1],
    'not-ready',
    'replacement web-x2 has been Pending for 10 min (not scheduled)',
    ['web-x2'],
  ],
  [
    'the previous eviction still terminating: still-terminating',
    blocked(),
    [
      web1,
      web2,
      terminating('web-abc', ago(-8 * MIN), {
        deletionGracePeriodSeconds: 600,
        conditions: [evictedBy],
      }),
    ],
    [web1],
    'still-terminating',
    'the previously evicted pod web-abc is still terminating (grace period 600 s, 8 min left)',
    ['web-abc'],
  ],
  [
    'an accepted eviction not terminating yet: still-terminating',
    blocked({ disruptedPods: { 'web-3': ago(30_000) } }),
    [web1, web2, podView('web-3')],
    [web1],
    'still-terminating',
    'the eviction of web-3 was accepted but it is not terminating yet: the budget counts it as disrupted for up to 2 min',
    ['web-3'],
  ],
  [
    'an unprocessed budget: status-stale',
    blocked({ generation: 2, observedGeneration: 1 }),
    [web1, web2],
    [web1],
    'status-stale',
    "budget web's status is stale (generation 2, observed 1): is the disruption controller running?",
    [],
  ],
  [
    'a budget never processed: status-stale',
    blocked({ observedGeneration: null }),
    [web1, web2],
    [],
    'status-stale',
    "budget web's status is stale (generation 1, observed none): is the disruption controller running?",
    [],
  ],
  [
    'a failed sync: status-stale',
    blocked({
      conditions: [
        {
          ...zeroAllowed(ago(MIN)),
          reason: 'SyncFailed',
          message: 'found no controllers for pod "web-1"',
        },
      ],
    }),
    [web1, web2],
    [web1],
    'status-stale',
    'the disruption controller failed to compute the status of budget web: found no controllers for pod "web-1"',
    [],
  ],
  [
    'minAvailable equal to the replicas: never-passable',
    blocked({ minAvailable: 3, desiredHealthy: 3, currentHealthy: 3, expectedPods: 3 }),
    [web1, web2, podView('web-3')],
    [web1],
    'never-passable',
    'budget web can never allow an eviction: minAvailable 3 needs 3 of 3 expected pods healthy, so evicting any one would leave too few',
    [],
  ],
  [
    'a pod with two budgets: multiple-budgets',
    blocked(),
    [web1, web2],
    [web1],
    'multiple-budgets',
    'web-1 is selected by several budgets (web, web-all): the API server refuses every eviction with 500',
    ['web-1'],
  ],
  [
    'a not-Ready pod under IfHealthyBudget without room: unhealthy-blocked',
    blocked({ currentHealthy: 1 }),
    [unready('web-1', 20 * MIN, { createdAt: ago(60 * MIN) }), web2],
    [unready('web-1', 20 * MIN, { createdAt: ago(60 * MIN) })],
    'unhealthy-blocked',
    'web-1 is not Ready and budget web needs 2 healthy pods, has 1: under unhealthyPodEvictionPolicy IfHealthyBudget a pod that is not Ready is evicted only while the budget is healthy',
    ['web-1'],
  ],
  [
    'nothing else: no-budget-room',
    blocked({ minAvailable: 3, desiredHealthy: 3, currentHealthy: 3, expectedPods: 4 }),
    [web1, web2, podView('web-3')],
    [web1],
    'no-budget-room',
    'budget web allows 0 disruptions: needs 3 healthy pods, has 3',
    [],
  ],
  [
    'room now: unknown',
    budgetView('web'),
    [web1, web2, podView('web-3')],
    [web1],
    'unknown',
    'budget web allows 1 disruption now (needs 2 healthy pods, has 3): the next attempt should pass',
    [],
  ],
];
