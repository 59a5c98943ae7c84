import { describe, expect, it } from 'vitest';

import { formatCountdown, timeOf } from './format-time';

describe('formatCountdown', () => {
  const deadline = 100_000;
  it.each([
    [70_000, 'in 30 s'],
    [99_200, 'in 1 s'],
    [100_000, 'in 0 s'],
    [100_400, 'overdue 0 s'],
    [103_000, 'overdue 3 s'],
  ])('at %i ms it is "%s"', (now, text) => {
    expect(formatCountdown(deadline, now, 'en')).toBe(text);
  });

  it.each([
    [70_000, '30秒後'],
    [103_000, '3秒超過'],
  ])('at %i ms it is "%s" in Japanese', (now, text) => {
    expect(formatCountdown(deadline, now, 'ja')).toBe(text);
  });
});

describe('timeOf', () => {
  it('reads RFC 3339 and refuses the rest', () => {
    expect(timeOf('2026-11-28T09:00:30Z')).toBe(Date.UTC(2026, 10, 28, 9, 0, 30));
    expect(timeOf(null)).toBeNull();
    expect(timeOf('soon')).toBeNull();
  });
});
