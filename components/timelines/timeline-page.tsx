'use client';

import { useTranslations } from 'next-intl';

import { ApiError } from '@/lib/client/evictions';
import { useTimeline } from '@/lib/client/timelines-api';
import { useLiveTimeline } from '@/lib/client/timelines-live';

import { Notice } from '../ui/notice';
import { TimelineDetailView } from './timeline-detail';

/**
 * The page of one pod's timeline, fetched, and fetched again whenever the live stream says the
 * timeline changed (its summary's `updatedAt`).
 */
export function TimelinePage({ cluster, uid }: { cluster: string; uid: string }) {
  const t = useTranslations('Timelines');
  const live = useLiveTimeline(cluster, uid);
  const query = useTimeline(cluster, uid, live?.updatedAt ?? null);
  if (query.data) return <TimelineDetailView cluster={cluster} detail={query.data} />;
  if (query.isPending) return <Notice tone="inactive" title={t('page.loading')} />;
  const isMissing = query.error instanceof ApiError && query.error.status === 404;
  return (
    <Notice
      tone={isMissing ? 'inactive' : 'failed'}
      title={isMissing ? t('page.missing') : t('page.failed')}
    >
      {isMissing
        ? t('page.missingBody')
        : t('page.failedBody', { message: query.error?.message ?? t('page.unknownError') })}
    </Notice>
  );
}
