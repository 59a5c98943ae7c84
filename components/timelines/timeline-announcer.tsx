'use client';

import { useState } from 'react';

import type { LiveState } from '@/lib/client/live-state';
import { timelineChangeWords } from '@/lib/client/timeline-words';

/**
 * Tells screen readers, politely, when a timeline starts, changes phase or gains a finding.
 * The table itself is not live (its durations tick every second); this is the one voice.
 */
export function TimelineAnnouncer({ timelines }: { timelines: LiveState['timelines'] }) {
  const [seen, setSeen] = useState(timelines);
  const [message, setMessage] = useState('');
  // Derived from the previous render's timelines, during render (React's pattern for it).
  if (seen !== timelines) {
    setSeen(timelines);
    const words = timelineChangeWords(seen, timelines);
    if (words !== null) setMessage(words);
  }
  return (
    <p role="status" aria-label="Timeline changes" className="sr-only">
      {message}
    </p>
  );
}
