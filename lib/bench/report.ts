/** Statistics and plain-text tables for the stream benchmark's output. */

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

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

export const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';
export const int = (n: number): string => fmt(n, 0);
export const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MiB`;

/** A table with the first column left-aligned and the others right-aligned. */
export function table(head: string[], rows: string[][], indent = '  '): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

/** One table row of a delay summary in milliseconds. */
export function delayRow(label: string, s: Summary): string[] {
  return [label, fmt(s.p50, 2), fmt(s.p95, 2), fmt(s.p99, 2), fmt(s.max, 2), int(s.count)];
}

export const DELAY_HEAD = ['', 'p50', 'p95', 'p99', 'max', 'count'];
