'use client';

import { useTranslations } from 'next-intl';

import { useLiveCluster } from '@/lib/client/live';
import { selectHealth, summariseHealth } from '@/lib/client/watch-health';

import { WatchList } from '../live/watch-list';
import { TONE_ICON, TONE_SURFACE, TONE_TEXT } from '../ui/tone';

/**
 * The header's watch health: the stream's link and every watch in one word ("Live",
 * "Reconnecting", …) with the reason, and the state of each watch on demand.
 */
export function WatchHealth({ cluster }: { cluster: string }) {
  const t = useTranslations('WatchHealth');
  const health = useLiveCluster(cluster, selectHealth);
  const summary = summariseHealth(health, {
    everyWatch: t('everyWatch'),
    connectionLost: t('connectionLost'),
  });
  const headline = t(`headline.${summary.headline}`);
  return (
    <div className="relative flex items-center gap-2 text-sm">
      <p
        role="status"
        aria-label={
          summary.detail === null
            ? t('name', { headline })
            : t('nameWithDetail', { headline, detail: summary.detail })
        }
        className={`flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 ${TONE_SURFACE[summary.tone]}`}
      >
        <span aria-hidden="true" className={TONE_TEXT[summary.tone]}>
          {TONE_ICON[summary.tone]}
        </span>
        <span className="font-medium">{headline}</span>
        {summary.detail === null ? null : (
          <span
            className="max-w-72 truncate text-zinc-700 dark:text-zinc-300"
            title={summary.detail}
          >
            — {summary.detail}
          </span>
        )}
      </p>
      {health.watchStatus === null ? null : (
        <details className="group">
          <summary className="cursor-pointer rounded-md px-2 py-0.5 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
            {t('watches')}
          </summary>
          <div className="absolute right-0 z-20 mt-2 w-80 rounded-md border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
            <WatchList watchStatus={health.watchStatus} />
          </div>
        </details>
      )}
    </div>
  );
}
