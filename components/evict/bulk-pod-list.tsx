'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';

import { forecastText } from '@/lib/client/budget-words';
import type { BulkItem } from '@/lib/client/evictions-bulk';
import { evictionContext } from '@/lib/client/evictions-context';
import { useLiveCluster } from '@/lib/client/live';
import { useNow } from '@/lib/client/use-now';
import type { PodView } from '@/lib/domain/views';

import { Notice } from '../ui/notice';
import { OutcomePanel } from './outcome-panel';

function ItemResult({ item, podRef }: { item: BulkItem | undefined; podRef: string }) {
  const t = useTranslations('BulkEvict');
  if (item === undefined) return null;
  switch (item.state) {
    case 'sending':
      return <Notice tone="progress" title={t('evicting')} />;
    case 'answered':
      return <OutcomePanel answer={item.answer} label={t('result', { ref: podRef })} />;
    case 'failed':
      return (
        <Notice tone="failed" title={t('noAnswer', { ref: podRef })}>
          {item.message}
        </Notice>
      );
    case 'skipped':
      return (
        <Notice tone="inactive" title={t('skipped', { ref: podRef })}>
          {item.message}
        </Notice>
      );
    default: {
      const unknown: never = item;
      return unknown;
    }
  }
}

/** The pods of a bulk eviction, each with what the model forecasts and then its own result. */
export function BulkPodList({
  cluster,
  pods,
  items,
}: {
  cluster: string;
  pods: readonly PodView[];
  items: ReadonlyMap<string, BulkItem>;
}) {
  const t = useTranslations('BulkEvict');
  const forecastT = useTranslations('ForecastWords');
  const state = useLiveCluster(cluster).state;
  const now = useNow() ?? 0;
  const forecasts = useMemo(
    () =>
      new Map(
        pods.map((p) => [
          p.uid,
          state === null ? null : forecastText(evictionContext(state, p, now).forecast, forecastT),
        ]),
      ),
    [pods, state, now, forecastT],
  );
  return (
    <ul aria-label={t('list')} className="space-y-3">
      {pods.map((pod) => {
        const ref = `${pod.namespace}/${pod.name}`;
        return (
          <li key={pod.uid} aria-label={ref} className="space-y-1">
            <p className="font-mono text-sm font-semibold">{ref}</p>
            {forecasts.get(pod.uid) ? (
              <p className="text-xs text-zinc-700 dark:text-zinc-300">{forecasts.get(pod.uid)}</p>
            ) : null}
            <ItemResult item={items.get(pod.uid)} podRef={ref} />
          </li>
        );
      })}
    </ul>
  );
}
