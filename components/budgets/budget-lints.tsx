import { useTranslations } from 'next-intl';

import { lintText } from '@/lib/client/budget-words';
import type { BudgetLint } from '@/lib/domain/budget-lints';

import { StatusBadge } from '../ui/status-badge';

/** A budget's lints, each with why it matters and what to do about it. */
export function BudgetLints({ id, lints }: { id: string; lints: readonly BudgetLint[] }) {
  const t = useTranslations('Budgets.lints');
  const tw = useTranslations('BudgetWords');
  if (lints.length === 0) return null;
  const heading = `${id}-lints`;
  return (
    <section aria-labelledby={heading} className="space-y-2">
      <h3 id={heading} className="text-sm font-semibold">
        {t('title', { count: lints.length })}
      </h3>
      <ul className="space-y-2">
        {lints.map((lint) => {
          const title = `${id}-lint-${lint.code}`;
          const { explanation, fix } = lintText(lint, tw);
          return (
            <li
              key={lint.code}
              aria-labelledby={title}
              className="space-y-1 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800"
            >
              <p className="flex flex-wrap items-center gap-2">
                <StatusBadge
                  tone={lint.severity === 'error' ? 'failed' : 'waiting'}
                  label={lint.severity === 'error' ? t('error') : t('warning')}
                />
                <span id={title} className="font-semibold">
                  {t(`codes.${lint.code}`)}
                </span>
              </p>
              <p>{explanation}</p>
              <p>
                <span className="font-semibold">{t('fix')}</span>
                {fix}{' '}
                <a
                  href={lint.docs}
                  target="_blank"
                  rel="noreferrer"
                  className="text-blue-700 underline underline-offset-2 dark:text-blue-400"
                >
                  {t('docs')}
                  <span className="sr-only">
                    {t('docsOn', { title: t(`codes.${lint.code}`).toLowerCase() })}
                  </span>
                </a>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
