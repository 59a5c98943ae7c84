import { createTranslator } from 'next-intl';

import ja from '@/messages/ja.json';

import type { WordsNamespace, WordsT } from './english';

/** Japanese, for tests of words that speak the interface's language. */
export const japanese = <N extends WordsNamespace>(namespace: N): WordsT<N> =>
  createTranslator({ locale: 'ja', messages: ja, namespace });
