'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';

import { useWalkthroughAction, useWalkthroughRun } from '@/lib/client/walkthroughs-api';
import type { Walkthrough } from '@/lib/domain/walkthroughs/types';

import { BUTTON } from '../evict/buttons';
import { Notice } from '../ui/notice';
import { RunBadge } from './run-badge';
import { StartButton } from './start-button';
import { WalkthroughSteps } from './walkthrough-steps';

/** One walkthrough: its run, its cluster, and its steps ticking as the learner does them. */
export function WalkthroughPage({ walkthrough }: { walkthrough: Walkthrough }) {
  const locale = useLocale();
  const t = useTranslations('Walkthroughs');
  const run = useWalkthroughRun(walkthrough.id);
  const action = useWalkthroughAction(walkthrough.id);
  const state = run.data?.state ?? 'idle';
  const done = run.data?.done ?? {};
  const count = walkthrough.steps.filter((s) => done[s.id] !== undefined).length;
  const total = walkthrough.steps.length;
  return (
    <section aria-labelledby="walkthrough-heading" className="space-y-4">
      <Link
        href="/walkthroughs"
        className="text-sm text-blue-700 hover:underline dark:text-blue-400"
      >
        {t('back')}
      </Link>
      <h1 id="walkthrough-heading" className="text-2xl font-semibold tracking-tight">
        {walkthrough.title[locale]}
      </h1>
      <p className="max-w-3xl">{walkthrough.summary[locale]}</p>
      <div className="flex flex-wrap items-center gap-3">
        <RunBadge state={state} />
        <div
          role="progressbar"
          aria-label={t('progress')}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={count}
          aria-valuetext={`${count} / ${total}`}
          className="h-2 w-40 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
        >
          <div
            className="h-full bg-green-600"
            style={{ width: `${total === 0 ? 0 : (count / total) * 100}%` }}
          />
        </div>
        <span className="text-sm tabular-nums">
          {count} / {total} {t('steps')}
        </span>
        <StartButton
          title={walkthrough.title[locale]}
          state={state}
          isPending={action.isPending}
          onStart={() => action.mutate('start')}
        />
        {state === 'running' ? (
          <button
            type="button"
            className={BUTTON}
            disabled={action.isPending}
            onClick={() => action.mutate('finish')}
          >
            {t('finish')}
          </button>
        ) : null}
      </div>
      {action.error ? <Notice tone="failed" title={action.error.message} /> : null}
      {run.data?.cluster ? (
        <p className="text-sm">
          {t('cluster')}: <span className="font-mono">{run.data.cluster}</span> ·{' '}
          <Link
            href={`/clusters/${encodeURIComponent(run.data.cluster)}/overview`}
            className="text-blue-700 hover:underline dark:text-blue-400"
          >
            {t('openCluster')}
          </Link>
        </p>
      ) : (
        <Notice tone="inactive" title={t('startFirst')} />
      )}
      {state === 'running' && count === total ? (
        <Notice tone="healthy" title={t('allDone')} />
      ) : null}
      <p role="status" aria-live="polite" className="sr-only">
        {count} / {total}
      </p>
      <WalkthroughSteps
        steps={walkthrough.steps}
        done={done}
        kubeconfigPath={run.data?.kubeconfigPath ?? null}
      />
    </section>
  );
}
