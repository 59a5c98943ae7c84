import { formatDuration } from '@/lib/domain/duration';
import type {
  FindingCode,
  FindingParts,
  SlowBasis,
  StuckCause,
} from '@/lib/domain/timeline-findings';
import type { TimelineSummary } from '@/lib/domain/timeline-summary';
import type { PhaseKind } from '@/lib/domain/timeline-phases';
import type { Attribution, FactTimeSource } from '@/lib/domain/timelines';

import { english, type WordsT } from './english';
import type { Tone } from './pod-status';

/** The `TimelineWords` messages in the interface's language (`useTranslations('TimelineWords')`). */
export type TimelineT = WordsT<'TimelineWords'>;

/** English, for callers outside React and for tests: the same messages as the interface. */
export const ENGLISH = english('TimelineWords');

/** Who started a pod's termination, in words. */
export const attributionWords = (attribution: Attribution, t: TimelineT = ENGLISH): string =>
  t(`attribution.${attribution}`);

/** A phase in one word and its colour (ui.md's one map). */
export interface PhaseStatus {
  readonly label: string;
  readonly tone: Tone;
}

/**
 * Blocked (rejected before admission, mostly by a budget) waits (amber), terminating is in
 * progress (blue), the replacement starting is expected to pass (amber), a pod gone or replaced
 * by a Ready one is done (green).
 */
const PHASE_TONE: Readonly<Record<PhaseKind, Tone>> = {
  blocked: 'waiting',
  terminating: 'progress',
  gone: 'healthy',
  'replacement-starting': 'waiting',
  'replacement-ready': 'healthy',
};

export const phaseStatus = (phase: PhaseKind, t: TimelineT = ENGLISH): PhaseStatus => ({
  label: t(`phase.${phase}`),
  tone: PHASE_TONE[phase],
});

/** A finding's colour: a kill or a stuck pod is red, a risk amber. */
const FINDING_TONE: Readonly<Record<FindingCode, Tone>> = {
  'killed-at-deadline': 'failed',
  'endpoint-after-sigterm': 'waiting',
  'past-deadline': 'failed',
  'replacement-slow': 'waiting',
  'not-observed': 'inactive',
};

/** A finding in a few words and its colour. */
export const findingStatus = (code: FindingCode, t: TimelineT = ENGLISH): PhaseStatus => ({
  label: t(`finding.${code}`),
  tone: FINDING_TONE[code],
});

/** Where a fact's time comes from, in words. */
export const sourceWords = (source: FactTimeSource, t: TimelineT = ENGLISH): string =>
  t(`source.${source}`);

/**
 * A time of day with milliseconds ("10:00:30.000"), in the operator's zone and `locale`: the
 * cluster's own times are whole seconds, the dashboard's observations are not.
 */
export function formatClock(ms: number, locale: string = 'en'): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hourCycle: 'h23',
  }).format(ms);
}

/** "a", "a and b", "a, b and c" (in Japanese "a、b、c"). */
function listWords(words: readonly string[], t: TimelineT): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(t('findingText.listSeparator'))}${t('findingText.listLast')}${words.at(-1) ?? ''}`;
}

function causeWords(cause: StuckCause, isDeleted: boolean, t: TimelineT): string {
  switch (cause.kind) {
    case 'finalizers': {
      const values = { count: cause.finalizers.length, names: cause.finalizers.join(', ') };
      return isDeleted
        ? t('findingText.finalizersHeld', values)
        : t('findingText.finalizersHold', values);
    }
    case 'containers-running':
      return isDeleted ? t('findingText.stoppingLate') : t('findingText.notStopped');
    case 'not-deleted':
      return isDeleted ? t('findingText.deletingLate') : t('findingText.notDeleted');
  }
}

function basisWords(basis: SlowBasis, t: TimelineT, locale: string): string {
  switch (basis.kind) {
    case 'no-owner-data':
      return t('findingText.noOwnerData');
    case 'twice-median':
      return t('findingText.twiceMedian', { median: formatDuration(basis.medianMs, locale) });
    case 'floor':
      return t('findingText.floor', {
        median: formatDuration(basis.medianMs, locale),
        floor: formatDuration(30_000, locale),
      });
  }
}

/** What a finding says, from its parts, in `t`'s language (durations in `locale`). */
export function findingWords(
  parts: FindingParts,
  t: TimelineT = ENGLISH,
  locale: string = 'en',
): string {
  const duration = (ms: number) => formatDuration(ms, locale);
  switch (parts.code) {
    case 'killed-at-deadline':
      return t('findingText.killed', {
        container: parts.container,
        grace: duration(parts.graceMs),
      });
    case 'endpoint-after-sigterm': {
      const service =
        parts.service === null ? '' : t('findingText.service', { service: parts.service });
      return t('findingText.endpoint', {
        slice: parts.slice,
        service,
        delay: duration(parts.delayMs),
      });
    }
    case 'past-deadline': {
      const values = {
        late: duration(parts.lateMs),
        cause: causeWords(parts.cause, parts.isDeleted, t),
      };
      return parts.isDeleted
        ? t('findingText.deletedLate', values)
        : t('findingText.stillThere', values);
    }
    case 'replacement-slow': {
      const values = {
        pod: parts.pod,
        took: duration(parts.tookMs),
        expected: duration(parts.expectedMs),
        basis: basisWords(parts.basis, t, locale),
      };
      return parts.isReady
        ? t('findingText.slowReady', values)
        : t('findingText.slowNotReady', values);
    }
    case 'not-observed':
      return t('findingText.notObserved', {
        steps: listWords(
          parts.steps.map((kind) => t(`steps.${kind}`)),
          t,
        ),
        count: parts.steps.length,
      });
  }
}

/**
 * What changed among the timelines between two states, in one sentence for a polite status
 * region: a timeline that started, or one whose phase changed or that gained a finding. null
 * when nothing worth saying changed (a duration is not announced: the table shows it).
 */
export function timelineChangeWords(
  before: ReadonlyMap<string, TimelineSummary>,
  after: ReadonlyMap<string, TimelineSummary>,
  t: TimelineT = ENGLISH,
): string | null {
  if (before === after) return null;
  const sentences: string[] = [];
  for (const summary of after.values()) {
    const previous = before.get(summary.uid);
    const ref = `${summary.namespace}/${summary.pod}`;
    const phase = t(`phase.${summary.current}`);
    if (previous === undefined) sentences.push(t('changed.started', { ref, phase }));
    else if (previous.current !== summary.current)
      sentences.push(t('changed.phase', { ref, phase }));
    const added = summary.findings.filter((code) => !(previous?.findings.includes(code) ?? false));
    for (const code of added) {
      sentences.push(t('changed.finding', { ref, finding: t(`finding.${code}`) }));
    }
  }
  return sentences.length === 0 ? null : sentences.join(' ');
}
