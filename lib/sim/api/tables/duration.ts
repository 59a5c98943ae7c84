/**
 * Ages as kubectl prints them: k8s.io/apimachinery/pkg/util/duration.HumanDuration, and the
 * printers' translateTimestampSince around it.
 */
import { timeMs } from './read';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * A succinct duration with ~2-3 significant figures: `5s`, `2m10s`, `3h`, `4d`, `2y10d`.
 * Go truncates towards zero at each unit, so this does too; up to 2s in the future still
 * counts as now (clock skew), further is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** Time since a timestamp as {@link humanDuration}, `<unknown>` when it is unset. */
export function translateTimestampSince(timestamp: unknown, now: number): string {
  const at = timeMs(timestamp);
  return at === undefined ? '<unknown>' : humanDuration(now - at);
}
