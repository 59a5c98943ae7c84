import { FINDING_STATUS, PHASE_STATUS } from '@/lib/client/timeline-words';
import type { FindingCode } from '@/lib/domain/timeline-findings';
import type { PhaseKind } from '@/lib/domain/timeline-phases';

import { StatusBadge } from '../ui/status-badge';

/** A timeline's current phase in one word, its colour and icon. */
export function PhaseBadge({ phase }: { phase: PhaseKind }) {
  const status = PHASE_STATUS[phase];
  return <StatusBadge tone={status.tone} label={status.label} />;
}

/** A timeline's findings as badges, or "none" (a list: a screen reader counts them). */
export function FindingBadges({ codes }: { codes: readonly FindingCode[] }) {
  if (codes.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">none</span>;
  return (
    <ul aria-label="Findings" className="flex flex-wrap gap-1">
      {codes.map((code) => (
        <li key={code}>
          <StatusBadge tone={FINDING_STATUS[code].tone} label={FINDING_STATUS[code].label} />
        </li>
      ))}
    </ul>
  );
}
