'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { drainChangeWords } from '@/lib/client/drain-words';
import type { DrainView } from '@/lib/domain/drains';

/**
 * Tells screen readers, politely, when the drain's state changes or a node becomes safe to
 * power off. The bars and tables are not live (they change every second); this is the one voice.
 */
export function DrainAnnouncer({ drain }: { drain: DrainView }) {
  const t = useTranslations('Drains');
  const tw = useTranslations('DrainWords');
  const [seen, setSeen] = useState(drain);
  const [message, setMessage] = useState('');
  // Derived from the previous render's drain, during render (React's pattern for it).
  if (seen !== drain) {
    setSeen(drain);
    const words = drainChangeWords(seen, drain, tw);
    if (words !== null) setMessage(words);
  }
  return (
    <p role="status" aria-label={t('changes')} className="sr-only">
      {message}
    </p>
  );
}
