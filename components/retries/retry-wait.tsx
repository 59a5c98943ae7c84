import { useTranslations } from 'next-intl';

import type { RetryWait } from '@/lib/client/retry-rows';

import { Countdown } from '../ui/countdown';

const quiet = 'text-zinc-600 dark:text-zinc-400';

/**
 * When the entry is tried next: "attempting…", "waiting for budget" (with the timer's next try
 * under it), or a countdown to its timer. The countdown ticks every second, so it is kept out of
 * any live region (aria-live off).
 */
export function RetryWaitText({ wait }: { wait: RetryWait }) {
  const t = useTranslations('Retries');
  switch (wait.kind) {
    case 'attempting':
      return <span className="text-state-progress">{t('attempting')}</span>;
    case 'budget':
      return (
        <span className="flex flex-col">
          <span
            title={t('budgetAllowsZero', { budget: wait.budget })}
            className="text-state-waiting"
          >
            {t('waitingForBudget')}
          </span>
          {wait.at === null ? null : (
            <span aria-live="off" className="text-xs text-zinc-600 dark:text-zinc-400">
              {t('nextTry')} <Countdown deadline={wait.at} />
            </span>
          )}
        </span>
      );
    case 'timer':
      return (
        <span aria-live="off">
          <Countdown deadline={wait.at} />
        </span>
      );
    case 'none':
      return <span className={quiet}>{t('notScheduled')}</span>;
    default: {
      const unknown: never = wait;
      throw new Error(`unknown wait ${JSON.stringify(unknown)}`);
    }
  }
}
