import {
  createTranslator,
  type Messages,
  type NamespaceKeys,
  type NestedKeyOf,
  type useTranslations,
} from 'next-intl';

import en from '@/messages/en.json';

/** A group of the messages, as `useTranslations` takes it. */
export type WordsNamespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/** The messages of `N` in the interface's language (`useTranslations(N)`). */
export type WordsT<N extends WordsNamespace> = ReturnType<typeof useTranslations<N>>;

/** English, for callers outside React and for tests: the same messages as the interface. */
export const english = <N extends WordsNamespace>(namespace: N): WordsT<N> =>
  createTranslator({ locale: 'en', messages: en, namespace });
