/**
 * A duration in words, exact to the second while it is short ("45 s", "2 min 5 s"), then
 * to the coarser units ("14 min", "3 h 20 min", "6 d 2 h"). Negative durations count as 0.
 * Shared by the browser (ages, countdowns) and the stuck monitor's diagnoses.
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
