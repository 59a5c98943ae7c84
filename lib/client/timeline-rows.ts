import type { TimelineSummary } from '@/lib/domain/timeline-summary';

import { compareText, inOrder } from './compare-text';
import { timeOf } from './format-time';
import { readNamespace, type ParamReader } from './pod-query';

/**
 * What the Timelines view shows, read from the URL so that every filter deep-links:
 * `?namespace=&node=&owner=&inProgress=1`. Absent values mean "all".
 */
export interface TimelineQuery {
  readonly namespace: string | null;
  readonly node: string | null;
  /** The owner's name (the pod's controller, a ReplicaSet or StatefulSet…). */
  readonly owner: string | null;
  readonly inProgressOnly: boolean;
}

const nonEmpty = (value: string | null) =>
  value === null || value.trim() === '' ? null : value.trim();

export function readTimelineQuery(params: ParamReader): TimelineQuery {
  return {
    namespace: readNamespace(params),
    node: nonEmpty(params.get('node')),
    owner: nonEmpty(params.get('owner')),
    inProgressOnly: params.get('inProgress') === '1',
  };
}

/** One timeline as the Timelines view lists it. */
export interface TimelineRow {
  readonly summary: TimelineSummary;
  /** `namespace/pod`, the row's name in its controls' labels. */
  readonly ref: string;
  readonly startedAt: number | null;
  readonly updatedAt: number | null;
}

function matches(q: TimelineQuery, t: TimelineSummary): boolean {
  return (
    (q.namespace === null || t.namespace === q.namespace) &&
    (q.node === null || t.node === q.node) &&
    (q.owner === null || t.owner?.name === q.owner) &&
    (!q.inProgressOnly || t.inProgress)
  );
}

const newestFirst = (a: TimelineRow, b: TimelineRow) => (b.startedAt ?? 0) - (a.startedAt ?? 0);

/** The timelines the query selects, newest first (by start; ties by pod). */
export function timelineRows(
  timelines: Iterable<TimelineSummary>,
  query: TimelineQuery,
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const summary of timelines) {
    if (!matches(query, summary)) continue;
    rows.push({
      summary,
      ref: `${summary.namespace}/${summary.pod}`,
      startedAt: timeOf(summary.startedAt),
      updatedAt: timeOf(summary.updatedAt),
    });
  }
  return rows.sort(inOrder(newestFirst, (a, b) => compareText(a.ref, b.ref)));
}

/** The nodes and owners the timelines name, sorted, for the filters' choices. */
export function timelineChoices(timelines: Iterable<TimelineSummary>): {
  nodes: string[];
  owners: string[];
} {
  const nodes = new Set<string>();
  const owners = new Set<string>();
  for (const t of timelines) {
    if (t.node !== null) nodes.add(t.node);
    if (t.owner !== null) owners.add(t.owner.name);
  }
  return { nodes: [...nodes].sort(compareText), owners: [...owners].sort(compareText) };
}

/**
 * The duration to show: while in progress, from the start until now (ticking); once over, the
 * summary's total. null when a boundary was not observed (or the clock is not running yet).
 */
export function liveDurationMs(row: TimelineRow, now: number | null): number | null {
  const { summary } = row;
  if (summary.totalMs === null) return null;
  if (!summary.inProgress) return summary.totalMs;
  if (now === null || row.startedAt === null) return summary.totalMs;
  return Math.max(summary.totalMs, now - row.startedAt);
}

/**
 * The live timeline of a pod: by UID when the pod is known (a pod recreated under its name is
 * another pod), else (the pod is gone) the newest one of its namespace and name.
 */
export function timelineOfPod(
  timelines: ReadonlyMap<string, TimelineSummary>,
  pod: { uid?: string | null; namespace: string; name: string },
): TimelineSummary | null {
  if (pod.uid) return timelines.get(pod.uid) ?? null;
  let found: TimelineSummary | null = null;
  for (const t of timelines.values()) {
    if (t.namespace !== pod.namespace || t.pod !== pod.name) continue;
    if (found === null || (timeOf(t.startedAt) ?? 0) > (timeOf(found.startedAt) ?? 0)) found = t;
  }
  return found;
}
