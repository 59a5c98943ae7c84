import { useTranslations } from 'next-intl';

import type { BlockedBy } from '@/lib/client/budget-cards';
import { consumerText, remedyText } from '@/lib/client/budget-words';

/** The pods consuming a budget that allows 0 disruptions, and the ways past it. */
export function WhyBlocked({
  id,
  blockedBy,
  needsHas,
  podCount,
}: {
  id: string;
  blockedBy: BlockedBy;
  /** How many pods the budget selects. */
  podCount: number;
  /** "needs 2 healthy pods, has 2". */
  needsHas: string;
}) {
  const t = useTranslations('Budgets.why');
  const tb = useTranslations('BudgetWords');
  const tr = useTranslations('RemedyWords');
  const heading = `${id}-why`;
  const { consumers, options } = blockedBy;
  return (
    <section
      aria-labelledby={heading}
      className="space-y-2 rounded-md border border-state-waiting/60 px-3 py-2 text-sm"
    >
      <h3 id={heading} className="font-semibold">
        {t('title')}
      </h3>
      <p>
        {t('it', { needsHas })}{' '}
        {podCount === 0
          ? t('noPod')
          : consumers.length === 0
            ? t('noUnhealthy')
            : t('notCounted', { count: consumers.length })}
      </p>
      {consumers.length === 0 ? null : (
        <ul aria-label={t('consuming')} className="list-disc space-y-0.5 pl-5">
          {consumers.map(({ pod, reason }) => (
            <li key={pod.uid}>
              <span className="font-mono">{pod.name}</span> — {consumerText(reason, tb)}
            </li>
          ))}
        </ul>
      )}
      <h4 className="font-semibold">{t('whatYouCanDo')}</h4>
      <ol aria-label={t('options')} className="list-decimal space-y-1 pl-5">
        {options.map((option) => {
          const { title, consequence } = remedyText(option, tr);
          return (
            <li key={option.code}>
              <span className="font-medium">{title}</span>
              {option.pods.length > 0 ? (
                <span className="font-mono text-xs"> ({option.pods.join(', ')})</span>
              ) : null}
              : <span className="text-zinc-700 dark:text-zinc-300">{consequence}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
