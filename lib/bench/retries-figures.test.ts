import { describe, expect, it } from 'vitest';

import { blocking, figures, reopenDelays } from './retries-figures';

describe('reopenDelays', () => {
  it.each([
    { reopens: [], accepted: [0], delays: [], unanswered: 0 },
    { reopens: [100], accepted: [0, 150], delays: [50], unanswered: 0 },
    { reopens: [100, 300], accepted: [0, 300, 120], delays: [20, 0], unanswered: 0 },
    { reopens: [100, 400], accepted: [0, 150], delays: [50], unanswered: 1 },
  ])('$reopens against $accepted', ({ reopens, accepted, delays, unanswered }) => {
    expect(reopenDelays(reopens, accepted)).toEqual({ delays, unanswered });
  });
});

describe('blocking', () => {
  it("counts from each pod's first 429 to its acceptance, and the requests after that 429", () => {
    const accepted = new Map([
      ['a', 10],
      ['b', 60_010],
      ['c', 30_000],
    ]);
    const answers = new Map([
      ['a', [{ at: 5, code: 201 }]],
      [
        'b',
        [
          { at: 10, code: 429 },
          { at: 5_010, code: 429 },
          { at: 60_005, code: 201 },
        ],
      ],
      [
        'c',
        [
          { at: 0, code: 500 },
          { at: 20_000, code: 429 },
          { at: 29_990, code: 201 },
        ],
      ],
    ]);
    expect(blocking(accepted, answers, [5_000])).toEqual({
      blockedMs: 70_000,
      retries: 3,
      refusedRetries: 1,
      refusedAfterReopen: 1,
    });
    expect(blocking(accepted, answers, [4_000]).refusedAfterReopen).toBe(0);
  });
});

describe('figures', () => {
  it("gives kubectl's fixed 5 s loop 12 requests per blocked pod-minute", () => {
    // Pod k is refused at 0 and every 5 s until it is accepted at 10·k s.
    const accepted = new Map<string, number>();
    const answers = new Map<string, { at: number; code: number }[]>();
    for (let k = 0; k < 10; k++) {
      const at = k * 10_000;
      accepted.set(`p${k}`, at + 5);
      const list = Array.from({ length: 2 * k }, (_, i) => ({ at: i * 5_000, code: 429 }));
      answers.set(`p${k}`, [...list, { at, code: 201 }]);
    }
    const reopens = Array.from({ length: 10 }, (_, k) => k * 10_000 + 7_500);
    const f = figures({ startedAt: 0, reopens, accepted, answers });
    expect(f.perBlockedPodMinute).toBeCloseTo(12, 1);
    expect(f.p50).toBe(2_505);
    expect(f.unanswered).toBe(1);
    expect(f.wallMs).toBe(90_005);
  });
});
