import { describe, expect, it } from 'vitest';

import { formatCountdown, formatDuration, timeOf } from './format-time';

describe('formatDuration', () => {
  it.each([
    [-5_000, '0 s'],
    [0, '0 s'],
    [999, '0 s'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [125_000, '2 min 5 s'],
    [14 * 60_000 + 59_000, '14 min'],
    [3 * 3_600_000, '3 h'],
    [3 * 3_600_000 + 20 * 60_000, '3 h 20 min'],
    [6 * 86_400_000, '6 d'],
    [6 * 86_400_000 + 2 * 3_600_000 + 5_000, '6 d 2 h'],
  ])('%i ms is "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatCountdown', () => {
  const deadline = 100_000;
  it.each([
    [70_000, 'in 30 s'],
    [99_200, 'in 1 s'],
    [100_000, 'in 0 s'],
    [100_400, 'overdue 0 s'],
    [103_000, 'overdue 3 s'],
  ])('at %i ms it is "%s"', (now, text) => {
    expect(formatCountdown(deadline, now)).toBe(text);
  });
});

describe('timeOf', () => {
  it('reads RFC 3339 and refuses the rest', () => {
    expect(timeOf('2026-11-28T09:00:30Z')).toBe(Date.UTC(2026, 10, 28, 9, 0, 30));
    expect(timeOf(null)).toBeNull();
    expect(timeOf('soon')).toBeNull();
  });
});
