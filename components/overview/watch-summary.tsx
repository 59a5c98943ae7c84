import type { LiveCluster } from '@/lib/client/live-stream';
import { selectHealth, summariseHealth } from '@/lib/client/watch-health';

import { WatchList } from '../live/watch-list';
import { StatusBadge } from '../ui/status-badge';

/** The watch health of the cluster, every kind listed. */
export function WatchSummary({ live }: { live: LiveCluster }) {
  const summary = summariseHealth(selectHealth(live));
  return (
    <section aria-labelledby="watch-summary" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="watch-summary" className="text-lg font-semibold">
          Watches
        </h2>
        <StatusBadge tone={summary.tone} label={summary.headline} detail={summary.detail} />
      </div>
      {live.connection === 'open' ? null : (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          The states last received, before the stream was interrupted:
        </p>
      )}
      {live.state === null ? null : <WatchList watchStatus={live.state.watchStatus} />}
    </section>
  );
}
