'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import type { LiveState } from '@/lib/client/live-state';
import { retryChangeWords } from '@/lib/client/retries-words';

type Queue = Pick<LiveState, 'retries' | 'stuck'>;

/**
 * Tells screen readers, politely, when an entry joins the queue, finishes or gets stuck. The
 * tables themselves are not live (their countdowns tick every second); this is the one voice.
 */
export function RetryAnnouncer({ queue }: { queue: Queue }) {
  const t = useTranslations('Retries');
  const [seen, setSeen] = useState(queue);
  const [message, setMessage] = useState('');
  // Derived from the previous render's queue, during render (React's pattern for it).
  if (seen.retries !== queue.retries || seen.stuck !== queue.stuck) {
    setSeen(queue);
    const words = retryChangeWords(seen, queue);
    if (words !== null) setMessage(words);
  }
  return (
    <p role="status" aria-label={t('queueChanges')} className="sr-only">
      {message}
    </p>
  );
}
