import { describe, expect, it } from 'vitest';

import { kubectlModel, physicalLimit, stepMs, type Workload } from './drain-limit';
import { WORKLOADS } from './drain-scenario';

const timing = { startMs: 300, readyMs: 700, shutdownMs: 1_000 };
const deployment = (name: string, replicas: number, budget = name): Workload => ({
  kind: 'Deployment',
  name,
  replicas,
  timing,
  budget,
});
const statefulSet = (name: string, replicas: number, budget = name): Workload => ({
  ...deployment(name, replicas, budget),
  kind: 'StatefulSet',
});

describe('stepMs', () => {
  it('waits for start and readiness; a StatefulSet for the old pod to go first', () => {
    expect(stepMs(deployment('web', 3))).toBe(1_000);
    expect(stepMs(statefulSet('db', 3))).toBe(2_000);
  });
});

describe('physicalLimit', () => {
  it('is the longest chain: (k−1) steps and the last shutdown; k steps to every replacement', () => {
    const limit = physicalLimit([deployment('web', 10), statefulSet('db', 4)]);
    expect(limit.budgets.map((b) => [b.name, b.pods, b.goneMs, b.readyMs])).toEqual([
      ['web', 10, 10_000, 10_000],
      ['db', 4, 7_000, 8_000],
    ]);
    expect(limit).toMatchObject({ goneMs: 10_000, completeMs: 10_000, requests: 14 });
  });

  it('chains the pods of every workload a budget selects, the best one last', () => {
    // Σ steps = 3 × 1 + 2 × 2 = 7 s. The last pod saves its step less its shutdown: 1 s for
    // a StatefulSet pod, 0 s for a Deployment pod; so a StatefulSet pod goes last: 6 s.
    const limit = physicalLimit([deployment('web', 3, 'shop'), statefulSet('db', 2, 'shop')]);
    expect(limit.budgets).toEqual([
      {
        name: 'shop',
        workloads: ['Deployment web × 3', 'StatefulSet db × 2'],
        pods: 5,
        stepsMs: 7_000,
        goneMs: 6_000,
        readyMs: 7_000,
      },
    ]);
  });

  it("gives the scenario's 13 pods 15.4 s to an empty node", () => {
    // 11 Deployment pods × 1.2 s + 2 StatefulSet pods × 1.7 s = 16.6 s; less 1.7 − 0.5.
    expect(physicalLimit(WORKLOADS)).toMatchObject({
      goneMs: 15_400,
      completeMs: 16_600,
      requests: 13,
    });
  });
});

describe('kubectlModel', () => {
  it('evicts one pod per budget per 5 s beat when the step is shorter', () => {
    // 0, 5, …, 45 s; the last pod gone 1 s later; 1 + 2 + … + 10 requests.
    expect(kubectlModel([deployment('web', 10)])).toEqual({ goneMs: 46_000, requests: 55 });
  });

  it('waits two beats for a step longer than one', () => {
    const slow = { ...deployment('web', 3), timing: { ...timing, readyMs: 5_000 } };
    // 0, 10, 20 s: requests 1 + 3 + 5.
    expect(kubectlModel([slow])).toEqual({ goneMs: 21_000, requests: 9 });
  });

  it('runs budgets side by side and the workloads of one budget in turn', () => {
    const model = kubectlModel([
      deployment('a', 2, 'x'),
      deployment('b', 2, 'x'),
      deployment('c', 3, 'y'),
    ]);
    // x: beats 0…3, gone at 16 s, 1 + 2 + 3 + 4 requests; y: beats 0…2, 1 + 2 + 3.
    expect(model).toEqual({ goneMs: 16_000, requests: 16 });
  });

  it("puts the scenario's goals within reach of an ideal tool, with margin", () => {
    const limit = physicalLimit(WORKLOADS);
    const model = kubectlModel(WORKLOADS);
    expect(model).toEqual({ goneMs: 60_500, requests: 91 });
    // 20 % over the limit is still 3× faster than kubectl, and one request per pod is
    // well under a fifth of kubectl's.
    expect(model.goneMs / (limit.goneMs * 1.2)).toBeGreaterThan(3.2);
    expect(limit.requests / model.requests).toBeLessThan(0.15);
  });
});
