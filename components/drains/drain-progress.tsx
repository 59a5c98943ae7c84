import { useTranslations } from 'next-intl';

import { progressText } from '@/lib/client/drain-words';
import type { Tone } from '@/lib/client/pod-status';
import type { DrainCounts } from '@/lib/domain/drains';

const FILL: Record<Tone, string> = {
  healthy: 'bg-state-healthy',
  waiting: 'bg-state-waiting',
  progress: 'bg-state-progress',
  failed: 'bg-state-failed',
  inactive: 'bg-state-inactive',
};

function Bar({
  label,
  done,
  total,
  tone,
}: {
  label: string;
  done: number;
  total: number;
  tone: Tone;
}) {
  const percent = total === 0 ? 0 : Math.min(100, Math.round((done / total) * 100));
  const tw = useTranslations('DrainWords');
  const text = progressText(done, total, tw);
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums">{text}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={text}
        className="h-2.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className={`h-full ${FILL[tone]}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** The drain's three stages as bars: evictions accepted, pods gone, replacements Ready. */
export function DrainProgress({ counts }: { counts: DrainCounts }) {
  const t = useTranslations('Drains.progress');
  const { total, accepted, gone, replacements, ready } = counts;
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Bar label={t('accepted')} done={accepted} total={total} tone="progress" />
      <Bar label={t('gone')} done={gone} total={total} tone="healthy" />
      <Bar label={t('ready')} done={ready} total={replacements} tone="healthy" />
    </div>
  );
}
