'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { podHref } from '@/lib/client/evictions-request';
import { timeOf } from '@/lib/client/format-time';
import { timelineExportUrl } from '@/lib/client/timelines-api';
import { attributionWords } from '@/lib/client/timeline-words';
import type { TimelineDetail } from '@/lib/domain/timeline-summary';

import { Countdown } from '../ui/countdown';
import { LINK } from './links';
import { PhaseBadge } from './timeline-badges';

/** The phase the pod is in: a running blocked or terminating phase, else the furthest reached. */
function currentPhase(detail: TimelineDetail) {
  const running = detail.phases.find(
    (p) => p.end === null && (p.kind === 'blocked' || p.kind === 'terminating'),
  );
  return running?.kind ?? detail.phases.at(-1)?.kind ?? 'blocked';
}

/** Whether a phase still runs (the chart then reaches now). */
export const isInProgress = (detail: TimelineDetail) =>
  detail.phases.length === 0 || detail.phases.some((p) => p.end === null);

/** The deadline in force while the pod terminates (the countdown's target), else null. */
function runningDeadline(detail: TimelineDetail): { ms: number; grace: number } | null {
  const terminating = detail.phases.find((p) => p.kind === 'terminating' && p.end === null);
  const deletion = detail.facts.findLast((f) => f.kind === 'deletion-started');
  if (!terminating || deletion?.kind !== 'deletion-started') return null;
  const ms = timeOf(deletion.deadline);
  return ms === null ? null : { ms, grace: deletion.gracePeriodSeconds };
}

/** The heading, who and what now, the grace countdown, and the export. */
export function TimelineHeader({ cluster, detail }: { cluster: string; detail: TimelineDetail }) {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  const deadline = runningDeadline(detail);
  return (
    <div className="space-y-2">
      <h1 className="font-mono text-2xl font-semibold tracking-tight break-all">
        {t('header.title', { ref: `${detail.namespace}/${detail.pod}` })}
      </h1>
      <dl className="flex flex-wrap items-center gap-x-6 gap-y-1 text-sm">
        <div className="flex items-center gap-2">
          <dt className="font-medium">{t('header.phase')}</dt>
          <dd>
            <PhaseBadge phase={currentPhase(detail)} />
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-medium">{t('header.startedBy')}</dt>
          <dd>{attributionWords(detail.attribution, words)}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-medium">{t('header.owner')}</dt>
          <dd>{detail.owner === null ? t('none') : `${detail.owner.kind}/${detail.owner.name}`}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-medium">{t('header.node')}</dt>
          <dd>{detail.node ?? t('unscheduled')}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-medium">{t('header.grace')}</dt>
          <dd className="tabular-nums">
            {t('header.seconds', { seconds: String(detail.terminationGracePeriodSeconds) })}
          </dd>
        </div>
      </dl>
      {deadline === null ? null : (
        <p
          role="timer"
          aria-label={t('header.countdown')}
          className="text-sm font-medium text-state-progress"
        >
          {t.rich('header.terminating', {
            seconds: String(deadline.grace),
            countdown: () => <Countdown deadline={deadline.ms} />,
          })}
        </p>
      )}
      <p className="flex flex-wrap gap-4 text-sm">
        <a href={timelineExportUrl(cluster, detail.uid)} download className={LINK}>
          {t('header.export')}
        </a>
        <Link href={podHref(cluster, detail.namespace, detail.pod)} className={LINK}>
          {t('header.podPage')}
        </Link>
      </p>
    </div>
  );
}
