import type { EvictionAnswer, EvictionOutcome } from '@/lib/domain/eviction-outcome';

import type { Tone } from './pod-status';

/** Every outcome the pod actions can come to: the Eviction API's, and `deleted` (DELETE). */
export type ActionOutcome = EvictionOutcome;

/** What the Evict and Delete pod routes answer. */
export type ActionAnswer = EvictionAnswer;

/** An answer as the outcome panel shows it: a headline in words, its colour, and detail. */
export interface OutcomeWords {
  readonly headline: string;
  readonly tone: Tone;
  /** What happened and why, in the server's plain words. */
  readonly message: string;
  /** The cluster's own cause message, quoted as is, when it gave one. */
  readonly clusterSaid: string | null;
}

function headline(answer: ActionAnswer): { headline: string; tone: Tone } {
  const budget = answer.budget === undefined ? '' : ` ${answer.budget}`;
  const after = answer.retryAfterSeconds;
  switch (answer.outcome) {
    case 'evicted':
      return { headline: 'Evicted: the pod will be deleted gracefully', tone: 'healthy' };
    case 'would-evict':
      return { headline: 'Dry run: the cluster would evict this pod', tone: 'healthy' };
    case 'deleted':
      return { headline: 'Deleted (budgets bypassed)', tone: 'healthy' };
    case 'blocked':
      return { headline: `Blocked by budget${budget}`, tone: 'waiting' };
    case 'queued':
      return { headline: `Pending retry: blocked by budget${budget}`, tone: 'waiting' };
    case 'rate-limited':
      return {
        headline: `Rate limited${after === undefined ? '' : `: retry after ${after} s`}`,
        tone: 'waiting',
      };
    case 'multiple-budgets':
      return { headline: 'Several budgets select this pod: a configuration error', tone: 'failed' };
    case 'replaced':
      return { headline: 'Replaced: not the pod you saw', tone: 'inactive' };
    case 'not-found':
      return { headline: 'Already gone', tone: 'inactive' };
    case 'forbidden':
      return { headline: 'Forbidden', tone: 'failed' };
    case 'invalid':
      return { headline: 'Refused before sending', tone: 'failed' };
    case 'unreachable':
      return { headline: 'Cluster unreachable', tone: 'failed' };
    case 'error':
      return { headline: 'Failed', tone: 'failed' };
    default: {
      const unknown: never = answer.outcome;
      return unknown;
    }
  }
}

/**
 * An eviction's (or delete's) answer in words that follow the Eviction API docs: accepted,
 * blocked by budget B, several budgets, rate limited… Switches on the outcome, never on text.
 */
export function outcomeWords(answer: ActionAnswer): OutcomeWords {
  return { ...headline(answer), message: answer.message, clusterSaid: answer.cause ?? null };
}

/** Whether the outcome is a budget's refusal, for which the "why blocked" panel applies. */
export function isBudgetBlock(outcome: ActionOutcome): boolean {
  return outcome === 'blocked' || outcome === 'queued';
}
