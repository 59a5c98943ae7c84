'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';

import type { LiveState } from '@/lib/client/live-state';
import { readTimelineQuery, timelineChoices, timelineRows } from '@/lib/client/timeline-rows';
import { compareHref } from '@/lib/client/timelines-api';
import { useReplaceParams } from '@/lib/client/use-replace-params';

import { LiveView } from '../live/live-view';
import { Notice } from '../ui/notice';
import { TimelineAnnouncer } from './timeline-announcer';
import { TimelineFilters } from './timeline-filters';
import { TimelinesTable } from './timelines-table';

const BUTTON =
  'rounded-md border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';

function Timelines({ cluster, state }: { cluster: string; state: LiveState }) {
  const t = useTranslations('Timelines');
  const params = useSearchParams();
  const query = useMemo(() => readTimelineQuery(params), [params]);
  const onChange = useReplaceParams();
  const router = useRouter();
  const { timelines } = state;
  const rows = useMemo(() => timelineRows(timelines.values(), query), [timelines, query]);
  const choices = useMemo(() => timelineChoices(timelines.values()), [timelines]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const onToggle = useCallback(
    (uid: string) =>
      setSelected((before) => {
        const after = new Set(before);
        if (!after.delete(uid)) after.add(uid);
        return after;
      }),
    [],
  );
  // Only what is listed counts: a filter may hide a row selected before.
  const chosen = rows.filter((r) => selected.has(r.summary.uid)).map((r) => r.summary.uid);
  const where = query.namespace === null ? '' : t('inNamespace', { namespace: query.namespace });
  return (
    <div className="space-y-4">
      <TimelineAnnouncer timelines={timelines} />
      <TimelineFilters
        query={query}
        nodes={choices.nodes}
        owners={choices.owners}
        onChange={onChange}
      />
      {rows.length === 0 ? (
        <Notice tone="inactive" title={t('noMatch', { where })}>
          {t('noMatchBody')}
        </Notice>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={BUTTON}
              disabled={chosen.length < 2}
              aria-describedby="compare-help"
              onClick={() => router.push(compareHref(cluster, chosen))}
            >
              {t('compare')}
            </button>
            <p id="compare-help" className="text-sm text-zinc-600 dark:text-zinc-400">
              {t('compareHelp', { count: chosen.length })}
            </p>
          </div>
          <TimelinesTable cluster={cluster} rows={rows} selected={selected} onToggle={onToggle} />
        </>
      )}
    </div>
  );
}

/**
 * Pod terminations as timelines, live: in progress and recent, who started each, its phase,
 * duration and findings; several can be compared on one time axis.
 */
export function TimelinesView({ cluster }: { cluster: string }) {
  return (
    <LiveView cluster={cluster}>
      {(state) => <Timelines cluster={cluster} state={state} />}
    </LiveView>
  );
}
