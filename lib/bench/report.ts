import { fmt, int, quantile } from '../sim/bench/bench-kit';

/** Statistics and table rows for the stream benchmark's output. */

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of `values`. */
export function summarise(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  return {
    count: s.length,
    p50: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    p99: quantile(s, 0.99),
    max: s[s.length - 1] ?? NaN,
  };
}

/** One table row of a delay summary in milliseconds. */
export function delayRow(label: string, s: Summary): string[] {
  return [label, fmt(s.p50, 2), fmt(s.p95, 2), fmt(s.p99, 2), fmt(s.max, 2), int(s.count)];
}

export const DELAY_HEAD = ['', 'p50', 'p95', 'p99', 'max', 'count'];
