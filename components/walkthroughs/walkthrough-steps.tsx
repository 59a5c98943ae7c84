'use client';

import { useLocale } from 'next-intl';

import { kubectlLine } from '@/lib/client/walkthroughs-api';
import type { Step } from '@/lib/domain/walkthroughs/types';

import { StatusBadge } from '../ui/status-badge';
import { CopyCommand } from './copy-command';
import { WORDS } from './words';

/** Where a step is: done, the one to do now, or one for later. */
type Place = 'done' | 'current' | 'later';

function StepItem({
  step,
  place,
  kubeconfigPath,
}: {
  step: Step;
  place: Place;
  kubeconfigPath: string | null;
}) {
  const locale = useLocale();
  const tone = place === 'done' ? 'healthy' : place === 'current' ? 'progress' : 'inactive';
  const { action } = step;
  return (
    <li>
      <article
        aria-label={step.title[locale]}
        aria-current={place === 'current' ? 'step' : undefined}
        className={`space-y-2 rounded-md border p-4 ${place === 'current' ? 'border-blue-400' : 'border-zinc-200 dark:border-zinc-800'}`}
      >
        <h3 className="flex flex-wrap items-center gap-2 font-semibold">
          <StatusBadge tone={tone} label={WORDS[place][locale]} />
          {step.title[locale]}
        </h3>
        <section className="space-y-1 text-sm">
          <h4 className="font-medium">{WORDS.doThis[locale]}</h4>
          {action.kind === 'ui' ? (
            <p>{action.where[locale]}</p>
          ) : kubeconfigPath !== null ? (
            <CopyCommand line={kubectlLine(kubeconfigPath, action.args)} />
          ) : (
            <p className="font-mono text-xs">kubectl {action.args.join(' ')}</p>
          )}
        </section>
        <section className="text-sm">
          <h4 className="font-medium">{WORDS.expect[locale]}</h4>
          <p>{step.expect[locale]}</p>
        </section>
        <section className="text-sm">
          <h4 className="font-medium">{WORDS.why[locale]}</h4>
          <p>{step.why[locale]}</p>
        </section>
        {step.docs.length === 0 ? null : (
          <section className="text-sm">
            <h4 className="font-medium">{WORDS.docs[locale]}</h4>
            <ul className="list-disc pl-5">
              {step.docs.map((d) => (
                <li key={d.url}>
                  <a
                    href={d.url}
                    className="text-blue-700 hover:underline dark:text-blue-400"
                    rel="noreferrer"
                    target="_blank"
                  >
                    “{d.quote[locale]}”
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
    </li>
  );
}

/** A walkthrough's steps in order, each done, current (the first not done) or for later. */
export function WalkthroughSteps({
  steps,
  done,
  kubeconfigPath,
}: {
  steps: readonly Step[];
  done: Readonly<Record<string, string>>;
  kubeconfigPath: string | null;
}) {
  const locale = useLocale();
  const current = steps.find((s) => done[s.id] === undefined)?.id;
  return (
    <ol aria-label={WORDS.steps[locale]} className="space-y-3">
      {steps.map((s) => (
        <StepItem
          key={s.id}
          step={s}
          place={done[s.id] !== undefined ? 'done' : s.id === current ? 'current' : 'later'}
          kubeconfigPath={kubeconfigPath}
        />
      ))}
    </ol>
  );
}
