import { formatDuration } from '@/lib/domain/duration';

/** Parses an RFC 3339 time to epoch milliseconds; null when absent or unreadable. */
export function timeOf(rfc3339: string | null): number | null {
  if (rfc3339 === null) return null;
  const ms = Date.parse(rfc3339);
  return Number.isNaN(ms) ? null : ms;
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
