'use client';

import { useTranslations } from 'next-intl';

import type { WalkthroughRun } from '@/lib/client/walkthroughs-api';

import { StatusBadge } from '../ui/status-badge';

const TONE = {
  idle: 'inactive',
  running: 'progress',
  interrupted: 'waiting',
  finished: 'healthy',
} as const;

/** A walkthrough run's state as a badge. */
export function RunBadge({ state }: { state: WalkthroughRun['state'] }) {
  const t = useTranslations('Walkthroughs');
  const label = state === 'interrupted' ? t('interrupted') : t(state);
  return <StatusBadge tone={TONE[state]} label={label} />;
}
