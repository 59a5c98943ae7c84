const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go duration (`500ms`, `3s`, `2m30s`, `1h`) into milliseconds, as
 * time.ParseDuration does; throws on anything else.
 */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (s === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    part.lastIndex = at;
    const m = part.exec(s);
    if (!m) throw new Error(`time: invalid duration "${text}"`);
    total += Number(m[1]) * (UNITS[m[2] as string] as number);
    at = part.lastIndex;
  }
  if (s.length === 0) throw new Error(`time: invalid duration "${text}"`);
  return total;
}

/** The duration in a pod annotation, or the default when absent or malformed. */
export function annotationDuration(
  annotations: Record<string, string> | undefined,
  key: string,
  fallbackMs: number,
): number {
  const raw = annotations?.[key];
  if (raw === undefined) return fallbackMs;
  try {
    return parseDuration(raw);
  } catch {
    return fallbackMs;
  }
}
