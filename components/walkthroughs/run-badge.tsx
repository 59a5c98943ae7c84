'use client';

import { useLocale } from 'next-intl';

import type { WalkthroughRun } from '@/lib/client/walkthroughs-api';

import { StatusBadge } from '../ui/status-badge';
import { WORDS } from './words';

const TONE = {
  idle: 'inactive',
  running: 'progress',
  interrupted: 'waiting',
  finished: 'healthy',
} as const;

/** A walkthrough run's state as a badge. */
export function RunBadge({ state }: { state: WalkthroughRun['state'] }) {
  const locale = useLocale();
  const label = state === 'interrupted' ? WORDS.interrupted[locale] : WORDS[state][locale];
  return <StatusBadge tone={TONE[state]} label={label} />;
}
