'use client';

import { useTranslations } from 'next-intl';

import { consumerText, needsHasText, remedyText } from '@/lib/client/budget-words';
import type { PodTarget } from '@/lib/client/evictions-request';
import type { WhyBlocked } from '@/lib/client/evictions-context';

import { DeletePod } from './delete-pod';

/**
 * Why a budget blocks the eviction: its numbers, the pods that consume it, and the ways past
 * it with their consequences, gentlest first; deleting the pod directly comes last.
 */
export function WhyBlockedPanel({ why, target }: { why: WhyBlocked; target: PodTarget }) {
  const t = useTranslations('BudgetWords');
  const tr = useTranslations('RemedyWords');
  const { budget, consumers, options } = why;
  return (
    <section
      aria-labelledby="why-blocked"
      className="space-y-3 rounded-md border border-state-waiting p-3 text-sm"
    >
      <h3 id="why-blocked" className="font-semibold">
        {t('why.title')}
      </h3>
      <p>
        {t.rich('why.allows', {
          mono: (chunks) => <span className="font-mono">{chunks}</span>,
          name: budget.name,
          allowed: budget.disruptionsAllowed,
          needsHas: needsHasText(budget, t),
          expected: budget.expectedPods,
        })}
      </p>
      {consumers.length === 0 ? (
        <p>{t('why.noConsumers')}</p>
      ) : (
        <ul aria-label={t('why.consuming')} className="list-disc space-y-0.5 pl-5">
          {consumers.map((c) => (
            <li key={c.pod.uid}>
              <span className="font-mono">{c.pod.name}</span>: {consumerText(c.reason, t)}
            </li>
          ))}
        </ul>
      )}
      <ol aria-label={t('why.options')} className="list-decimal space-y-2 pl-5">
        {options.map((option) => {
          const { title, consequence } = remedyText(option, tr);
          return (
            <li key={option.code}>
              <p className="font-medium">{title}</p>
              <p>{consequence}</p>
              {option.pods.length > 0 ? (
                <p className="font-mono text-xs">{option.pods.join(', ')}</p>
              ) : null}
              {option.code === 'delete-pod' ? <DeletePod target={target} /> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
