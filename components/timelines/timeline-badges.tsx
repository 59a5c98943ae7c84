import { useTranslations } from 'next-intl';

import { findingStatus, phaseStatus } from '@/lib/client/timeline-words';
import type { FindingCode } from '@/lib/domain/timeline-findings';
import type { PhaseKind } from '@/lib/domain/timeline-phases';

import { StatusBadge } from '../ui/status-badge';

/** A timeline's current phase in one word, its colour and icon. */
export function PhaseBadge({ phase }: { phase: PhaseKind }) {
  const words = useTranslations('TimelineWords');
  const status = phaseStatus(phase, words);
  return <StatusBadge tone={status.tone} label={status.label} />;
}

/** A timeline's findings as badges, or "none" (a list: a screen reader counts them). */
export function FindingBadges({ codes }: { codes: readonly FindingCode[] }) {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  if (codes.length === 0) {
    return <span className="text-zinc-500 dark:text-zinc-400">{t('noFindingBadge')}</span>;
  }
  return (
    <ul aria-label={t('findings')} className="flex flex-wrap gap-1">
      {codes.map((code) => {
        const status = findingStatus(code, words);
        return (
          <li key={code}>
            <StatusBadge tone={status.tone} label={status.label} />
          </li>
        );
      })}
    </ul>
  );
}
