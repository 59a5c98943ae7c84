import { describe, expect, it } from 'vitest';

import {
  budgetRule,
  budgetTarget,
  disruptionCondition,
  disruptionsAllowed,
  isCountedHealthy,
  isDisruptionPending,
  needsHas,
  scaledValue,
} from './budgets';
import { budgetView, podView } from './test-views';
import type { IntOrPercent, PodView } from './views';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('scaledValue', () => {
  it.each<{ value: IntOrPercent; total: number; want: number | null }>([
    { value: 3, total: 10, want: 3 },
    { value: 12, total: 10, want: 12 },
    { value: 0, total: 10, want: 0 },
    { value: '20%', total: 10, want: 2 },
    { value: '34%', total: 3, want: 2 },
    { value: '28%', total: 11, want: 4 },
    { value: '28%', total: 22, want: 7 },
    { value: '95%', total: 10, want: 10 },
    { value: '1%', total: 1, want: 1 },
    { value: '0%', total: 10, want: 0 },
    { value: '50%', total: 0, want: 0 },
    { value: '100%', total: 7, want: 7 },
    { value: '5', total: 10, want: null },
    { value: 'half', total: 10, want: null },
    { value: '-5%', total: 10, want: null },
  ])('$value of $total is $want', ({ value, total, want }) => {
    expect(scaledValue(value, total)).toBe(want);
  });
});

describe('budgetRule', () => {
  it.each([
    { min: 2, max: null, want: { field: 'minAvailable', value: 2 } },
    { min: null, max: '25%', want: { field: 'maxUnavailable', value: '25%' } },
    { min: null, max: 0, want: { field: 'maxUnavailable', value: 0 } },
    { min: 1, max: 1, want: { field: 'maxUnavailable', value: 1 } },
    { min: null, max: null, want: { field: null } },
  ])('minAvailable $min, maxUnavailable $max', ({ min, max, want }) => {
    expect(budgetRule({ minAvailable: min, maxUnavailable: max })).toEqual(want);
  });
});

/** Ready pods p0…p(n-1), then not-Ready ones. */
function pods(ready: number, notReady = 0): PodView[] {
  return Array.from({ length: ready + notReady }, (_, i) =>
    podView(`p${i}`, { isReady: i < ready }),
  );
}

/** The status the disruption controller would write for these pods. */
function controllerStatus(
  spec: { minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent },
  selected: readonly PodView[],
  scale: number,
  disruptedPods: Record<string, string> = {},
) {
  const target = budgetTarget(
    { minAvailable: spec.minAvailable ?? null, maxUnavailable: spec.maxUnavailable ?? null },
    { selected: selected.length, scale },
  );
  if (target === null) return null;
  const currentHealthy = selected.filter((p) => isCountedHealthy(p, disruptedPods, NOW)).length;
  return {
    ...target,
    currentHealthy,
    disruptionsAllowed: disruptionsAllowed({ ...target, currentHealthy }),
  };
}

describe('the worked examples of eviction-semantics.md §4.7', () => {
  it.each([
    {
      test: 'TestUnavailable: minAvailable 3, 4 Ready pods, no controller',
      spec: { minAvailable: 3 },
      selected: pods(4),
      scale: 0,
      want: { expectedPods: 4, desiredHealthy: 3, currentHealthy: 4, disruptionsAllowed: 1 },
    },
    {
      test: 'TestUnavailable: then one pod loses Ready',
      spec: { minAvailable: 3 },
      selected: pods(3, 1),
      scale: 0,
      want: { expectedPods: 4, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 },
    },
    {
      test: 'TestIntegerMaxUnavailableWithScaling: maxUnavailable 2, RS 7, 1 pod',
      spec: { maxUnavailable: 2 },
      selected: pods(1),
      scale: 7,
      want: { expectedPods: 7, desiredHealthy: 5, currentHealthy: 1, disruptionsAllowed: 0 },
    },
    {
      test: 'TestIntegerMaxUnavailableWithScaling: RS scaled to 5',
      spec: { maxUnavailable: 2 },
      selected: pods(1),
      scale: 5,
      want: { expectedPods: 5, desiredHealthy: 3, currentHealthy: 1, disruptionsAllowed: 0 },
    },
    {
      test: 'TestReplicaSet: minAvailable 20 %, RS 10, 1 pod',
      spec: { minAvailable: '20%' },
      selected: pods(1),
      scale: 10,
      want: { expectedPods: 10, desiredHealthy: 2, currentHealthy: 1, disruptionsAllowed: 0 },
    },
    {
      test: 'TestReplicationController: minAvailable 34 % of 3, 2 Ready',
      spec: { minAvailable: '34%' },
      selected: pods(2),
      scale: 3,
      want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 },
    },
    {
      test: 'TestStatefulSetController: minAvailable 34 % of 3, 3 Ready',
      spec: { minAvailable: '34%' },
      selected: pods(3),
      scale: 3,
      want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 },
    },
    {
      test: 'TestTwoControllers: minAvailable 28 % of 11',
      spec: { minAvailable: '28%' },
      selected: pods(11),
      scale: 11,
      want: { expectedPods: 11, desiredHealthy: 4, currentHealthy: 11, disruptionsAllowed: 7 },
    },
    {
      test: 'TestTwoControllers: minAvailable 28 % of 22 (two controllers)',
      spec: { minAvailable: '28%' },
      selected: pods(22),
      scale: 22,
      want: { expectedPods: 22, desiredHealthy: 7, currentHealthy: 22, disruptionsAllowed: 15 },
    },
    {
      test: 'TestPDBWithScaleSubresource: maxUnavailable 2, scale 4, 4 Ready',
      spec: { maxUnavailable: 2 },
      selected: pods(4),
      scale: 4,
      want: { expectedPods: 4, desiredHealthy: 2, currentHealthy: 4, disruptionsAllowed: 2 },
    },
    {
      test: 'e2e: maxUnavailable 1, RS 3, all Ready',
      spec: { maxUnavailable: 1 },
      selected: pods(3),
      scale: 3,
      want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 },
    },
    {
      test: 'e2e: maxUnavailable 1, RS 3, none Ready',
      spec: { maxUnavailable: 1 },
      selected: pods(0, 3),
      scale: 3,
      want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 0, disruptionsAllowed: 0 },
    },
    {
      test: 'minAvailable 90 %, RS 10',
      spec: { minAvailable: '90%' },
      selected: pods(10),
      scale: 10,
      want: { expectedPods: 10, desiredHealthy: 9, currentHealthy: 10, disruptionsAllowed: 1 },
    },
    {
      test: 'maxUnavailable 10 % of 10',
      spec: { maxUnavailable: '10%' },
      selected: pods(10),
      scale: 10,
      want: { expectedPods: 10, desiredHealthy: 9, currentHealthy: 10, disruptionsAllowed: 1 },
    },
  ])('$test', ({ spec, selected, scale, want }) => {
    expect(controllerStatus(spec, selected, scale)).toEqual(want);
  });

  it('TestUpdateDisruptedPods: deleting, expired, fresh and missing entries', () => {
    const selected = [
      podView('p1', { deletionTimestamp: ago(-30_000) }),
      podView('p2'),
      podView('p3'),
    ];
    const disrupted = {
      p1: ago(10_000),
      p2: ago(5 * 60_000),
      p3: ago(10_000),
      notthere: ago(10_000),
    };
    expect(controllerStatus({ minAvailable: 1 }, selected, 3, disrupted)).toEqual({
      expectedPods: 3,
      desiredHealthy: 1,
      currentHealthy: 1,
      disruptionsAllowed: 0,
    });
  });
});

describe('budgetTarget beyond the examples', () => {
  it.each<{
    spec: { minAvailable: IntOrPercent | null; maxUnavailable: IntOrPercent | null };
    selected: number;
    scale: number;
    want: { expectedPods: number; desiredHealthy: number } | null;
  }>([
    // An integer minAvailable is neither clamped nor compared with the controllers' replicas.
    {
      spec: { minAvailable: 5, maxUnavailable: null },
      selected: 3,
      scale: 10,
      want: { expectedPods: 3, desiredHealthy: 5 },
    },
    {
      spec: { minAvailable: 0, maxUnavailable: null },
      selected: 3,
      scale: 3,
      want: { expectedPods: 3, desiredHealthy: 0 },
    },
    // desiredHealthy never goes below 0.
    {
      spec: { minAvailable: null, maxUnavailable: 10 },
      selected: 3,
      scale: 3,
      want: { expectedPods: 3, desiredHealthy: 0 },
    },
    {
      spec: { minAvailable: null, maxUnavailable: 0 },
      selected: 3,
      scale: 3,
      want: { expectedPods: 3, desiredHealthy: 3 },
    },
    {
      spec: { minAvailable: null, maxUnavailable: '0%' },
      selected: 3,
      scale: 3,
      want: { expectedPods: 3, desiredHealthy: 3 },
    },
    // Rounded up: 10 % of 3 is 1 pod that may be unavailable.
    {
      spec: { minAvailable: null, maxUnavailable: '10%' },
      selected: 3,
      scale: 3,
      want: { expectedPods: 3, desiredHealthy: 2 },
    },
    {
      spec: { minAvailable: null, maxUnavailable: null },
      selected: 3,
      scale: 3,
      want: { expectedPods: 0, desiredHealthy: 0 },
    },
    { spec: { minAvailable: 'most', maxUnavailable: null }, selected: 3, scale: 3, want: null },
  ])('$spec of $selected pods, scale $scale', ({ spec, selected, scale, want }) => {
    expect(budgetTarget(spec, { selected, scale })).toEqual(want);
  });
});

describe('disruptionsAllowed', () => {
  it.each([
    { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, want: 1 },
    { expectedPods: 3, desiredHealthy: 2, currentHealthy: 2, want: 0 },
    { expectedPods: 3, desiredHealthy: 2, currentHealthy: 1, want: 0 },
    { expectedPods: 3, desiredHealthy: 0, currentHealthy: 3, want: 3 },
    // No rule: 0 expected pods, so 0 whatever is healthy.
    { expectedPods: 0, desiredHealthy: 0, currentHealthy: 4, want: 0 },
  ])('expected $expectedPods, desired $desiredHealthy, current $currentHealthy → $want', (c) => {
    expect(disruptionsAllowed(c)).toBe(c.want);
  });
});

describe('isDisruptionPending and isCountedHealthy', () => {
  it.each([
    { acceptedAt: undefined, want: false },
    { acceptedAt: ago(0), want: true },
    { acceptedAt: ago(119_000), want: true },
    { acceptedAt: ago(120_000), want: true },
    { acceptedAt: ago(121_000), want: false },
    { acceptedAt: 'yesterday', want: false },
  ])('an entry from $acceptedAt holds: $want', ({ acceptedAt, want }) => {
    expect(isDisruptionPending(acceptedAt, NOW)).toBe(want);
  });

  it.each([
    { why: 'Ready', pod: podView('a'), want: true },
    { why: 'not Ready', pod: podView('a', { isReady: false }), want: false },
    { why: 'terminating', pod: podView('a', { deletionTimestamp: ago(0) }), want: false },
    { why: 'Ready, phase not looked at', pod: podView('a', { phase: 'Unknown' }), want: true },
    { why: 'evicted just now', pod: podView('b'), want: false },
    { why: 'evicted long ago', pod: podView('c'), want: true },
  ])('$why: $want', ({ pod, want }) => {
    expect(isCountedHealthy(pod, { b: ago(1_000), c: ago(600_000) }, NOW)).toBe(want);
  });
});

describe('words and conditions', () => {
  it('says needs and has, 0 included', () => {
    expect(needsHas({ desiredHealthy: 2, currentHealthy: 0 })).toBe('needs 2 healthy pods, has 0');
    expect(needsHas({ desiredHealthy: 1, currentHealthy: 1 })).toBe('needs 1 healthy pod, has 1');
    expect(needsHas({ desiredHealthy: 0, currentHealthy: 0 })).toBe('needs 0 healthy pods, has 0');
  });

  it('finds the DisruptionAllowed condition', () => {
    const condition = {
      type: 'DisruptionAllowed',
      status: 'False' as const,
      reason: 'InsufficientPods',
      message: null,
      lastTransitionTime: ago(0),
    };
    expect(disruptionCondition(budgetView('web', { conditions: [condition] }))).toBe(condition);
    expect(disruptionCondition(budgetView('web'))).toBeNull();
  });
});
