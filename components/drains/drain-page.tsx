'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMemo, type ReactNode } from 'react';

import { useDrain } from '@/lib/client/drains-api';
import { drainTitle, stuckOfDrain, waitingByBudget } from '@/lib/client/drain-words';
import { useLiveCluster } from '@/lib/client/live';
import type { LiveCluster } from '@/lib/client/live-stream';
import type { DrainView } from '@/lib/domain/drains';
import type { StuckItem } from '@/lib/domain/retries';

import { StuckSection } from '../retries/stuck-section';
import { viewHref } from '../shell/views';
import { Notice } from '../ui/notice';
import { DrainAnnouncer } from './drain-announcer';
import { DrainNodes } from './drain-nodes';
import { DrainPodsTable } from './drain-pods-table';
import { DrainProgress } from './drain-progress';
import { Ended, LINK, Summary } from './drain-summary';

const NO_STUCK: readonly StuckItem[] = [];
const selectStuck = (live: LiveCluster) => live.state?.stuck ?? NO_STUCK;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Heading({ children }: { children: ReactNode }) {
  return (
    <h1 id="drain-heading" className="text-2xl font-semibold tracking-tight">
      {children}
    </h1>
  );
}

function DrainBody({ cluster, drain }: { cluster: string; drain: DrainView }) {
  const t = useTranslations('Drains.page');
  const tw = useTranslations('DrainWords');
  const stuckAll = useLiveCluster(cluster, selectStuck);
  const stuck = useMemo(() => stuckOfDrain(stuckAll, drain.pods), [stuckAll, drain.pods]);
  const waiting = waitingByBudget(drain.pods, tw);
  return (
    <div className="space-y-6">
      <DrainAnnouncer drain={drain} />
      <Summary cluster={cluster} drain={drain} />
      <Ended drain={drain} />
      <DrainProgress counts={drain.counts} />
      <Section id="drain-nodes" title={t('nodes')}>
        <DrainNodes cluster={cluster} nodes={drain.nodes} isDraining={drain.state === 'running'} />
      </Section>
      {waiting.length === 0 ? null : (
        <ul aria-label={t('waitingByBudget')} className="space-y-0.5 text-sm">
          {waiting.map((g) => (
            <li key={g.budget} title={g.pods.join(', ')}>
              {g.text}
            </li>
          ))}
        </ul>
      )}
      <Section id="drain-pods" title={t('pods')}>
        {drain.pods.length === 0 ? (
          <p className="text-sm">{t('noPods')}</p>
        ) : (
          <DrainPodsTable cluster={cluster} pods={drain.pods} />
        )}
      </Section>
      <StuckSection items={stuck} />
    </div>
  );
}

/** One drain, polled every second until it is over: progress, nodes, pods, what is stuck. */
export function DrainPage({ cluster, id }: { cluster: string; id: number }) {
  const t = useTranslations('Drains.page');
  const tw = useTranslations('DrainWords');
  const drain = useDrain(cluster, id);
  const back = (
    <Link href={viewHref(cluster, 'nodes')} className={LINK}>
      {t('back')}
    </Link>
  );
  if (drain.isPending) {
    return (
      <>
        <Heading>{t('title', { id: String(id) })}</Heading>
        <Notice tone="progress" title={t('loading')} />
      </>
    );
  }
  if (drain.isError && drain.data === undefined) {
    return (
      <>
        <Heading>{t('title', { id: String(id) })}</Heading>
        <Notice tone="failed" title={t('loadFailed')}>
          {drain.error.message}. {back}
        </Notice>
      </>
    );
  }
  return (
    <>
      <Heading>{drainTitle(drain.data, tw)}</Heading>
      {back}
      {drain.isError ? (
        <Notice tone="waiting" title={t('pollFailed')}>
          {drain.error.message}
        </Notice>
      ) : null}
      <DrainBody cluster={cluster} drain={drain.data} />
    </>
  );
}
