'use client';

import { useMemo, type ReactNode } from 'react';

import { chartLayout, STEP_WORDS } from '@/lib/client/timeline-chart';
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
  return (
    <ol
      aria-label="Steps"
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300"
    >
      {[1, 2, 3, 4, 5, 6].map((n) => (
        <li key={n}>
          <span className="font-bold">{n}</span>{' '}
          {n === 4 ? `${STEP_WORDS[4]} (or containers stopped)` : STEP_WORDS[n]}
        </li>
      ))}
    </ol>
  );
}

/** A chart of one or more timelines, with its legend: lanes, grace window, deadline, steps. */
export function ChartSection({ details }: { details: readonly TimelineDetail[] }) {
  const inProgress = details.some(isInProgress);
  const clock = useNow();
  const now = inProgress ? clock : null;
  const layout = useMemo(() => chartLayout(details, now, inProgress), [details, now, inProgress]);
  const facts = useMemo(() => details.map((d) => d.facts), [details]);
  return (
    <Section id="timeline-chart" title="Chart">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Times from {formatClock(layout.start)}. Shaded: the grace window, to the deadline (dashed
        line). Hollow points were not observed; ringed points are named by a finding. Every fact is
        also in the Facts table.
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
  const details = useMemo(() => [detail], [detail]);
  return (
    <div className="space-y-6">
      <TimelineHeader cluster={cluster} detail={detail} />
      <Section id="timeline-findings" title="Findings">
        <FindingList findings={detail.findings} />
      </Section>
      <Section id="timeline-phases" title="Phases">
        <PhaseList phases={detail.phases} />
      </Section>
      <ChartSection details={details} />
      <Section id="timeline-facts" title="Facts">
        <FactsTable detail={detail} />
      </Section>
    </div>
  );
}
