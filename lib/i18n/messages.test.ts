import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { createTranslator, IntlErrorCode, type IntlError } from 'next-intl';
import { describe, expect, it } from 'vitest';

import en from '../../messages/en.json';
import ja from '../../messages/ja.json';

import { chooseLocale, localeFromAcceptLanguage } from './locales';

type Tree = { [key: string]: string | Tree };

/** Every leaf as `Namespace.key` → text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The literal keys a file passes to its translators: `const t = useTranslations('Ns')` (or
 * `await getTranslations('Ns')`), then `t('key')` / `t.rich('key')` → `Ns.key`. Template keys
 * (`t(\`Views.${slug}.label\`)`) are left to the type checker.
 */
function usedKeys(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const translators = /const (\w+) = (?:use|await get)Translations(?:<[^>]*>)?\((?:'([^']*)')?\)/g;
  const declared = [...text.matchAll(translators)];
  return declared.flatMap((decl, i) => {
    const [, name = '', ns] = decl;
    // A declaration's calls run until the next declaration of the same name (another function).
    const next = declared.slice(i + 1).find((d) => d[1] === name);
    const scope = text.slice(decl.index, next?.index ?? text.length);
    const calls = new RegExp(`\\b${name}(?:\\.rich|\\.markup)?\\('([^']+)'`, 'g');
    return [...scope.matchAll(calls)].map(([, key]) =>
      ns === undefined ? `${key}` : `${ns}.${key}`,
    );
  });
}

describe('messages', () => {
  const english = flatten(en);
  const japanese = flatten(ja);

  it('has the same keys in English and Japanese', () => {
    expect([...japanese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('has no empty text', () => {
    for (const [key, text] of [...english, ...japanese]) expect(text.trim(), key).not.toBe('');
  });

  it('has messages that parse and take no argument English does not give', () => {
    const problems: string[] = [];
    for (const [locale, messages] of [
      ['en', en],
      ['ja', ja],
    ] as const) {
      for (const key of english.keys()) {
        const source = english.get(key) ?? '';
        // Every `{name` and `<tag>` of the English text, as a number and a pass-through tag.
        const values: Record<string, number | ((chunks: string) => string)> = {};
        for (const [, name = ''] of source.matchAll(/\{(\w+)/g)) values[name] = 1;
        for (const [, tag = ''] of source.matchAll(/<(\w+)>/g)) values[tag] = (c) => c;
        const onError = (error: IntlError) => problems.push(`${locale} ${key}: ${error.code}`);
        const t = createTranslator({ locale, messages, onError });
        (t.markup as (k: string, v: typeof values) => string)(key, values);
      }
    }
    expect(problems).toEqual([]);
    expect(IntlErrorCode.INVALID_MESSAGE).toBe('INVALID_MESSAGE');
  });

  it('has every key the components and pages use', () => {
    const files = [...sources('components'), ...sources('app')];
    const used = files.flatMap((f) => usedKeys(f).map((key) => ({ key, file: relative(root, f) })));
    expect(used.length).toBeGreaterThan(20);
    const missing = used.filter(({ key }) => !english.has(key));
    expect(missing).toEqual([]);
  });
});

describe('chooseLocale', () => {
  it.each([
    [undefined, null, 'en'],
    [undefined, 'ja-JP,ja;q=0.9,en-US;q=0.8', 'ja'],
    [undefined, 'en-US,en;q=0.9,ja;q=0.8', 'en'],
    [undefined, 'fr-FR,ja;q=0.5', 'ja'],
    [undefined, 'en;q=0.4,ja;q=0.6', 'ja'],
    [undefined, 'ja;q=0', 'en'],
    [undefined, 'de, fr', 'en'],
    ['ja', 'en-US', 'ja'],
    ['en', 'ja', 'en'],
    ['xx', 'ja', 'ja'],
  ] as const)('cookie %s, Accept-Language %s → %s', (cookie, header, want) => {
    expect(chooseLocale(cookie, header)).toBe(want);
  });

  it('reads an empty header as no preference', () => {
    expect(localeFromAcceptLanguage('')).toBe('en');
  });
});
