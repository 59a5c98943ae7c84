'use client';

import { useLocale, useTranslations } from 'next-intl';

import { timeOf } from '@/lib/client/format-time';
import { findingStatus, findingWords, formatClock, phaseStatus } from '@/lib/client/timeline-words';
import { useNow } from '@/lib/client/use-now';
import { formatDuration } from '@/lib/domain/duration';
import type { Finding } from '@/lib/domain/timeline-findings';
import type { Phase } from '@/lib/domain/timeline-phases';

import { StatusBadge } from '../ui/status-badge';

function Clock({ iso }: { iso: string | null }) {
  const t = useTranslations('Timelines');
  const locale = useLocale();
  const ms = timeOf(iso);
  return <>{ms === null ? t('unknown') : formatClock(ms, locale)}</>;
}

function PhaseDuration({ phase }: { phase: Phase }) {
  const t = useTranslations('Timelines');
  const locale = useLocale();
  const now = useNow();
  const start = timeOf(phase.start);
  if (phase.end === null) {
    const ms = now !== null && start !== null ? now - start : phase.durationMs;
    return (
      <>
        {ms === null
          ? t('runningUnknown')
          : t('soFarDuration', { duration: formatDuration(ms, locale) })}
      </>
    );
  }
  return (
    <>
      {phase.durationMs === null ? t('durationUnknown') : formatDuration(phase.durationMs, locale)}
    </>
  );
}

/** The phases with their durations, in order of start (they overlap). */
export function PhaseList({ phases }: { phases: readonly Phase[] }) {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  if (phases.length === 0) return <p className="text-sm">{t('noPhase')}</p>;
  return (
    <ul aria-label={t('phases')} className="space-y-1 text-sm">
      {phases.map((p) => {
        const status = phaseStatus(p.kind, words);
        return (
          <li key={`${p.kind}-${p.start}`} className="flex flex-wrap items-center gap-2">
            <StatusBadge tone={status.tone} label={status.label} />
            <span className="tabular-nums">
              <PhaseDuration phase={p} />
            </span>
            <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
              <Clock iso={p.start} />
              {p.end === p.start ? null : (
                <>
                  {' → '}
                  {p.end === null ? t('now') : <Clock iso={p.end} />}
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** What went wrong, highlighted; "none" said in words. */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  const locale = useLocale();
  if (findings.length === 0) return <p className="text-sm">{t('noFindings')}</p>;
  return (
    <ul aria-label={t('findings')} className="space-y-2">
      {findings.map((f, i) => {
        const status = findingStatus(f.code, words);
        return (
          <li
            key={`${f.code}-${i}`}
            className="flex flex-wrap items-start gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800"
          >
            <StatusBadge tone={status.tone} label={status.label} />
            <span>{findingWords(f.parts, words, locale)}</span>
          </li>
        );
      })}
    </ul>
  );
}
