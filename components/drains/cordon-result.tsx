import { useTranslations } from 'next-intl';

import type { CordonAnswer } from '@/lib/client/drains-api';

import { TONE_ICON, TONE_SURFACE, TONE_TEXT } from '../ui/tone';

/** What the last Cordon or Uncordon did, in kubectl's own words (or why it failed). */
export type CordonOutcome =
  | { readonly ok: true; readonly answer: CordonAnswer }
  | {
      readonly ok: false;
      readonly node: string;
      readonly isCordon: boolean;
      readonly message: string;
    };

/**
 * The result of the last Cordon or Uncordon. The status region is always there (empty before
 * the first action), so that screen readers announce each result as it arrives.
 */
export function CordonResult({ outcome }: { outcome: CordonOutcome | null }) {
  const t = useTranslations('Drains');
  const tone = outcome === null ? null : outcome.ok ? 'healthy' : 'failed';
  return (
    <div
      role="status"
      aria-label={t('cordonResult')}
      className={tone === null ? '' : `rounded-md border px-4 py-2 text-sm ${TONE_SURFACE[tone]}`}
    >
      {outcome === null || tone === null ? null : (
        <p>
          <span aria-hidden="true" className={`mr-1.5 ${TONE_TEXT[tone]}`}>
            {TONE_ICON[tone]}
          </span>
          {outcome.ok ? (
            <>
              <code className="font-mono">{outcome.answer.message}</code>
              <span className="ml-2 text-zinc-600 dark:text-zinc-400">
                (kubectl {outcome.answer.isCordoned ? 'cordon' : 'uncordon'} {outcome.answer.node})
              </span>
            </>
          ) : (
            t('cordonFailed', {
              isCordon: String(outcome.isCordon),
              node: outcome.node,
              message: outcome.message,
            })
          )}
        </p>
      )}
    </div>
  );
}
