import { formatDuration } from '@/lib/domain/duration';
import type { Diagnosis, Phrase, PhraseValue, Remedy, StuckItem } from '@/lib/domain/retries';

import { english, type WordsT } from './english';

/** The `StuckWords` messages in the interface's language (`useTranslations('StuckWords')`). */
type StuckT = WordsT<'StuckWords'>;

/** A translator and the locale its durations are written in. */
export interface StuckSay {
  readonly t: StuckT;
  readonly locale: string;
}

const IN_ENGLISH: StuckSay = { t: english('StuckWords'), locale: 'en' };

function valueOf(value: PhraseValue, say: StuckSay): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('ms' in value) return formatDuration(value.ms, say.locale);
  if ('list' in value) return value.list.join(say.t('separator'));
  return sayPhrase(value, say);
}

/** A phrase of the stuck monitor in the language of `say`: names and the cluster's words as they are. */
export function sayPhrase(phrase: Phrase, say: StuckSay = IN_ENGLISH): string {
  const values = Object.entries(phrase.values ?? {}).map(([name, v]) => [name, valueOf(v, say)]);
  return say.t(phrase.key, Object.fromEntries(values) as Record<string, string | number>);
}

/** What is stuck and for how long; the English title when the item carries no phrase. */
export function stuckTitle(item: Pick<StuckItem, 'title' | 'titlePhrase'>, say?: StuckSay) {
  return item.titlePhrase === undefined ? item.title : sayPhrase(item.titlePhrase, say);
}

/** A diagnosis in words; its English text when it carries no phrase. */
export function diagnosisText(diagnosis: Diagnosis, say?: StuckSay): string {
  return diagnosis.phrase === undefined ? diagnosis.text : sayPhrase(diagnosis.phrase, say);
}

/** A remedy's title and detail in words; the English ones when it carries no phrases. */
export function remedyWords(remedy: Remedy, say?: StuckSay): { title: string; detail: string } {
  const { titlePhrase, detailPhrase } = remedy;
  return {
    title: titlePhrase === undefined ? remedy.title : sayPhrase(titlePhrase, say),
    detail: detailPhrase === undefined ? remedy.detail : sayPhrase(detailPhrase, say),
  };
}
