import { describe, expect, it } from 'vitest';

import en from '../../../messages/en.json';
import ja from '../../../messages/ja.json';
import { WALKTHROUGHS } from './index';
import { textsOf } from './test-states';
import type { Text } from './types';

/**
 * A learner reads `Press "Evict"` and must find exactly that word on screen: every name of the
 * interface a walkthrough quotes ("…" in English, 「…」 in Japanese) is the text of a message
 * of that language's catalogue, its {arguments} filled in (a pod's name, a count…). What a
 * terminal or the cluster prints (kubectl's output, the API server's messages) is no label of
 * ours: the texts quote it in `backticks`, in both languages, and this test leaves it alone.
 * The docs' quotes are kubernetes.io's own words and are not checked here either.
 */

type Tree = { [key: string]: string | Tree };

type Lang = keyof Text;

const leaves = (tree: Tree): string[] =>
  Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v)));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the `{…}` argument opening at `start` closes (arguments nest: plural, select). */
function closing(message: string, start: number): number {
  let depth = 0;
  for (let i = start; i < message.length; i++) {
    if (message[i] === '{') depth++;
    if (message[i] === '}' && --depth === 0) return i;
  }
  return message.length;
}

/** What fills an argument, an empty rich text tag or a plural's `#`: some text. */
const FILLED = '[^]+?';

/**
 * A message's text as a pattern: its literal parts as they are, each branch of a plural or a
 * select as it reads (so `{count, plural, one {pod} other {pods}}` is "pod" or "pods"), any
 * other argument (and an empty rich text tag, filled in by its component) as what fills it.
 */
function textPattern(text: string, isPlural: boolean): string {
  let pattern = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '{') {
      const end = closing(text, i);
      pattern += argumentPattern(text.slice(i + 1, end), isPlural);
      i = end;
    } else pattern += c === '\0' || (c === '#' && isPlural) ? FILLED : escape(c);
  }
  return pattern;
}

/** The body of an argument (between its braces) as a pattern. */
function argumentPattern(body: string, isPlural: boolean): string {
  const [, kind, branches = ''] =
    /^\s*\w+\s*,\s*(plural|selectordinal|select)\s*,([^]*)$/.exec(body) ?? [];
  if (kind === undefined) return FILLED;
  const patterns: string[] = [];
  for (let i = branches.indexOf('{'); i !== -1;) {
    const end = closing(branches, i);
    patterns.push(textPattern(branches.slice(i + 1, end), isPlural || kind !== 'select'));
    i = branches.indexOf('{', end + 1);
  }
  return `(?:${patterns.join('|')})`;
}

/**
 * A message as a pattern of the whole label; null when the message has no word of its own
 * (`{ref}: {phase}.` would match about anything).
 */
function patternOf(message: string): RegExp | null {
  const text = message.replace(/<(\w+)><\/\1>/g, '\0').replace(/<\/?\w+>/g, '');
  const pattern = textPattern(text, false);
  return /\p{L}/u.test(pattern.replaceAll(FILLED, '')) ? new RegExp(`^${pattern}$`) : null;
}

const PATTERNS: Record<Lang, RegExp[]> = {
  en: leaves(en).flatMap((m) => patternOf(m) ?? []),
  ja: leaves(ja).flatMap((m) => patternOf(m) ?? []),
};

const QUOTED: Record<Lang, RegExp> = { en: /"([^"]*)"/g, ja: /「([^」]*)」/g };

const quotesOf = (text: string, lang: Lang): string[] =>
  [...text.matchAll(QUOTED[lang])].map(([, quote = '']) => quote);

const isLabel = (quote: string, lang: Lang) => PATTERNS[lang].some((p) => p.test(quote));

describe('the label matcher', () => {
  it('takes a label as it is, with its arguments filled in', () => {
    expect(isLabel('Evict', 'en')).toBe(true);
    expect(isLabel('Select node-1 for drain', 'en')).toBe(true);
    expect(isLabel('Pending retry: blocked by budget web', 'en')).toBe(true);
    expect(isLabel('node-1 をドレインの対象に選ぶ', 'ja')).toBe(true);
  });

  it('reads a plural as one of its branches', () => {
    expect(isLabel('allowed disruptions', 'en')).toBe(true);
    expect(isLabel('allowed disruption', 'en')).toBe(true);
    expect(isLabel('allowed evictions', 'en')).toBe(false);
  });

  it('refuses a label that is not the whole of a message', () => {
    expect(isLabel('Plan', 'en')).toBe(false);
    expect(isLabel('Keep retrying if', 'en')).toBe(false);
    expect(isLabel('Evict', 'ja')).toBe(false);
  });
});

describe.each(WALKTHROUGHS.map((w) => [w.id, w] as const))('walkthrough %s', (_, w) => {
  it('quotes only labels of the interface, in its language', () => {
    for (const [where, text] of textsOf(w)) {
      for (const lang of ['en', 'ja'] as const) {
        for (const quote of quotesOf(text[lang], lang)) {
          expect(isLabel(quote, lang), `${where} (${lang}): ${quote}`).toBe(true);
        }
      }
    }
  });

  it('quotes each language its own way, and output in backticks', () => {
    for (const [where, text] of textsOf(w)) {
      expect(text.en, where).not.toMatch(/[「」]/);
      expect(text.ja, where).not.toContain('"');
      expect(text.en.split('"').length % 2, where).toBe(1);
      for (const lang of ['en', 'ja'] as const) {
        expect(text[lang].split('`').length % 2, `${where} (${lang})`).toBe(1);
      }
    }
  });

  it('says where in the interface each step in Drainboard is done', () => {
    for (const step of w.steps) {
      if (step.action.kind !== 'ui') continue;
      expect(quotesOf(step.action.where.en, 'en'), step.id).not.toEqual([]);
      expect(quotesOf(step.action.where.ja, 'ja'), step.id).not.toEqual([]);
    }
  });
});
