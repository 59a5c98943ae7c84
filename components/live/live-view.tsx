'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

import { useLiveCluster } from '@/lib/client/live';
import type { LiveState } from '@/lib/client/live-state';
import type { LiveCluster } from '@/lib/client/live-stream';

import { Notice } from '../ui/notice';
import { LiveNotice } from './live-notice';

/**
 * Renders a view from the cluster's live model, once there is one; until then, or when
 * there cannot be one, says why. While the stream is down the last state stays on screen,
 * marked as such.
 */
export function LiveView({
  cluster,
  children,
}: {
  cluster: string;
  children: (state: LiveState, live: LiveCluster) => ReactNode;
}) {
  const t = useTranslations('Live');
  const live = useLiveCluster(cluster);
  if (live.state === null) return <LiveNotice cluster={cluster} live={live} />;
  return (
    <>
      {live.connection === 'open' ? null : (
        <div className="mb-4">
          <Notice tone="waiting" title={t('reconnectingTitle')}>
            {live.problem?.message ?? t('interrupted')} {t('updatesWhenBack')}
          </Notice>
        </div>
      )}
      {children(live.state, live)}
    </>
  );
}
