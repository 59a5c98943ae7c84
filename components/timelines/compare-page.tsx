'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';

import { readCompareUids, timelineHref, useTimelines } from '@/lib/client/timelines-api';
import { useLiveTimelines } from '@/lib/client/timelines-live';
import type { TimelineDetail } from '@/lib/domain/timeline-summary';

import { Notice } from '../ui/notice';
import { FactsTable } from './facts-table';
import { FindingBadges, PhaseBadge } from './timeline-badges';
import { ChartSection, Section } from './timeline-detail';
import { LINK } from './links';

function PodList({ cluster, details }: { cluster: string; details: readonly TimelineDetail[] }) {
  const t = useTranslations('Timelines');
  return (
    <ul aria-label={t('compared')} className="space-y-1 text-sm">
      {details.map((d) => (
        <li key={d.uid} className="flex flex-wrap items-center gap-2">
          <Link href={timelineHref(cluster, d.uid)} className={LINK}>
            {d.namespace}/{d.pod}
          </Link>
          <PhaseBadge phase={d.phases.at(-1)?.kind ?? 'blocked'} />
          <FindingBadges codes={[...new Set(d.findings.map((f) => f.code))]} />
        </li>
      ))}
    </ul>
  );
}

/** Several pods' timelines (`?uids=a,b,c`) stacked on one shared time axis. */
export function ComparePage({ cluster }: { cluster: string }) {
  const t = useTranslations('Timelines');
  const params = useSearchParams();
  const uids = useMemo(() => readCompareUids(params.get('uids')), [params]);
  const live = useLiveTimelines(cluster);
  const items = uids.map((uid) => ({ uid, version: live.get(uid)?.updatedAt ?? null }));
  const { details, failed } = useTimelines(cluster, items);
  if (uids.length === 0) {
    return (
      <Notice tone="inactive" title={t('noneChosen')}>
        {t('noneChosenBody')}
      </Notice>
    );
  }
  return (
    <div className="space-y-6">
      {failed > 0 ? (
        <Notice tone="failed" title={t('someFailed', { failed, total: uids.length })}>
          {t('someFailedBody')}
        </Notice>
      ) : null}
      {details.length === 0 ? (
        failed === uids.length ? null : (
          <Notice tone="inactive" title={t('loadingMany')} />
        )
      ) : (
        <>
          <PodList cluster={cluster} details={details} />
          <ChartSection details={details} />
          <Section id="compare-facts" title={t('facts')}>
            {details.map((d) => (
              <div key={d.uid} className="space-y-1">
                <h3 className="font-mono text-sm font-semibold">
                  {d.namespace}/{d.pod}
                </h3>
                <FactsTable detail={d} label={t('factsOf', { ref: `${d.namespace}/${d.pod}` })} />
              </div>
            ))}
          </Section>
        </>
      )}
    </div>
  );
}
