'use client';

import Link from 'next/link';
import { useLocale } from 'next-intl';

import { useWalkthroughAction, useWalkthroughRun } from '@/lib/client/walkthroughs-api';
import type { Walkthrough } from '@/lib/domain/walkthroughs/types';

import { BUTTON, BUTTON_PRIMARY } from '../evict/buttons';
import { Notice } from '../ui/notice';
import { RunBadge } from './run-badge';
import { WalkthroughSteps } from './walkthrough-steps';
import { WORDS } from './words';

/** One walkthrough: its run, its cluster, and its steps ticking as the learner does them. */
export function WalkthroughPage({ walkthrough }: { walkthrough: Walkthrough }) {
  const locale = useLocale();
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
        {WORDS.back[locale]}
      </Link>
      <h1 id="walkthrough-heading" className="text-2xl font-semibold tracking-tight">
        {walkthrough.title[locale]}
      </h1>
      <p className="max-w-3xl">{walkthrough.summary[locale]}</p>
      <div className="flex flex-wrap items-center gap-3">
        <RunBadge state={state} />
        <div
          role="progressbar"
          aria-label={WORDS.progress[locale]}
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
          {count} / {total} {WORDS.steps[locale]}
        </span>
        <button
          type="button"
          className={state === 'running' ? BUTTON : BUTTON_PRIMARY}
          disabled={action.isPending}
          onClick={() => action.mutate('start')}
        >
          {state === 'idle' ? WORDS.start[locale] : WORDS.startAgain[locale]}
        </button>
        {state === 'running' ? (
          <button
            type="button"
            className={BUTTON}
            disabled={action.isPending}
            onClick={() => action.mutate('finish')}
          >
            {WORDS.finish[locale]}
          </button>
        ) : null}
      </div>
      {action.error ? <Notice tone="failed" title={action.error.message} /> : null}
      {run.data?.cluster ? (
        <p className="text-sm">
          {WORDS.cluster[locale]}: <span className="font-mono">{run.data.cluster}</span> ·{' '}
          <Link
            href={`/clusters/${encodeURIComponent(run.data.cluster)}/overview`}
            className="text-blue-700 hover:underline dark:text-blue-400"
          >
            {WORDS.openCluster[locale]}
          </Link>
        </p>
      ) : (
        <Notice tone="inactive" title={WORDS.startFirst[locale]} />
      )}
      {state === 'running' && count === total ? (
        <Notice tone="healthy" title={WORDS.allDone[locale]} />
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
