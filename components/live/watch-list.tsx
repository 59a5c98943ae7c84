import { useTranslations } from 'next-intl';

import {
  ResourceSchema,
  type Resource,
  type WatchState,
  type WatchStatus,
} from '@/lib/domain/changes';
import type { Tone } from '@/lib/client/pod-status';
import { RESOURCE_LABELS } from '@/lib/client/watch-health';

import { StatusBadge } from '../ui/status-badge';

const WATCH_TONE: Record<WatchState, Tone> = {
  synced: 'healthy',
  syncing: 'progress',
  reconnecting: 'waiting',
  stale: 'waiting',
};

/** Each watched kind with its watch state in words, and the error keeping it there. */
export function WatchList({
  watchStatus,
}: {
  watchStatus: Readonly<Record<Resource, WatchStatus>>;
}) {
  const t = useTranslations('WatchHealth.state');
  return (
    <ul className="space-y-1.5 text-sm">
      {ResourceSchema.options.map((resource) => {
        const { state, message } = watchStatus[resource];
        return (
          <li key={resource} className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span>{RESOURCE_LABELS[resource]}</span>
            <StatusBadge tone={WATCH_TONE[state]} label={t(state)} />
            {message === null ? null : (
              <span className="basis-full text-xs text-zinc-600 dark:text-zinc-400">{message}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
