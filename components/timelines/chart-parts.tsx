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

export function Axis({ layout, height }: { layout: ChartLayout; height: number }) {
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
            {offsetWords(t - layout.start)}
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
  const cx = x(layout, point.ms);
  const tone = point.isFlagged ? 'text-state-failed' : 'text-state-progress';
  const when = point.isKnown ? formatClock(point.ms) : 'not observed';
  return (
    <g className={tone}>
      <title>{`${when} — ${factWords(fact)}`}</title>
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

const labelOf = (point: ChartPoint, fact: TimelineFact) =>
  point.isKnown ? factShortWords(fact) : `${factShortWords(fact)} (not observed)`;

/** Label lines below a lane's points: each label on the first free line, else none. */
const LABEL_LINES = 2;
const CHAR_W = 5.6;

export function labelLevels(
  layout: ChartLayout,
  pod: ChartPod,
  facts: readonly TimelineFact[],
): (number | null)[] {
  const rightEdges = new Map<string, number[]>();
  return pod.points.map((p) => {
    const fact = facts[p.index];
    if (!fact) return null;
    const half = (labelOf(p, fact).length * CHAR_W) / 2;
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
