import { describe, expect, it } from 'vitest';

import type { DrainPodView, DrainView, DryRunVerdict } from '@/lib/domain/drains';

import {
  budgetWaitWords,
  drainChangeWords,
  drainStageWords,
  drainStateWords,
  drainTitle,
  dryRunWords,
  leftText,
  planActionWords,
  progressText,
  startBlockedReason,
  stuckOfDrain,
  waitingByBudget,
  waveWords,
} from './drain-words';
import { stuckRetry } from './test-views';

function drainPod(name: string, overrides: Partial<DrainPodView> = {}): DrainPodView {
  return {
    uid: `uid-${name}`,
    namespace: 'shop',
    name,
    node: 'node-3',
    owner: { kind: 'ReplicaSet', name: 'api-7d9f' },
    budget: null,
    stage: 'waiting',
    retryId: null,
    attempts: 0,
    message: null,
    nextAttemptAt: null,
    acceptedAt: null,
    goneAt: null,
    readyAt: null,
    replaced: true,
    replacement: null,
    ...overrides,
  };
}

function drainView(overrides: Partial<DrainView> = {}): DrainView {
  return {
    id: 12,
    cluster: 'demo',
    state: 'running',
    request: {
      force: false,
      ignoreDaemonSets: true,
      deleteEmptyDirData: false,
      podSelector: '',
      gracePeriodSeconds: null,
      timeoutSeconds: 0,
    },
    who: 'operator',
    createdAt: '2026-11-29T04:00:00Z',
    updatedAt: '2026-11-29T04:00:01Z',
    deadline: null,
    endedAt: null,
    reason: null,
    nodes: [{ name: 'node-3', isCordoned: true, left: 2, safeToPowerOff: false }],
    pods: [],
    counts: { total: 2, accepted: 0, gone: 0, replacements: 2, ready: 0, failed: 0, cancelled: 0 },
    left: [],
    ...overrides,
  };
}

const verdict = (v: Partial<DryRunVerdict>): DryRunVerdict => ({
  verdict: 'would-pass',
  code: 201,
  message: null,
  budget: null,
  ...v,
});

describe('dryRunWords', () => {
  it.each([
    { dryRun: null, label: 'Not asked', tone: 'inactive' },
    { dryRun: verdict({}), label: 'Would pass', tone: 'healthy' },
    {
      dryRun: verdict({ verdict: 'blocked', code: 429, budget: 'shop/api' }),
      label: 'Blocked by budget shop/api',
      tone: 'waiting',
    },
    {
      dryRun: verdict({ verdict: 'blocked', code: 429, budget: 'api' }),
      label: 'Blocked by budget shop/api',
      tone: 'waiting',
    },
    {
      dryRun: verdict({ verdict: 'blocked', code: 429 }),
      label: 'Blocked by budget',
      tone: 'waiting',
    },
    {
      dryRun: verdict({ verdict: 'several-budgets', code: 500 }),
      label: 'Several budgets: the API server answers 500',
      tone: 'failed',
    },
    {
      dryRun: verdict({ verdict: 'other', code: 403 }),
      label: 'The cluster answers 403',
      tone: 'failed',
    },
    { dryRun: verdict({ verdict: 'other', code: null }), label: 'No answer', tone: 'failed' },
  ])('$label', ({ dryRun, label, tone }) => {
    expect(dryRunWords(dryRun, 'shop')).toMatchObject({ label, tone });
  });
});

describe('drainStateWords', () => {
  it.each([
    ['running', 'Draining', 'progress'],
    ['drained', 'Drained', 'waiting'],
    ['complete', 'Complete', 'healthy'],
    ['stopped', 'Stopped', 'inactive'],
    ['timed-out', 'Timed out', 'failed'],
    ['failed', 'Failed', 'failed'],
  ] as const)('%s → %s', (state, label, tone) => {
    expect(drainStateWords(state)).toMatchObject({ label, tone });
  });
});

describe('drainStageWords', () => {
  it.each([
    [{ stage: 'waiting', budget: 'shop/api' }, 'Waiting on budget', 'waiting', 'shop/api'],
    [{ stage: 'waiting', budget: 'api' }, 'Waiting on budget', 'waiting', 'shop/api'],
    [{ stage: 'waiting', budget: null }, 'Waiting', 'waiting', 'eviction not accepted yet'],
    [{ stage: 'accepted' }, 'Terminating', 'progress', 'eviction accepted'],
    [{ stage: 'gone', replaced: true }, 'Gone', 'waiting', 'replacement starting'],
    [{ stage: 'gone', replaced: false }, 'Gone', 'healthy', null],
    [{ stage: 'ready' }, 'Replacement ready', 'healthy', null],
    [{ stage: 'failed' }, 'Failed', 'failed', null],
    [{ stage: 'cancelled' }, 'Cancelled', 'inactive', null],
  ] as const)('%o → %s', (overrides, label, tone, detail) => {
    expect(drainStageWords(drainPod('api-1', overrides))).toEqual({ label, tone, detail });
  });
});

describe('planActionWords', () => {
  it('says what kubectl drain does, and why a pod is skipped', () => {
    expect(planActionWords({ action: 'evict', skipWhy: null }).label).toBe('Evict');
    expect(planActionWords({ action: 'refuse', skipWhy: null })).toMatchObject({
      label: 'Refuse',
      tone: 'failed',
    });
    expect(planActionWords({ action: 'skip', skipWhy: 'daemonset' })).toEqual({
      label: 'Skip',
      tone: 'inactive',
      detail: 'DaemonSet-managed',
    });
  });
});

describe('numbers and titles', () => {
  it('shows 0 as 0', () => {
    expect(progressText(0, 0)).toBe('0 of 0');
    expect(progressText(3, 5)).toBe('3 of 5');
  });

  it('names the drain by id and nodes', () => {
    expect(drainTitle(drainView())).toBe('Drain #12 — node-3');
    const two = drainView({
      nodes: [
        { name: 'node-1', isCordoned: true, left: 0, safeToPowerOff: true },
        { name: 'node-3', isCordoned: true, left: 1, safeToPowerOff: false },
      ],
    });
    expect(drainTitle(two)).toBe('Drain #12 — node-1, node-3');
  });

  it('says what is left, with the reason', () => {
    const why = 'The disruption budget api needs 2 healthy pods and has 2 currently';
    expect(leftText({ namespace: 'shop', name: 'api-xyz', why })).toBe(
      `Still pending: shop/api-xyz — ${why}`,
    );
  });
});

describe('waitingByBudget', () => {
  it('groups the waiting pods by budget, largest group first', () => {
    const groups = waitingByBudget([
      drainPod('api-1', { budget: 'shop/api' }),
      drainPod('web-1', { budget: 'web' }),
      drainPod('web-2', { budget: 'shop/web' }),
      drainPod('db-1', { budget: 'shop/db', stage: 'gone' }),
      drainPod('naked', { budget: null }),
    ]);
    expect(groups.map((g) => g.text)).toEqual([
      'Waiting on budget shop/web: 2 pods',
      'Waiting on budget shop/api: 1 pod',
    ]);
    expect(groups[0]?.pods).toEqual(['shop/web-1', 'shop/web-2']);
  });
});

describe('budgetWaitWords', () => {
  const base = {
    namespace: 'shop',
    name: 'api',
    allowedNow: 0,
    capacity: 1,
    pods: ['shop/api-1', 'shop/api-2'],
    atOnce: 0,
    waiting: 2,
    rounds: 2,
    canFinish: true,
    why: null,
  };

  it('keeps zeros and counts the rounds', () => {
    const w = budgetWaitWords(base);
    expect(w.headline).toMatchObject({ label: 'Waits for replacements', detail: '2 rounds' });
    expect(w.lines).toEqual([
      'Allowed now: 0',
      'Pods at once: 0 of 2',
      'Pods waiting for replacements: 2',
    ]);
    expect(w.never).toBeNull();
  });

  it('says when a budget can never let the drain finish', () => {
    const w = budgetWaitWords({ ...base, canFinish: false, why: 'maxUnavailable is 0' });
    expect(w.headline).toMatchObject({ label: 'Never finishes', tone: 'failed' });
    expect(w.never).toBe('can never finish: maxUnavailable is 0');
  });

  it('has room for all when nothing waits', () => {
    expect(budgetWaitWords({ ...base, allowedNow: 2, atOnce: 2, waiting: 0 }).headline.label).toBe(
      'Room for all',
    );
  });
});

describe('startBlockedReason', () => {
  it('is null when the drain may start', () => {
    expect(startBlockedReason({ canStart: true, problems: [], errors: [] })).toBeNull();
  });

  it('gives the first problem, else kubectl’s first error', () => {
    expect(
      startBlockedReason({
        canStart: false,
        problems: ['Node node-9 does not exist.'],
        errors: [],
      }),
    ).toBe('kubectl drain refuses this plan: Node node-9 does not exist.');
    expect(
      startBlockedReason({ canStart: false, problems: [], errors: ['cannot delete x: shop/a'] }),
    ).toBe('kubectl drain refuses this plan: cannot delete x: shop/a');
  });
});

describe('drainChangeWords', () => {
  it('says nothing when nothing worth saying changed', () => {
    const d = drainView();
    expect(drainChangeWords(d, { ...d, updatedAt: 'later' })).toBeNull();
  });

  it('announces a new state with its reason, and nodes safe to power off', () => {
    const before = drainView();
    const after = drainView({
      state: 'drained',
      reason: 'Every pod is gone.',
      nodes: [{ name: 'node-3', isCordoned: true, left: 0, safeToPowerOff: true }],
    });
    expect(drainChangeWords(before, after)).toBe(
      'Drain #12: Drained. Every pod is gone. node-3 is safe to power off.',
    );
  });
});

describe('stuckOfDrain', () => {
  it('keeps the stuck items of the drain’s retry entries only', () => {
    const mine = stuckRetry(7, 'api-1');
    const other = stuckRetry(8, 'web-1');
    const budget = { ...stuckRetry(9, 'db-0'), kind: 'budget' as const, retryId: null };
    const pods = [drainPod('api-1', { retryId: 7 }), drainPod('db-0', { retryId: null })];
    expect(stuckOfDrain([mine, other, budget], pods)).toEqual([mine]);
  });
});

describe('waveWords', () => {
  it.each([
    [null, 'never passes'],
    [1, 'at once'],
    [2, 'wave 2: after 1 round of replacements'],
    [3, 'wave 3: after 2 rounds of replacements'],
  ])('%s → %s', (wave, text) => {
    expect(waveWords(wave)).toBe(text);
  });
});
