import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTranslator, type Messages } from 'next-intl';
import { literal } from './regex';

/** The interface's languages, as the tests run them: the browser's locale picks the language. */
export const LANGS = { en: 'en-US', ja: 'ja-JP' } as const;
export type Lang = keyof typeof LANGS;

/** A catalogue as the dashboard bundles it (Playwright's loader imports no JSON modules). */
const catalogue = (lang: Lang): Messages =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../messages/${lang}.json`), 'utf8'));

/** The interface's words in one language, read from the catalogues the dashboard renders. */
export const wordsOf = (lang: Lang) =>
  createTranslator({ locale: lang, messages: catalogue(lang) });

export type Words = ReturnType<typeof wordsOf>;

/**
 * A pattern for a message with one value unknown, capturing it: `Evict {ref}` → /^Evict (.+)$/
 * in English, /^(.+) を退避$/ in Japanese.
 */
export function patternOf(rendered: (value: string) => string): RegExp {
  const MARK = '\u0001';
  const [before = '', after = ''] = rendered(MARK).split(MARK);
  return new RegExp(`^${literal(before)}(.+)${literal(after)}$`);
}
