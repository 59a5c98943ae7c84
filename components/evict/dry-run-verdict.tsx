'use client';

import { useTranslations } from 'next-intl';

import { useDryRun } from '@/lib/client/evictions';
import type { PodTarget } from '@/lib/client/evictions-request';

import { Notice } from '../ui/notice';
import { OutcomePanel } from './outcome-panel';

/** The cluster's own verdict, asked with a dry-run eviction when the dialog opens. */
export function DryRunVerdict({ target }: { target: PodTarget }) {
  const t = useTranslations('Evict.dryRun');
  const dryRun = useDryRun(target);
  if (dryRun.isPending) {
    return <Notice tone="progress" title={t('asking')} />;
  }
  if (dryRun.isError) {
    return (
      <Notice tone="failed" title={t('noAnswer')}>
        {dryRun.error.message}. {t('stillEvict')}
      </Notice>
    );
  }
  return <OutcomePanel answer={dryRun.data} label={t('verdict')} />;
}
