'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';

import { useWalkthroughRuns } from '@/lib/client/walkthroughs-api';
import { WALKTHROUGHS } from '@/lib/domain/walkthroughs';

import { Notice } from '../ui/notice';
import { RunBadge } from './run-badge';

/** Every walkthrough: its title, what it shows, its steps and its run. */
export function WalkthroughsList() {
  const locale = useLocale();
  const t = useTranslations('Walkthroughs');
  const runs = useWalkthroughRuns();
  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-sm">{t('intro')}</p>
      {runs.error ? <Notice tone="failed" title={runs.error.message} /> : null}
      <ol aria-label={t('heading')} className="grid gap-3 md:grid-cols-2">
        {WALKTHROUGHS.map((w, i) => {
          const run = runs.data?.find((r) => r.id === w.id);
          const done = Object.keys(run?.done ?? {}).length;
          return (
            <li key={w.id}>
              <article
                aria-labelledby={`walkthrough-${w.id}`}
                className="h-full space-y-2 rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
              >
                <h2 id={`walkthrough-${w.id}`} className="font-semibold">
                  <Link
                    href={`/walkthroughs/${w.id}`}
                    className="text-blue-700 hover:underline dark:text-blue-400"
                  >
                    {i + 1}. {w.title[locale]}
                  </Link>
                </h2>
                <p className="text-sm">{w.summary[locale]}</p>
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  {run ? <RunBadge state={run.state} /> : null}
                  <span className="tabular-nums">
                    {done} / {w.steps.length} {t('steps')}
                  </span>
                </p>
              </article>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
