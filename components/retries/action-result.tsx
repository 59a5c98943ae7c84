import type { RetryActionWords } from '@/lib/client/retries-words';

import { TONE_ICON, TONE_SURFACE, TONE_TEXT } from '../ui/tone';

/**
 * The result of the last "Retry now" or "Cancel", in words, with the server's reason for a
 * refusal. Announced when it changes (a status region; an alert when it failed).
 */
export function RetryActionResult({ words }: { words: RetryActionWords }) {
  return (
    <div
      role={words.tone === 'failed' ? 'alert' : 'status'}
      aria-label="Retry action result"
      className={`rounded-md border px-4 py-3 text-sm ${TONE_SURFACE[words.tone]}`}
    >
      <p className="font-semibold">
        <span aria-hidden="true" className={`mr-1.5 ${TONE_TEXT[words.tone]}`}>
          {TONE_ICON[words.tone]}
        </span>
        {words.headline}
      </p>
      {words.detail === null ? null : (
        <p className="mt-1">
          The server said: <q>{words.detail}</q>
        </p>
      )}
    </div>
  );
}
