import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';

import type { StuckSay } from '@/lib/client/stuck-words';

/** The stuck monitor's words in the interface's language, its durations in its locale. */
export function useStuckSay(): StuckSay {
  const t = useTranslations('StuckWords');
  const locale = useLocale();
  return useMemo(() => ({ t, locale }), [t, locale]);
}
