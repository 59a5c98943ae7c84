/** Parses an RFC 3339 time to epoch milliseconds; null when absent or unreadable. */
export function timeOf(rfc3339: string | null): number | null {
  if (rfc3339 === null) return null;
  const ms = Date.parse(rfc3339);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * A duration in words, exact to the second while it is short ("45 s", "2 min 5 s"), then
 * to the coarser units ("14 min", "3 h 20 min", "6 d 2 h"). Negative durations count as 0.
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 10) return s % 60 === 0 ? `${min} min` : `${min} min ${s % 60} s`;
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** Time left until `deadline`: "in 18 s", then "overdue 3 s" once it has passed. */
export function formatCountdown(deadline: number, now: number): string {
  // Rounded up, so that "in 0 s" is shown at the deadline itself and not a second before.
  if (now <= deadline) return `in ${formatDuration(Math.ceil((deadline - now) / 1000) * 1000)}`;
  return `overdue ${formatDuration(now - deadline)}`;
}

/** The absolute time for a tooltip, in the operator's locale and zone, with seconds. */
export function formatAbsolute(ms: number): string {
  return new Date(ms).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}
