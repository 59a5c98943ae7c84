import { useLocale, useTranslations } from 'next-intl';

import {
  offsetWords,
  position,
  type ChartLayout,
  type ChartPod,
  type ChartPoint,
} from '@/lib/client/timeline-chart';
import { factShortWords, factWords } from '@/lib/client/timeline-fact-words';
import { formatClock } from '@/lib/client/timeline-words';
import type { TimelineFact } from '@/lib/domain/timelines';

/** The timeline chart's pieces: geometry, the axis, a point, and where labels and badges go. */

/** Geometry, in the SVG's own units (it scales to the width it is given). */
export const WIDTH = 1200;
const LABEL_W = 180;
const PLOT_W = WIDTH - LABEL_W - 40;
export const AXIS_H = 34;
export const LANE_H = 64;
export const POD_H = 26;

export const x = (layout: ChartLayout, ms: number) => LABEL_W + position(layout, ms) * PLOT_W;

/** A point's label below it: its fact in short, and whether it was observed. */
export type LabelOf = (point: ChartPoint, fact: TimelineFact) => string;

/** The chart's words in the interface's language: a point's label, its tooltip. */
export function useChartWords() {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  const locale = useLocale();
  const labelOf: LabelOf = (point, fact) =>
    point.isKnown
      ? factShortWords(fact, words)
      : t('labelNotObserved', { label: factShortWords(fact, words) });
  const titleOf = (point: ChartPoint, fact: TimelineFact) =>
    t('pointTitle', {
      when: point.isKnown ? formatClock(point.ms, locale) : t('notObserved'),
      fact: factWords(fact, words, locale),
    });
  return { labelOf, titleOf };
}

export function Axis({ layout, height }: { layout: ChartLayout; height: number }) {
  const words = useTranslations('TimelineWords');
  return (
    <g className="text-zinc-500 dark:text-zinc-400">
      {layout.ticks.map((t) => (
        <g key={t}>
          <line
            x1={x(layout, t)}
            x2={x(layout, t)}
            y1={AXIS_H - 6}
            y2={height}
            stroke="currentColor"
            strokeOpacity={0.25}
          />
          <text
            x={x(layout, t)}
            y={AXIS_H - 12}
            textAnchor="middle"
            fontSize={12}
            fill="currentColor"
          >
            {offsetWords(t - layout.start, words)}
          </text>
        </g>
      ))}
    </g>
  );
}

export function Point({
  layout,
  point,
  fact,
  y,
  level,
  badgeDx,
}: {
  layout: ChartLayout;
  point: ChartPoint;
  fact: TimelineFact;
  y: number;
  /** Which line below the point its label goes on; null: no room (the tooltip has it). */
  level: number | null;
  /** How far the step badge moves right, clear of the previous one on the lane. */
  badgeDx: number;
}) {
  const { labelOf, titleOf } = useChartWords();
  const cx = x(layout, point.ms);
  const tone = point.isFlagged ? 'text-state-failed' : 'text-state-progress';
  return (
    <g className={tone}>
      <title>{titleOf(point, fact)}</title>
      {point.isFlagged ? (
        <circle cx={cx} cy={y} r={10} fill="none" stroke="currentColor" strokeWidth={2} />
      ) : null}
      <circle
        cx={cx}
        cy={y}
        r={6}
        fill={point.isKnown ? 'currentColor' : undefined}
        className={point.isKnown ? undefined : 'fill-white dark:fill-zinc-950'}
        stroke="currentColor"
        strokeWidth={2}
        strokeDasharray={point.isKnown ? undefined : '2 2'}
      />
      {point.step ? (
        <g>
          <circle
            cx={cx + badgeDx}
            cy={y - 20}
            r={9}
            className="fill-zinc-900 dark:fill-zinc-100"
          />
          <text
            x={cx + badgeDx}
            y={y - 16}
            textAnchor="middle"
            fontSize={11}
            fontWeight={700}
            className="fill-white dark:fill-zinc-900"
          >
            {point.step.n}
          </text>
        </g>
      ) : null}
      {level === null ? null : (
        <text
          x={cx}
          y={y + 19 + level * 11}
          textAnchor="middle"
          fontSize={10}
          className="fill-zinc-700 dark:fill-zinc-300"
        >
          {labelOf(point, fact)}
        </text>
      )}
    </g>
  );
}

/** Label lines below a lane's points: each label on the first free line, else none. */
const LABEL_LINES = 2;
const CHAR_W = 5.6;

/** About how wide a label is: a CJK character takes two Latin ones' room. */
const labelWidth = (label: string) =>
  [...label].reduce((w, c) => w + (c >= '\u2e80' ? 2 : 1) * CHAR_W, 0);

export function labelLevels(
  layout: ChartLayout,
  pod: ChartPod,
  facts: readonly TimelineFact[],
  labelOf: LabelOf,
): (number | null)[] {
  const rightEdges = new Map<string, number[]>();
  return pod.points.map((p) => {
    const fact = facts[p.index];
    if (!fact) return null;
    const half = labelWidth(labelOf(p, fact)) / 2;
    const cx = x(layout, p.ms);
    const edges = rightEdges.get(p.lane) ?? Array<number>(LABEL_LINES).fill(-Infinity);
    rightEdges.set(p.lane, edges);
    const level = edges.findIndex((edge) => cx - half > edge + 4);
    if (level === -1) return null;
    edges[level] = cx + half;
    return level;
  });
}

/** Step badges of a lane side by side: each at least a badge's width right of the previous. */
export function badgeShifts(layout: ChartLayout, pod: ChartPod): number[] {
  const lastRight = new Map<string, number>();
  return pod.points.map((p) => {
    if (!p.step) return 0;
    const cx = x(layout, p.ms);
    const at = Math.max(cx, (lastRight.get(p.lane) ?? -Infinity) + 19);
    lastRight.set(p.lane, at);
    return at - cx;
  });
}

export function laneY(top: number, laneIndex: number) {
  return top + laneIndex * LANE_H + 30;
}
