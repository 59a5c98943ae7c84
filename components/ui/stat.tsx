import { useFormatter } from 'next-intl';

import type { Tone } from '@/lib/client/pod-status';

import { TONE_ICON, TONE_TEXT } from './tone';

/** One headline number with its meaning, for a `<dl>`; 0 is shown as 0. */
export function Stat({ label, value, tone }: { label: string; value: number; tone?: Tone }) {
  const format = useFormatter();
  return (
    <div className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="flex items-baseline gap-1.5 text-2xl font-semibold tabular-nums">
        {tone === undefined ? null : (
          <span aria-hidden="true" className={`text-base ${TONE_TEXT[tone]}`}>
            {TONE_ICON[tone]}
          </span>
        )}
        {format.number(value)}
      </dd>
    </div>
  );
}
