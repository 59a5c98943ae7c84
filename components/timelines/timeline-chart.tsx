'use client';

import { useLocale, useTranslations } from 'next-intl';

import { formatCountdown } from '@/lib/client/format-time';
import { laneWords, LANES, type ChartLayout, type ChartPod } from '@/lib/client/timeline-chart';
import type { TimelineFact } from '@/lib/domain/timelines';

import {
  Axis,
  AXIS_H,
  badgeShifts,
  LANE_H,
  labelLevels,
  laneY,
  Point,
  POD_H,
  useChartWords,
  WIDTH,
  x,
} from './chart-parts';

/** One pod's lanes, the grace window shaded, the deadline marked and its facts as points. */
function PodLanes({
  layout,
  pod,
  facts,
  top,
  now,
  showPod,
}: {
  layout: ChartLayout;
  pod: ChartPod;
  facts: readonly TimelineFact[];
  top: number;
  now: number | null;
  showPod: boolean;
}) {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  const locale = useLocale();
  const { labelOf } = useChartWords();
  const lanesTop = top + (showPod ? POD_H : 0);
  const lanesH = LANES.length * LANE_H;
  const labels = labelLevels(layout, pod, facts, labelOf);
  const badgeDx = badgeShifts(layout, pod);
  return (
    <g>
      {showPod ? (
        <text
          x={8}
          y={top + 18}
          fontSize={13}
          fontWeight={600}
          className="fill-zinc-900 font-mono dark:fill-zinc-100"
        >
          {pod.ref}
        </text>
      ) : null}
      {LANES.map((lane, i) => (
        <g key={lane}>
          <rect
            x={0}
            y={lanesTop + i * LANE_H}
            width={WIDTH}
            height={LANE_H}
            className={i % 2 === 0 ? 'fill-zinc-50 dark:fill-zinc-900' : 'fill-transparent'}
          />
          <text
            x={8}
            y={laneY(lanesTop, i) + 4}
            fontSize={12}
            className="fill-zinc-700 dark:fill-zinc-300"
          >
            {laneWords(lane, words)}
          </text>
        </g>
      ))}
      {pod.grace ? (
        <g className="text-state-progress">
          <rect
            x={x(layout, pod.grace.start)}
            y={lanesTop}
            width={Math.max(1, x(layout, pod.grace.deadline) - x(layout, pod.grace.start))}
            height={lanesH}
            fill="currentColor"
            fillOpacity={0.12}
          />
          <text
            x={x(layout, pod.grace.deadline) - 14}
            y={lanesTop + 12}
            textAnchor="end"
            fontSize={10}
            fill="currentColor"
          >
            {t('gracePeriod')}
          </text>
          <line
            x1={x(layout, pod.grace.deadline)}
            x2={x(layout, pod.grace.deadline)}
            y1={lanesTop}
            y2={lanesTop + lanesH}
            className="stroke-state-failed"
            strokeWidth={2}
            strokeDasharray="6 3"
          />
          <text
            x={x(layout, pod.grace.deadline) - 4}
            y={lanesTop + lanesH - 4}
            textAnchor="end"
            fontSize={11}
            className="fill-state-failed"
          >
            {now === null
              ? t('deadline')
              : t('deadlineIn', { countdown: formatCountdown(pod.grace.deadline, now, locale) })}
          </text>
        </g>
      ) : null}
      {pod.points.map((p, i) => {
        const fact = facts[p.index];
        if (!fact) return null;
        const y = laneY(lanesTop, LANES.indexOf(p.lane));
        return (
          <Point
            key={`${p.index}-${p.lane}`}
            layout={layout}
            point={p}
            fact={fact}
            y={y}
            level={labels[i] ?? null}
            badgeDx={badgeDx[i] ?? 0}
          />
        );
      })}
    </g>
  );
}

/**
 * The timeline chart: lanes per pod on one shared time axis. Decorative for assistive
 * technology (the Facts table carries every fact, its time, step and source).
 */
export function TimelineChart({
  layout,
  factsByPod,
  now,
}: {
  layout: ChartLayout;
  /** Each pod's facts by index, in the order of `layout.pods`. */
  factsByPod: readonly (readonly TimelineFact[])[];
  /** The clock while something is in progress (the "now" line and the countdown); else null. */
  now: number | null;
}) {
  const t = useTranslations('Timelines');
  const showPod = layout.pods.length > 1;
  const podH = LANES.length * LANE_H + (showPod ? POD_H : 0) + 8;
  const height = AXIS_H + layout.pods.length * podH;
  return (
    <svg
      aria-hidden="true"
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="w-full min-w-[900px] rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950"
    >
      <Axis layout={layout} height={height} />
      {layout.pods.map((pod, i) => (
        <PodLanes
          key={pod.uid}
          layout={layout}
          pod={pod}
          facts={factsByPod[i] ?? []}
          top={AXIS_H + i * podH}
          now={now}
          showPod={showPod}
        />
      ))}
      {now !== null && now <= layout.end ? (
        <g className="text-zinc-900 dark:text-zinc-100">
          <line
            x1={x(layout, now)}
            x2={x(layout, now)}
            y1={AXIS_H - 4}
            y2={height}
            stroke="currentColor"
            strokeWidth={1}
          />
          <text x={x(layout, now)} y={10} textAnchor="end" fontSize={10} fill="currentColor">
            {t('now')}
          </text>
        </g>
      ) : null}
    </svg>
  );
}
