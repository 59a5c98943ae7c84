import type { FindingCode } from '@/lib/domain/timeline-findings';
import type { TimelineSummary } from '@/lib/domain/timeline-summary';
import type { PhaseKind } from '@/lib/domain/timeline-phases';
import type { Attribution, FactTimeSource } from '@/lib/domain/timelines';

import type { Tone } from './pod-status';

/** Who started a pod's termination, in words. */
export const ATTRIBUTION_WORDS: Readonly<Record<Attribution, string>> = {
  drainboard: 'Drainboard',
  'eviction-api': 'Eviction API (another client)',
  preemption: 'Preemption',
  'taint-manager': 'Taint manager',
  kubelet: 'Kubelet',
  'pod-gc': 'Pod GC',
  deletion: 'Deletion',
  unknown: 'Unknown',
};

/** A phase in one word and its colour (ui.md's one map). */
export interface PhaseStatus {
  readonly label: string;
  readonly tone: Tone;
}

/**
 * Blocked (rejected before admission, mostly by a budget) waits (amber), terminating is in progress (blue), the replacement
 * starting is expected to pass (amber), a pod gone or replaced by a Ready one is done (green).
 */
export const PHASE_STATUS: Readonly<Record<PhaseKind, PhaseStatus>> = {
  blocked: { label: 'Blocked', tone: 'waiting' },
  terminating: { label: 'Terminating', tone: 'progress' },
  gone: { label: 'Gone', tone: 'healthy' },
  'replacement-starting': { label: 'Replacement starting', tone: 'waiting' },
  'replacement-ready': { label: 'Replacement ready', tone: 'healthy' },
};

/** A finding in a few words and its colour: a kill or a stuck pod is red, a risk amber. */
export const FINDING_STATUS: Readonly<Record<FindingCode, PhaseStatus>> = {
  'killed-at-deadline': { label: 'Killed at deadline', tone: 'failed' },
  'endpoint-after-sigterm': { label: 'Traffic after SIGTERM', tone: 'waiting' },
  'past-deadline': { label: 'Stuck terminating', tone: 'failed' },
  'replacement-slow': { label: 'Replacement slow', tone: 'waiting' },
  'not-observed': { label: 'Not observed', tone: 'inactive' },
};

/** Where a fact's time comes from, in words. */
export const SOURCE_WORDS: Readonly<Record<FactTimeSource, string>> = {
  cluster: 'cluster',
  observed: 'observed',
  'not-observed': 'not observed',
};

/**
 * A time of day with milliseconds ("10:00:30.000"), in the operator's zone: the cluster's own
 * times are whole seconds, the dashboard's observations are not.
 */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/**
 * What changed among the timelines between two states, in one sentence for a polite status
 * region: a timeline that started, or one whose phase changed or that gained a finding. null
 * when nothing worth saying changed (a duration is not announced: the table shows it).
 */
export function timelineChangeWords(
  before: ReadonlyMap<string, TimelineSummary>,
  after: ReadonlyMap<string, TimelineSummary>,
): string | null {
  if (before === after) return null;
  const sentences: string[] = [];
  for (const t of after.values()) {
    const previous = before.get(t.uid);
    const ref = `${t.namespace}/${t.pod}`;
    const phase = PHASE_STATUS[t.current].label;
    if (previous === undefined) sentences.push(`Timeline started: ${ref}, ${phase}.`);
    else if (previous.current !== t.current) sentences.push(`${ref}: ${phase}.`);
    const added = t.findings.filter((code) => !(previous?.findings.includes(code) ?? false));
    for (const code of added) sentences.push(`${ref}: ${FINDING_STATUS[code].label}.`);
  }
  return sentences.length === 0 ? null : sentences.join(' ');
}
