import { describe, expect, it } from 'vitest';
import { humanDuration, translateTimestampSince } from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  // Upstream's duration_test.go cases, then the boundaries between each format.
  it.each([
    [1 * S, '1s'],
    [70 * S, '70s'],
    [190 * S, '3m10s'],
    [70 * M, '70m'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'],
    [367 * D, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'],
    [(365 * 8 * 24 + 2) * H, '8y'],
    [0, '0s'],
    [999, '0s'],
    [5 * S, '5s'],
    [119 * S + 999, '119s'],
    [120 * S, '2m'],
    [130 * S, '2m10s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 30 * M, '3h30m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [48 * H, '2d'],
    [7 * D + 23 * H, '7d23h'],
    [4 * D, '4d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [(365 * 8 - 1) * D, '7y364d'],
    [20 * 365 * D, '20y'],
  ])('%i ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('tolerates up to 2s of clock skew, like Go', () => {
    expect(humanDuration(-1 * S)).toBe('0s');
    expect(humanDuration(-1999)).toBe('0s');
    expect(humanDuration(-2 * S)).toBe('<invalid>');
  });
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('measures the age of an RFC 3339 timestamp', () => {
    expect(translateTimestampSince('2025-12-31T23:57:50Z', now)).toBe('2m10s');
    expect(translateTimestampSince('2025-12-28T00:00:00Z', now)).toBe('4d');
  });

  it('reads micro-time fractions', () => {
    expect(translateTimestampSince('2025-12-31T23:59:55.123456Z', now)).toBe('4s');
  });

  it('is <unknown> for unset or zero timestamps', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince(null, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });
});
