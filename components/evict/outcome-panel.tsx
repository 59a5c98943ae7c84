import { outcomeWords, type ActionAnswer } from '@/lib/client/evictions-words';

import { TONE_ICON, TONE_SURFACE, TONE_TEXT } from '../ui/tone';

/**
 * An action's result in words: the headline, the server's explanation and the cluster's own
 * message quoted. Announced when it appears (a status region; an alert when it failed).
 */
export function OutcomePanel({ answer, label }: { answer: ActionAnswer; label: string }) {
  const words = outcomeWords(answer);
  return (
    <div
      role={words.tone === 'failed' ? 'alert' : 'status'}
      aria-label={label}
      className={`rounded-md border px-4 py-3 text-sm ${TONE_SURFACE[words.tone]}`}
    >
      <p className="font-semibold">
        <span aria-hidden="true" className={`mr-1.5 ${TONE_TEXT[words.tone]}`}>
          {TONE_ICON[words.tone]}
        </span>
        {words.headline}
      </p>
      <p className="mt-1">{words.message}</p>
      {words.clusterSaid === null ? null : (
        <p className="mt-1">
          The cluster said: <q className="font-mono text-xs">{words.clusterSaid}</q>
        </p>
      )}
    </div>
  );
}
