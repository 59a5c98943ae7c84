/** Unit words per language: English spaces its units ("2 min 5 s"), Japanese does not ("2分5秒"). */
const UNITS = {
  en: { s: ' s', min: ' min', h: ' h', d: ' d', gap: ' ' },
  ja: { s: '秒', min: '分', h: '時間', d: '日', gap: '' },
} as const;

/**
 * A duration in words, exact to the second while it is short ("45 s", "2 min 5 s"), then
 * to the coarser units ("14 min", "3 h 20 min", "6 d 2 h"). Negative durations count as 0.
 * Shared by the browser (ages, countdowns) and the stuck monitor's diagnoses; `locale` 'ja'
 * writes "45秒", "2分5秒", "3時間20分" (any other locale gets English).
 */
export function formatDuration(ms: number, locale: string = 'en'): string {
  const u = locale.startsWith('ja') ? UNITS.ja : UNITS.en;
  const two = (a: number, ua: string, b: number, ub: string) =>
    b === 0 ? `${a}${ua}` : `${a}${ua}${u.gap}${b}${ub}`;
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}${u.s}`;
  const min = Math.floor(s / 60);
  if (min < 10) return two(min, u.min, s % 60, u.s);
  if (min < 60) return `${min}${u.min}`;
  const h = Math.floor(min / 60);
  if (h < 24) return two(h, u.h, min % 60, u.min);
  const d = Math.floor(h / 24);
  return two(d, u.d, h % 24, u.h);
}
