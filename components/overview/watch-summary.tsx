import { useTranslations } from 'next-intl';

import type { LiveCluster } from '@/lib/client/live-stream';
import { selectHealth, summariseHealth } from '@/lib/client/watch-health';

import { WatchList } from '../live/watch-list';
import { StatusBadge } from '../ui/status-badge';

/** The watch health of the cluster, every kind listed. */
export function WatchSummary({ live }: { live: LiveCluster }) {
  const t = useTranslations('WatchSummary');
  const tw = useTranslations('WatchHealth');
  const summary = summariseHealth(selectHealth(live), {
    everyWatch: tw('everyWatch'),
    connectionLost: tw('connectionLost'),
  });
  return (
    <section aria-labelledby="watch-summary" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="watch-summary" className="text-lg font-semibold">
          {t('title')}
        </h2>
        <StatusBadge
          tone={summary.tone}
          label={tw(`headline.${summary.headline}`)}
          detail={summary.detail}
        />
      </div>
      {live.connection === 'open' ? null : (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('interrupted')}</p>
      )}
      {live.state === null ? null : <WatchList watchStatus={live.state.watchStatus} />}
    </section>
  );
}
