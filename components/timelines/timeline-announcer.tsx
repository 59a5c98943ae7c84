'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import type { LiveState } from '@/lib/client/live-state';
import { timelineChangeWords } from '@/lib/client/timeline-words';

/**
 * Tells screen readers, politely, when a timeline starts, changes phase or gains a finding.
 * The table itself is not live (its durations tick every second); this is the one voice.
 */
export function TimelineAnnouncer({ timelines }: { timelines: LiveState['timelines'] }) {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  const [seen, setSeen] = useState(timelines);
  const [message, setMessage] = useState('');
  // Derived from the previous render's timelines, during render (React's pattern for it).
  if (seen !== timelines) {
    setSeen(timelines);
    const said = timelineChangeWords(seen, timelines, words);
    if (said !== null) setMessage(said);
  }
  return (
    <p role="status" aria-label={t('changes')} className="sr-only">
      {message}
    </p>
  );
}
