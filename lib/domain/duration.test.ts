import { describe, expect, it } from 'vitest';

import { formatDuration } from './duration';

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
    expect(formatDuration(ms, 'en')).toBe(text);
  });

  it.each([
    [45_000, '45秒'],
    [60_000, '1分'],
    [125_000, '2分5秒'],
    [3 * 3_600_000 + 20 * 60_000, '3時間20分'],
    [6 * 86_400_000 + 2 * 3_600_000, '6日2時間'],
  ])('%i ms is "%s" in Japanese', (ms, text) => {
    expect(formatDuration(ms, 'ja')).toBe(text);
  });
});
