'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import type { LiveState } from '@/lib/client/live-state';
import { retryChangeWords } from '@/lib/client/retries-words';
import { stuckTitle } from '@/lib/client/stuck-words';

import { useStuckSay } from './use-stuck-say';

type Queue = Pick<LiveState, 'retries' | 'stuck'>;

/**
 * Tells screen readers, politely, when an entry joins the queue, finishes or gets stuck. The
 * tables themselves are not live (their countdowns tick every second); this is the one voice.
 */
export function RetryAnnouncer({ queue }: { queue: Queue }) {
  const t = useTranslations('Retries');
  const words = useTranslations('RetryWords');
  const say = useStuckSay();
  const [seen, setSeen] = useState(queue);
  const [message, setMessage] = useState('');
  // Derived from the previous render's queue, during render (React's pattern for it).
  if (seen.retries !== queue.retries || seen.stuck !== queue.stuck) {
    setSeen(queue);
    const said = retryChangeWords(seen, queue, words, (item) => stuckTitle(item, say));
    if (said !== null) setMessage(said);
  }
  return (
    <p role="status" aria-label={t('queueChanges')} className="sr-only">
      {message}
    </p>
  );
}
