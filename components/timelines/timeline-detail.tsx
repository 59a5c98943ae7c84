'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo, type ReactNode } from 'react';

import { chartLayout, STEPS, stepWords } from '@/lib/client/timeline-chart';
import { formatClock } from '@/lib/client/timeline-words';
import { useNow } from '@/lib/client/use-now';
import type { TimelineDetail } from '@/lib/domain/timeline-summary';

import { FactsTable } from './facts-table';
import { isInProgress, TimelineHeader } from './timeline-header';
import { TimelineChart } from './timeline-chart';
import { FindingList, PhaseList } from './timeline-summary-parts';

export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The six steps, where the chart numbers them, in words (the chart is decorative). */
function StepLegend() {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  return (
    <ol
      aria-label={t('steps')}
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300"
    >
      {STEPS.map((n) => {
        const step = stepWords({ n, isStopped: false }, words);
        return (
          <li key={n}>
            <span className="font-bold">{n}</span> {n === 4 ? t('step4', { step }) : step}
          </li>
        );
      })}
    </ol>
  );
}

/** A chart of one or more timelines, with its legend: lanes, grace window, deadline, steps. */
export function ChartSection({ details }: { details: readonly TimelineDetail[] }) {
  const t = useTranslations('Timelines');
  const locale = useLocale();
  const inProgress = details.some(isInProgress);
  const clock = useNow();
  const now = inProgress ? clock : null;
  const layout = useMemo(() => chartLayout(details, now, inProgress), [details, now, inProgress]);
  const facts = useMemo(() => details.map((d) => d.facts), [details]);
  return (
    <Section id="timeline-chart" title={t('chart')}>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {t('chartHelp', { time: formatClock(layout.start, locale) })}
      </p>
      <div className="overflow-x-auto">
        <TimelineChart layout={layout} factsByPod={facts} now={now} />
      </div>
      <StepLegend />
    </Section>
  );
}

/** One pod's timeline: who, phase, countdown, findings, phases, the chart and every fact. */
export function TimelineDetailView({
  cluster,
  detail,
}: {
  cluster: string;
  detail: TimelineDetail;
}) {
  const t = useTranslations('Timelines');
  const details = useMemo(() => [detail], [detail]);
  return (
    <div className="space-y-6">
      <TimelineHeader cluster={cluster} detail={detail} />
      <Section id="timeline-findings" title={t('findings')}>
        <FindingList findings={detail.findings} />
      </Section>
      <Section id="timeline-phases" title={t('phases')}>
        <PhaseList phases={detail.phases} />
      </Section>
      <ChartSection details={details} />
      <Section id="timeline-facts" title={t('facts')}>
        <FactsTable detail={detail} />
      </Section>
    </div>
  );
}
