import { describe, expect, it } from 'vitest';

import { StuckItemSchema, type StuckItem } from './retries';
import {
  DEFAULT_STUCK_THRESHOLDS,
  diagnoseBudget,
  stuckItems,
  stuckKindCounts,
  stuckThresholdsOf,
  type StuckInput,
} from './stuck';
import {
  ago,
  blocked,
  DIAGNOSIS_CASES,
  input,
  MIN,
  NOW,
  othersOf,
  retryView,
  terminating,
  unready,
  web1,
  web2,
  zeroAllowed,
} from './stuck-cases';
import { budgetView, nodeView, podView } from './test-views';
import type { BudgetView, PodView } from './views';

/** The English fields alone: phrases are checked against them in lib/client/stuck-words.test.ts. */
function english<T>(value: T): T {
  const phraseKeys = new Set(['phrase', 'titlePhrase', 'detailPhrase']);
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (phraseKeys.has(key) ? undefined : v)),
  ) as T;
}

const codes = (item: StuckItem | undefined) => item?.diagnoses.map((d) => d.code);
const kinds = (items: StuckItem[]) => items.map((i) => i.key);

describe('stuckThresholdsOf', () => {
  it('defaults when unset or empty', () => {
    expect(stuckThresholdsOf({})).toEqual(DEFAULT_STUCK_THRESHOLDS);
    expect(stuckThresholdsOf({ DRAINBOARD_STUCK_RETRY_SECONDS: ' ' })).toEqual(
      DEFAULT_STUCK_THRESHOLDS,
    );
    expect(DEFAULT_STUCK_THRESHOLDS).toEqual({
      retryMs: 300_000,
      budgetMs: 300_000,
      terminatingMs: 30_000,
      nodeMs: 300_000,
    });
  });

  it('reads each variable in seconds', () => {
    expect(
      stuckThresholdsOf({
        DRAINBOARD_STUCK_RETRY_SECONDS: '60',
        DRAINBOARD_STUCK_BUDGET_SECONDS: '0',
        DRAINBOARD_STUCK_TERMINATING_SECONDS: '1.5',
        DRAINBOARD_STUCK_NODE_SECONDS: '600',
      }),
    ).toEqual({ retryMs: 60_000, budgetMs: 0, terminatingMs: 1_500, nodeMs: 600_000 });
  });

  it.each([
    ['DRAINBOARD_STUCK_RETRY_SECONDS', '-1'],
    ['DRAINBOARD_STUCK_BUDGET_SECONDS', 'five'],
    ['DRAINBOARD_STUCK_TERMINATING_SECONDS', 'Infinity'],
    ['DRAINBOARD_STUCK_NODE_SECONDS', 'NaN'],
  ])('refuses %s=%s, naming both', (name, value) => {
    expect(() => stuckThresholdsOf({ [name]: value })).toThrow(RangeError);
    expect(() => stuckThresholdsOf({ [name]: value })).toThrow(
      `${name} must be a number of seconds >= 0, not "${value}"`,
    );
  });
});

describe('stuckKindCounts', () => {
  it('counts each kind, 0 for the absent ones', () => {
    expect(stuckKindCounts([])).toEqual({ retry: 0, budget: 0, terminating: 0, node: 0 });
    expect(stuckKindCounts([{ kind: 'retry' }, { kind: 'node' }, { kind: 'retry' }])).toEqual({
      retry: 2,
      budget: 0,
      terminating: 0,
      node: 1,
    });
  });
});

describe('thresholds: just under is not stuck, just over is', () => {
  const web = [podView('web-1'), podView('web-2'), podView('web-3')];
  const cases: [string, (age: number) => Partial<StuckInput>, number, string][] = [
    [
      'retry',
      (age) => ({
        pods: web,
        budgets: [blocked()],
        retries: [retryView(1, 'web-1', { createdAt: ago(age) })],
      }),
      DEFAULT_STUCK_THRESHOLDS.retryMs,
      'retry:1',
    ],
    [
      'budget (condition time)',
      (age) => ({ pods: web, budgets: [blocked({ conditions: [zeroAllowed(ago(age))] })] }),
      DEFAULT_STUCK_THRESHOLDS.budgetMs,
      'budget:shop/web',
    ],
    [
      'budget (seen since)',
      (age) => ({ pods: web, budgets: [blocked()], zeroSince: new Map([['uid-web', NOW - age]]) }),
      DEFAULT_STUCK_THRESHOLDS.budgetMs,
      'budget:shop/web',
    ],
    [
      'terminating (past the deadline)',
      (age) => ({ pods: [terminating('web-1', ago(age))], nodes: [nodeView('node-1')] }),
      DEFAULT_STUCK_THRESHOLDS.terminatingMs,
      'terminating:uid-web-1',
    ],
    [
      'node',
      (age) => ({
        pods: [podView('web-1')],
        nodes: [nodeView('node-1', { isCordoned: true })],
        cordonedSince: new Map([['node-1', NOW - age]]),
      }),
      DEFAULT_STUCK_THRESHOLDS.nodeMs,
      'node:node-1',
    ],
  ];

  it.each(cases)('%s', (_, make, threshold, key) => {
    expect(kinds(stuckItems(input(make(threshold))))).toEqual([]);
    expect(kinds(stuckItems(input(make(threshold + 1))))).toEqual([key]);
  });

  it('uses the thresholds it is given', () => {
    const thresholds = { ...DEFAULT_STUCK_THRESHOLDS, retryMs: 20 * MIN };
    const retries = [retryView(1, 'web-1')];
    expect(stuckItems(input({ pods: web, budgets: [blocked()], retries }))).toHaveLength(1);
    expect(stuckItems(input({ pods: web, budgets: [blocked()], retries, thresholds }))).toEqual([]);
  });
});

describe('what is not stuck', () => {
  const web = [podView('web-1'), podView('web-2'), podView('web-3')];
  it.each<[string, Partial<StuckInput>]>([
    [
      'a finished retry entry',
      { pods: web, retries: [retryView(1, 'web-1', { state: 'evicted' })] },
    ],
    [
      'a budget with room',
      { pods: web, budgets: [budgetView('web', { conditions: [zeroAllowed(ago(60 * MIN))] })] },
    ],
    [
      'a budget at 0 that selects no pod',
      {
        pods: [podView('db-0', { labels: { app: 'db' } })],
        budgets: [blocked({ conditions: [zeroAllowed(ago(60 * MIN))] })],
      },
    ],
    [
      'a budget at 0 first seen now (no condition time, not in zeroSince)',
      { pods: web, budgets: [blocked()] },
    ],
    ['a terminating pod before its deadline', { pods: [terminating('web-1', ago(-5 * MIN))] }],
    [
      'a node that is not cordoned',
      {
        pods: web,
        nodes: [nodeView('node-1')],
        cordonedSince: new Map([['node-1', NOW - 60 * MIN]]),
      },
    ],
    [
      'a cordoned node left with DaemonSet, mirror, finished and terminating pods only',
      {
        pods: [
          podView('agent', { owner: { kind: 'DaemonSet', name: 'agent', uid: 'ds-1' } }),
          podView('etcd-node-1', { owner: { kind: 'Node', name: 'node-1', uid: 'node-uid-1' } }),
          podView('job', { phase: 'Succeeded', isReady: false }),
          terminating('web-1', ago(-MIN)),
        ],
        nodes: [nodeView('node-1', { isCordoned: true })],
        cordonedSince: new Map([['node-1', NOW - 60 * MIN]]),
      },
    ],
  ])('%s', (_, overrides) => {
    expect(stuckItems(input(overrides))).toEqual([]);
  });
});

describe('diagnoseBudget', () => {
  const context = (pods: PodView[], budgets: BudgetView[]) => ({ pods, budgets, now: NOW });

  it.each(DIAGNOSIS_CASES)('%s', (_, budget, pods, blockedPods, code, text, about) => {
    const others = othersOf(code);
    const { diagnoses } = diagnoseBudget(budget, context(pods, [budget, ...others]), blockedPods);
    expect(english(diagnoses)).toContainEqual({ code, text, pods: about });
  });

  it('never-passable comes with its fix and the scale-up that would help', () => {
    const budget = blocked({
      minAvailable: 3,
      desiredHealthy: 3,
      currentHealthy: 3,
      expectedPods: 3,
    });
    const { fixes } = diagnoseBudget(budget, context([web1, web2, podView('web-3')], [budget]));
    expect(fixes).toHaveLength(1);
    expect(fixes[0]?.title).toBe('Make the budget passable');
    expect(fixes[0]?.detail).toMatch(/lower minAvailable.*Scaling the workload up by 1 would/);
  });

  it('status-stale points at the disruption controller; unhealthy-blocked at AlwaysAllow', () => {
    const stale = blocked({ observedGeneration: null });
    expect(diagnoseBudget(stale, context([web1], [stale])).fixes[0]?.detail).toMatch(
      /kube-controller-manager/,
    );
    const sick = unready('web-1', 20 * MIN);
    const budget = blocked({ currentHealthy: 1 });
    const found = diagnoseBudget(budget, context([sick, web2], [budget]), [sick]);
    expect(found.fixes.map((f) => f.detail).join()).toMatch(
      /unhealthyPodEvictionPolicy: AlwaysAllow/,
    );
  });

  it('leaves out pod lints about other pods than the blocked ones', () => {
    const budget = blocked({ currentHealthy: 1 });
    const sick = unready('web-3', 20 * MIN, { createdAt: ago(90 * MIN) });
    const found = diagnoseBudget(budget, context([web1, web2, sick], [budget]), [web1]);
    expect(found.diagnoses.map((d) => d.code)).toEqual(['never-ready']);
    expect(found.fixes).toEqual([]);
  });

  it('a budget with nothing to say has exactly one diagnosis', () => {
    const budget = blocked({
      minAvailable: 3,
      desiredHealthy: 3,
      currentHealthy: 3,
      expectedPods: 4,
    });
    expect(diagnoseBudget(budget, context([web1], [budget])).diagnoses).toHaveLength(1);
  });
});

describe('stuckItems', () => {
  const web = [
    podView('web-1', { createdAt: ago(60 * MIN) }),
    podView('web-2', { createdAt: ago(60 * MIN) }),
    unready('web-x2', 12 * MIN),
  ];

  it('a stuck retry: its pod, its budget diagnosed, the two remedies around the fixes', () => {
    const [item] = stuckItems(
      input({ pods: web, budgets: [blocked()], retries: [retryView(7, 'web-1')] }),
    );
    expect(english(item)).toEqual({
      kind: 'retry',
      key: 'retry:7',
      namespace: 'shop',
      name: 'web-1',
      retryId: 7,
      since: '2026-11-28T09:48:00.000Z',
      title: 'Eviction of shop/web-1 pending for 12 min (8 attempts)',
      diagnoses: [
        {
          code: 'never-ready',
          text: 'replacement web-x2 has not become Ready for 12 min',
          pods: ['web-x2'],
        },
      ],
      remedies: [
        {
          code: 'pause-and-investigate',
          title: 'Pause and investigate',
          detail: expect.stringMatching(
            /^Pause the automation causing it \(a drain, an autoscaler\) and investigate the application: /,
          ),
        },
        {
          code: 'wait-then-delete',
          title: 'Wait, then delete the pod directly',
          detail:
            'Wait, then delete the pod directly: it bypasses the budget, so the application may lose availability.',
        },
      ],
    });
  });

  it('a retry with a fix puts it between the two remedies', () => {
    const stale = blocked({ generation: 2 });
    const [item] = stuckItems(
      input({ pods: web, budgets: [stale], retries: [retryView(7, 'web-1')] }),
    );
    expect(codes(item)).toEqual(['status-stale', 'never-ready']);
    expect(item?.remedies.map((r) => r.code)).toEqual([
      'pause-and-investigate',
      'fix',
      'wait-then-delete',
    ]);
  });

  it.each<[string, Partial<StuckInput>, string]>([
    [
      'its pod is gone',
      { pods: [] },
      'pod web-1 (uid uid-web-1) is gone: the entry ends at its next attempt; the last answer: The disruption budget web needs 2 healthy pods and has 2 currently',
    ],
    [
      'no budget selects it',
      { pods: [podView('web-1')] },
      'no budget selects web-1 now; the last answer: The disruption budget web needs 2 healthy pods and has 2 currently',
    ],
  ])('a retry whose %s: unknown, with the last answer', (_, overrides, text) => {
    const lastAnswer = {
      attemptId: 3,
      time: ago(MIN),
      outcome: 'blocked' as const,
      message: 'Blocked by budget web',
      cause: 'The disruption budget web needs 2 healthy pods and has 2 currently',
      clusterCode: 429,
    };
    const [item] = stuckItems(
      input({ retries: [retryView(7, 'web-1', { lastAnswer })], ...overrides }),
    );
    expect(english(item?.diagnoses)).toEqual([{ code: 'unknown', text, pods: ['web-1'] }]);
  });

  it('a stuck budget links the oldest pending retry it blocks', () => {
    const budget = blocked({ conditions: [zeroAllowed(ago(20 * MIN))] });
    const retries = [
      retryView(3, 'web-2', { createdAt: ago(MIN) }),
      retryView(2, 'web-1', { createdAt: ago(2 * MIN) }),
      retryView(1, 'db-0', { createdAt: ago(3 * MIN), budget: 'db' }),
    ];
    const [item] = stuckItems(input({ pods: web, budgets: [budget], retries }));
    expect(item).toMatchObject({
      kind: 'budget',
      key: 'budget:shop/web',
      namespace: 'shop',
      name: 'web',
      retryId: 2,
      since: '2026-11-28T09:40:00.000Z',
      title: 'Budget shop/web has allowed 0 disruptions for 20 min',
    });
    expect(codes(item)).toEqual(['never-ready']);
  });

  it('a budget whose condition is not False uses the time it was first seen at 0', () => {
    const budget = blocked({ conditions: [{ ...zeroAllowed(ago(90 * MIN)), status: 'True' }] });
    const zeroSince = new Map([['uid-web', NOW - 6 * MIN]]);
    const [item] = stuckItems(input({ pods: web, budgets: [budget], zeroSince }));
    expect(item?.since).toBe(ago(6 * MIN));
  });

  describe('a pod past its deletion deadline', () => {
    const deadline = ago(4 * MIN);
    const item = (pod: PodView, nodes = [nodeView('node-1')]) =>
      stuckItems(input({ pods: [pod], nodes }))[0];

    it('with a container the kubelet has not stopped', () => {
      const found = item(terminating('web-1', deadline));
      expect(found).toMatchObject({
        kind: 'terminating',
        key: 'terminating:uid-web-1',
        since: ago(4 * MIN + 30_000),
        title: 'shop/web-1 terminating for 4 min 30 s, 4 min past its deadline',
      });
      expect(english(found?.diagnoses)).toEqual([
        {
          code: 'past-deadline',
          text: 'web-1 is 4 min past its deletion deadline (grace period 30 s): container main is still running, the kubelet has not stopped it',
          pods: ['web-1'],
        },
      ]);
      expect(found?.remedies.map((r) => r.title)).toEqual([
        'Pause and investigate',
        'Wait, then force-delete the pod',
      ]);
    });

    it('held by finalizers', () => {
      const pod = terminating('web-1', deadline, {
        finalizers: ['example.com/x', 'example.com/y'],
        containers: [],
      });
      const found = item(pod);
      expect(codes(found)).toEqual(['past-deadline', 'finalizer', 'finalizer']);
      expect(found?.diagnoses[0]?.text).toBe(
        'web-1 is 4 min past its deletion deadline (grace period 30 s): its containers have stopped',
      );
      expect(found?.diagnoses[1]?.text).toBe('finalizer example.com/x holds the pod');
      expect(found?.remedies.find((r) => r.code === 'fix')?.detail).toMatch(
        /controller that owns example\.com\/x, example\.com\/y/,
      );
    });

    it.each([
      [
        [nodeView('node-1', { isReady: false })],
        'node node-1 is NotReady: the kubelet cannot finish the deletion',
      ],
      [[], 'node node-1 is gone: no kubelet will finish the deletion'],
    ])('on a node that cannot finish it', (nodes, text) => {
      const found = item(terminating('web-1', deadline), nodes);
      expect(english(found?.diagnoses)).toEqual([
        {
          code: 'past-deadline',
          text: 'web-1 is 4 min past its deletion deadline (grace period 30 s)',
          pods: ['web-1'],
        },
        { code: 'node-not-ready', text, pods: ['web-1'] },
      ]);
      expect(found?.remedies.map((r) => r.title)).toContain('Bring node node-1 back');
    });

    it('links the pending retry of its budget', () => {
      const pods = [terminating('web-1', deadline), podView('web-2')];
      const found = stuckItems(
        input({
          pods,
          budgets: [blocked()],
          nodes: [nodeView('node-1')],
          retries: [retryView(4, 'web-2', { createdAt: ago(MIN) })],
        }),
      );
      expect(found.map((i) => [i.key, i.retryId])).toEqual([['terminating:uid-web-1', 4]]);
    });
  });

  it('a cordoned node: the pods left, what holds them, and those nothing holds', () => {
    const pods = [
      podView('web-1', { createdAt: ago(60 * MIN) }),
      unready('web-x2', 12 * MIN, { nodeName: 'node-2' }),
      podView('api-1', { namespace: 'ops', labels: { app: 'api' } }),
      podView('agent', { owner: { kind: 'DaemonSet', name: 'agent', uid: 'ds-1' } }),
    ];
    const [item] = stuckItems(
      input({
        pods,
        budgets: [blocked()],
        nodes: [nodeView('node-1', { isCordoned: true }), nodeView('node-2')],
        cordonedSince: new Map([['node-1', NOW - 30 * MIN]]),
      }),
    );
    expect(item).toMatchObject({
      kind: 'node',
      key: 'node:node-1',
      namespace: null,
      name: 'node-1',
      retryId: null,
      title: 'Node node-1 cordoned for 30 min with 2 pods left to evict',
    });
    expect(english(item?.diagnoses)).toEqual([
      {
        code: 'evictable-pods-left',
        text: '2 pods are still on the node: shop/web-1, ops/api-1',
        pods: ['shop/web-1', 'ops/api-1'],
      },
      {
        code: 'never-ready',
        text: 'replacement web-x2 has not become Ready for 12 min',
        pods: ['shop/web-x2'],
      },
      {
        code: 'evictable-pods-left',
        text: 'ops/api-1 can be evicted now (no budget holds it): is a drain running?',
        pods: ['ops/api-1'],
      },
    ]);
  });

  it('sorts oldest first, ties by key, and every item is valid', () => {
    const budget = blocked({ conditions: [zeroAllowed(ago(12 * MIN))] });
    const items = stuckItems(
      input({
        pods: web,
        budgets: [budget],
        retries: [
          retryView(10, 'web-2'),
          retryView(9, 'web-1'),
          retryView(8, 'web-1', { createdAt: ago(20 * MIN) }),
        ],
      }),
    );
    expect(kinds(items)).toEqual(['retry:8', 'budget:shop/web', 'retry:10', 'retry:9']);
    for (const item of items) expect(StuckItemSchema.parse(item)).toEqual(item);
  });
});
