import { useTranslations } from 'next-intl';

import type { LiveCluster } from '@/lib/client/live-stream';

import { Notice } from '../ui/notice';

/**
 * What a view shows while it has no model of the cluster yet: connecting, reconnecting (with
 * the reason), or why not (an unknown cluster, unreadable data) and what to do.
 */
export function LiveNotice({ cluster, live }: { cluster: string; live: LiveCluster }) {
  const t = useTranslations('Live');
  const { connection, problem } = live;
  if (connection === 'error' && problem?.kind === 'not-found') {
    return (
      <Notice tone="failed" title={t('noCluster', { cluster })}>
        <p>{t('pickCluster')}</p>
      </Notice>
    );
  }
  if (connection === 'error') {
    return (
      <Notice tone="failed" title={t('cannotShow', { cluster })}>
        <p>{problem?.message ?? t('streamStopped')}</p>
        <p>{t('reload')}</p>
      </Notice>
    );
  }
  if (connection === 'reconnecting') {
    return (
      <Notice tone="waiting" title={t('reconnectingTo', { cluster })}>
        {problem ? <p>{problem.message}</p> : null}
        <p>{t('retriesItself')}</p>
      </Notice>
    );
  }
  return <Notice tone="inactive" title={t('connectingTo', { cluster })} />;
}
