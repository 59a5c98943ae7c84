import { useTranslations } from 'next-intl';

import type { RetryActionWords } from '@/lib/client/retries-words';

import { TONE_ICON, TONE_SURFACE, TONE_TEXT } from '../ui/tone';

/**
 * The result of the last "Retry now" or "Cancel", in words, with the server's reason for a
 * refusal. The status region is always there (empty before the first action), so that screen
 * readers announce each result as it arrives.
 */
export function RetryActionResult({ words }: { words: RetryActionWords | null }) {
  const t = useTranslations('Retries');
  return (
    <div
      role="status"
      aria-label={t('actionResult')}
      className={
        words === null ? '' : `rounded-md border px-4 py-3 text-sm ${TONE_SURFACE[words.tone]}`
      }
    >
      {words === null ? null : <ActionWords words={words} />}
    </div>
  );
}

function ActionWords({ words }: { words: RetryActionWords }) {
  const t = useTranslations('Retries');
  return (
    <>
      <p className="font-semibold">
        <span aria-hidden="true" className={`mr-1.5 ${TONE_TEXT[words.tone]}`}>
          {TONE_ICON[words.tone]}
        </span>
        {words.headline}
      </p>
      {words.detail === null ? null : (
        <p className="mt-1">
          {t('serverSaid')} <q>{words.detail}</q>
        </p>
      )}
    </>
  );
}
