'use client';

import { FINDING_STATUS, formatClock, PHASE_STATUS } from '@/lib/client/timeline-words';
import { timeOf } from '@/lib/client/format-time';
import { useNow } from '@/lib/client/use-now';
import { formatDuration } from '@/lib/domain/duration';
import type { Finding } from '@/lib/domain/timeline-findings';
import type { Phase } from '@/lib/domain/timeline-phases';

import { StatusBadge } from '../ui/status-badge';

function clock(iso: string | null): string {
  const ms = timeOf(iso);
  return ms === null ? 'unknown' : formatClock(ms);
}

function PhaseDuration({ phase }: { phase: Phase }) {
  const now = useNow();
  const start = timeOf(phase.start);
  if (phase.end === null) {
    const ms = now !== null && start !== null ? now - start : phase.durationMs;
    return <>{ms === null ? 'running, duration unknown' : `${formatDuration(ms)} so far`}</>;
  }
  return <>{phase.durationMs === null ? 'duration unknown' : formatDuration(phase.durationMs)}</>;
}

/** The phases with their durations, in order of start (they overlap). */
export function PhaseList({ phases }: { phases: readonly Phase[] }) {
  if (phases.length === 0) return <p className="text-sm">No phase has started yet.</p>;
  return (
    <ul aria-label="Phases" className="space-y-1 text-sm">
      {phases.map((p) => (
        <li key={`${p.kind}-${p.start}`} className="flex flex-wrap items-center gap-2">
          <StatusBadge tone={PHASE_STATUS[p.kind].tone} label={PHASE_STATUS[p.kind].label} />
          <span className="tabular-nums">
            <PhaseDuration phase={p} />
          </span>
          <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
            {clock(p.start)}
            {p.end === p.start ? '' : ` → ${p.end === null ? 'now' : clock(p.end)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What went wrong, highlighted; "none" said in words. */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) {
    return <p className="text-sm">No findings: nothing went wrong that the facts show.</p>;
  }
  return (
    <ul aria-label="Findings" className="space-y-2">
      {findings.map((f, i) => {
        const status = FINDING_STATUS[f.code];
        return (
          <li
            key={`${f.code}-${i}`}
            className="flex flex-wrap items-start gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800"
          >
            <StatusBadge tone={status.tone} label={status.label} />
            <span>{f.text}</span>
          </li>
        );
      })}
    </ul>
  );
}
