/** The interface languages; English is the default and the one the e2e tests read. */
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie that remembers an operator's explicit choice (next-intl's own name for it). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first supported language of an `Accept-Language` header, by quality then order
 * ("ja-JP,ja;q=0.9,en;q=0.8" → ja); the default when none is supported or the header is absent.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-accept-language
 */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (header === null) return DEFAULT_LOCALE;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', quality, index };
    })
    .filter((r) => Number.isFinite(r.quality) && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.map((r) => r.base).find(isLocale) ?? DEFAULT_LOCALE;
}

/** The cookie's choice when it names a supported language, else the browser's. */
export function chooseLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  return isLocale(cookie) ? cookie : localeFromAcceptLanguage(acceptLanguage);
}
