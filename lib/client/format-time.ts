import { formatDuration } from '@/lib/domain/duration';

/** Parses an RFC 3339 time to epoch milliseconds; null when absent or unreadable. */
export function timeOf(rfc3339: string | null): number | null {
  if (rfc3339 === null) return null;
  const ms = Date.parse(rfc3339);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Time left until `deadline`: "in 18 s", then "overdue 3 s" once it has passed; in
 * Japanese "18秒後", then "3秒超過".
 */
export function formatCountdown(deadline: number, now: number, locale: string = 'en'): string {
  const isJa = locale.startsWith('ja');
  // Rounded up, so that "in 0 s" is shown at the deadline itself and not a second before.
  if (now <= deadline) {
    const left = formatDuration(Math.ceil((deadline - now) / 1000) * 1000, locale);
    return isJa ? `${left}後` : `in ${left}`;
  }
  const over = formatDuration(now - deadline, locale);
  return isJa ? `${over}超過` : `overdue ${over}`;
}

/** The absolute time for a tooltip, in `locale` (the browser's when absent), with seconds. */
export function formatAbsolute(ms: number, locale?: string): string {
  return new Date(ms).toLocaleString(locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}
