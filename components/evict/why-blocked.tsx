'use client';

import type { PodTarget } from '@/lib/client/evictions-request';
import type { WhyBlocked } from '@/lib/client/evictions-context';
import { CONSUMER_WORDS } from '@/lib/domain/budget-consumers';
import { needsHas } from '@/lib/domain/budgets';

import { DeletePod } from './delete-pod';

/**
 * Why a budget blocks the eviction: its numbers, the pods that consume it, and the ways past
 * it with their consequences, gentlest first; deleting the pod directly comes last.
 */
export function WhyBlockedPanel({ why, target }: { why: WhyBlocked; target: PodTarget }) {
  const { budget, consumers, options } = why;
  return (
    <section
      aria-labelledby="why-blocked"
      className="space-y-3 rounded-md border border-state-waiting p-3 text-sm"
    >
      <h3 id="why-blocked" className="font-semibold">
        Why blocked
      </h3>
      <p>
        Budget <span className="font-mono">{budget.name}</span> allows {budget.disruptionsAllowed}{' '}
        disruptions now: it {needsHas(budget)} (of {budget.expectedPods} expected pods).
      </p>
      {consumers.length === 0 ? (
        <p>No selected pod is unhealthy or terminating: the budget is at its limit.</p>
      ) : (
        <ul aria-label="Pods consuming the budget" className="list-disc space-y-0.5 pl-5">
          {consumers.map((c) => (
            <li key={c.pod.uid}>
              <span className="font-mono">{c.pod.name}</span>: {CONSUMER_WORDS[c.reason]}
            </li>
          ))}
        </ul>
      )}
      <ol aria-label="Options" className="list-decimal space-y-2 pl-5">
        {options.map((option) => (
          <li key={option.code}>
            <p className="font-medium">{option.title}</p>
            <p>{option.consequence}</p>
            {option.pods.length > 0 ? (
              <p className="font-mono text-xs">{option.pods.join(', ')}</p>
            ) : null}
            {option.code === 'delete-pod' ? <DeletePod target={target} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
