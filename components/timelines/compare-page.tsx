'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
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
  return (
    <ul aria-label="Compared pods" className="space-y-1 text-sm">
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
  const params = useSearchParams();
  const uids = useMemo(() => readCompareUids(params.get('uids')), [params]);
  const live = useLiveTimelines(cluster);
  const items = uids.map((uid) => ({ uid, version: live.get(uid)?.updatedAt ?? null }));
  const { details, failed } = useTimelines(cluster, items);
  if (uids.length === 0) {
    return (
      <Notice tone="inactive" title="No timeline chosen">
        Select two or more rows in Timelines and choose “Compare selected”.
      </Notice>
    );
  }
  return (
    <div className="space-y-6">
      {failed > 0 ? (
        <Notice tone="failed" title={`${failed} of ${uids.length} timelines could not be loaded`}>
          They may have expired. The others are shown.
        </Notice>
      ) : null}
      {details.length === 0 ? (
        failed === uids.length ? null : (
          <Notice tone="inactive" title="Loading the timelines…" />
        )
      ) : (
        <>
          <PodList cluster={cluster} details={details} />
          <ChartSection details={details} />
          <Section id="compare-facts" title="Facts">
            {details.map((d) => (
              <div key={d.uid} className="space-y-1">
                <h3 className="font-mono text-sm font-semibold">
                  {d.namespace}/{d.pod}
                </h3>
                <FactsTable detail={d} label={`Facts of ${d.namespace}/${d.pod}`} />
              </div>
            ))}
          </Section>
        </>
      )}
    </div>
  );
}
