'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { drainHref, useDrains } from '@/lib/client/drains-api';
import { drainStateWords, progressText } from '@/lib/client/drain-words';
import { timeOf } from '@/lib/client/format-time';
import type { DrainView } from '@/lib/domain/drains';

import { Age } from '../ui/age';
import { CELL, FramedTable, ROW } from '../ui/framed-table';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';

export const DRAIN_COLUMNS = ['Drain', 'Nodes', 'State', 'Progress', 'Started'] as const;

function DrainRow({ cluster, drain }: { cluster: string; drain: DrainView }) {
  const t = useTranslations('Drains.list');
  const tw = useTranslations('DrainWords');
  const state = drainStateWords(drain.state, tw);
  return (
    <tr className={ROW}>
      <th scope="row" className={`${CELL} text-left font-normal whitespace-nowrap`}>
        <Link
          href={drainHref(cluster, drain.id)}
          className="text-blue-700 hover:underline dark:text-blue-400"
        >
          {t('drainLink', { id: String(drain.id) })}
        </Link>
      </th>
      <td className={`${CELL} font-mono`}>{drain.nodes.map((n) => n.name).join(', ')}</td>
      <td className={CELL}>
        <StatusBadge tone={state.tone} label={state.label} detail={state.detail} />
      </td>
      <td className={`${CELL} tabular-nums whitespace-nowrap`}>
        {t('gone', { progress: progressText(drain.counts.gone, drain.counts.total, tw) })}
      </td>
      <td className={`${CELL} whitespace-nowrap`}>
        <Age since={timeOf(drain.createdAt)} />
        {t('ago')}
        <span className="text-zinc-600 dark:text-zinc-400">{t('by', { who: drain.who })}</span>
      </td>
    </tr>
  );
}

/** The cluster's recent drains, newest first, polled while one runs. */
export function DrainsList({ cluster }: { cluster: string }) {
  const t = useTranslations('Drains.list');
  const drains = useDrains(cluster);
  let body;
  if (drains.isPending) body = <Notice tone="progress" title={t('listing')} />;
  else if (drains.isError) {
    body = (
      <Notice tone="failed" title={t('failed')}>
        {drains.error.message}. {t('askedAgain')}
      </Notice>
    );
  } else if (drains.data.length === 0) {
    body = <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('none')}</p>;
  } else {
    body = (
      <FramedTable label={t('label')} columns={DRAIN_COLUMNS.map((c) => t(`columns.${c}`))}>
        {drains.data.map((d) => (
          <DrainRow key={d.id} cluster={cluster} drain={d} />
        ))}
      </FramedTable>
    );
  }
  return (
    <section aria-labelledby="drains-heading" className="space-y-3">
      <h2 id="drains-heading" className="text-lg font-semibold">
        {t('title')}
      </h2>
      {body}
    </section>
  );
}
