import { useTranslations } from 'next-intl';

import type { Tone } from '@/lib/client/pod-status';

import { TONE_ICON, TONE_TEXT } from '../ui/tone';

const TONES: Tone[] = ['healthy', 'waiting', 'progress', 'failed', 'inactive'];

/** What the node map's colours and marks mean. */
export function MapLegend() {
  const t = useTranslations('MapLegend');
  return (
    <ul
      aria-label={t('name')}
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300"
    >
      {TONES.map((tone) => (
        <li key={tone}>
          <span aria-hidden="true" className={`mr-1 font-semibold ${TONE_TEXT[tone]}`}>
            {TONE_ICON[tone]}
          </span>
          {t(tone)}
        </li>
      ))}
      <li>
        <span aria-hidden="true" className="mr-1 font-semibold text-state-waiting">
          ⊘
        </span>
        {t('blocked')}
      </li>
    </ul>
  );
}
