import { describe, expect, it } from 'vitest';

import { Backoff } from './backoff';
import { ManualClock } from './clock';

/** A sequence of fixed "random" numbers, repeated. */
function randoms(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

describe('Backoff', () => {
  it('starts at the base delay when random gives 0', () => {
    const b = new Backoff(new ManualClock(), { random: () => 0 });
    expect([b.next(), b.next(), b.next()]).toEqual([800, 800, 800]);
  });

  it('grows up to three times the previous delay and stops at the cap', () => {
    const b = new Backoff(new ManualClock(), { random: () => 0.999999 });
    const delays = Array.from({ length: 8 }, () => Math.round(b.next()));
    expect(delays).toEqual([800, 2400, 7200, 21600, 30000, 30000, 30000, 30000]);
  });

  it.each([
    { draws: [0.5], expected: 800 },
    { draws: [1 - 1e-12, 0.5], expected: 800 + 0.5 * (2400 - 800) },
    { draws: [1 - 1e-12, 1 - 1e-12, 0.25], expected: 800 + 0.25 * (7200 - 800) },
    { draws: [1 - 1e-12, 1 - 1e-12, 1 - 1e-12, 1 - 1e-12, 0], expected: 800 },
  ])('draws uniformly in [base, 3 × previous]: $draws → $expected', ({ draws, expected }) => {
    const b = new Backoff(new ManualClock(), { random: randoms(...draws) });
    let last = 0;
    for (let i = 0; i < draws.length; i++) last = b.next();
    expect(last).toBeCloseTo(expected, 3);
  });

  it('stays within [base, cap] for any draw', () => {
    const b = new Backoff(new ManualClock(), { baseMs: 100, capMs: 1000 });
    for (let i = 0; i < 1000; i++) {
      const d = b.next();
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThanOrEqual(1000);
    }
  });

  it('resets after two minutes healthy since the last retry', () => {
    const clock = new ManualClock();
    const b = new Backoff(clock, { random: () => 0.999999 });
    b.next();
    b.next();
    const third = b.next();
    expect(Math.round(third)).toBe(7200);
    clock.advance(third + 119_000);
    expect(Math.round(b.next())).toBe(21600);
    clock.advance(21600 + 120_000);
    expect(b.next()).toBe(800);
  });

  it('does not reset while failures keep coming at the cap', () => {
    const clock = new ManualClock();
    const b = new Backoff(clock, { random: () => 0.999999 });
    for (let i = 0; i < 20; i++) clock.advance(b.next());
    expect(b.next()).toBeCloseTo(30_000);
  });

  it('reset() starts again at the base', () => {
    const b = new Backoff(new ManualClock(), { random: () => 0.999999 });
    b.next();
    b.next();
    b.reset();
    expect(b.next()).toBe(800);
  });

  it('honours a smaller base and cap', () => {
    const b = new Backoff(new ManualClock(), { baseMs: 10, capMs: 50, random: () => 0.999999 });
    expect([b.next(), b.next(), b.next()].map(Math.round)).toEqual([10, 30, 50]);
  });
});
