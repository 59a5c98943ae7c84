'use client';

import { useLocale, useTranslations } from 'next-intl';

import { kubectlLine } from '@/lib/client/walkthroughs-api';
import type { Step } from '@/lib/domain/walkthroughs/types';

import { StatusBadge } from '../ui/status-badge';
import { CopyCommand } from './copy-command';

/** A walkthrough text: what it quotes of kubectl or the cluster (in `backticks`) set as code. */
function Prose({ text }: { text: string }) {
  return (
    <p>
      {text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="font-mono text-xs">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </p>
  );
}

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
  const t = useTranslations('Walkthroughs');
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
          <StatusBadge tone={tone} label={t(place)} />
          {step.title[locale]}
        </h3>
        <section className="space-y-1 text-sm">
          <h4 className="font-medium">{t('doThis')}</h4>
          {action.kind === 'ui' ? (
            <Prose text={action.where[locale]} />
          ) : kubeconfigPath !== null ? (
            <CopyCommand line={kubectlLine(kubeconfigPath, action.args)} />
          ) : (
            <p className="font-mono text-xs">kubectl {action.args.join(' ')}</p>
          )}
        </section>
        <section className="text-sm">
          <h4 className="font-medium">{t('expect')}</h4>
          <Prose text={step.expect[locale]} />
        </section>
        <section className="text-sm">
          <h4 className="font-medium">{t('why')}</h4>
          <Prose text={step.why[locale]} />
        </section>
        {step.docs.length === 0 ? null : (
          <section className="text-sm">
            <h4 className="font-medium">{t('docs')}</h4>
            <ul className="list-disc pl-5">
              {step.docs.map((d) => (
                <li key={d.url}>
                  <a
                    href={d.url}
                    className="text-blue-700 hover:underline dark:text-blue-400"
                    rel="noreferrer"
                    target="_blank"
                  >
                    “{d.quote[locale]}”<span className="sr-only"> {t('newTab')}</span>
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
  const t = useTranslations('Walkthroughs');
  const current = steps.find((s) => done[s.id] === undefined)?.id;
  return (
    <ol aria-label={t('steps')} className="space-y-3">
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
