import {
  readBudgetCause,
  type EvictionAnswer,
  type EvictionOutcome,
} from '@/lib/domain/eviction-outcome';

import { english, type WordsT } from './english';
import type { Tone } from './pod-status';

/** The `EvictWords` messages in the interface's language (`useTranslations('EvictWords')`). */
export type EvictT = WordsT<'EvictWords'>;

/** English, for callers outside React and for tests: the same messages as the interface. */
export const EVICT_ENGLISH = english('EvictWords');

/** Every outcome the pod actions can come to: the Eviction API's, and `deleted` (DELETE). */
export type ActionOutcome = EvictionOutcome;

/** What the Evict and Delete pod routes answer. */
export type ActionAnswer = EvictionAnswer;

/** An answer as the outcome panel shows it: a headline in words, its colour, and detail. */
export interface OutcomeWords {
  readonly headline: string;
  readonly tone: Tone;
  /** What happened and why: from the outcome where it says it all, else the server's words. */
  readonly message: string;
  /** The cluster's own cause message, quoted as is, when it gave one. */
  readonly clusterSaid: string | null;
}

const TONE: Readonly<Record<ActionOutcome, Tone>> = {
  evicted: 'healthy',
  'would-evict': 'healthy',
  deleted: 'healthy',
  blocked: 'waiting',
  queued: 'waiting',
  'rate-limited': 'waiting',
  'multiple-budgets': 'failed',
  replaced: 'inactive',
  'not-found': 'inactive',
  forbidden: 'failed',
  invalid: 'failed',
  unreachable: 'failed',
  error: 'failed',
};

function headline(answer: ActionAnswer, t: EvictT): string {
  const { budget, retryAfterSeconds: seconds } = answer;
  switch (answer.outcome) {
    case 'blocked':
      return budget === undefined ? t('headline.blocked') : t('headline.blockedBy', { budget });
    case 'queued':
      return budget === undefined ? t('headline.queued') : t('headline.queuedBy', { budget });
    case 'rate-limited':
      return seconds === undefined
        ? t('headline.rate-limited')
        : t('headline.rateLimitedFor', { seconds: String(seconds) });
    default:
      return t(`headline.${answer.outcome}`);
  }
}

/** A budget's 429 in words, from the cluster's cause as the server read it; null if unread. */
function blockedExplanation(answer: ActionAnswer, t: EvictT): string | null {
  const read = answer.cause === undefined ? null : readBudgetCause(answer.cause);
  const retrying = answer.outcome === 'queued' ? 'true' : 'false';
  if (read?.kind === 'needs') {
    const { budget, desired, current } = read;
    return t('explain.blockedNeeds', {
      budget,
      desired: String(desired),
      current: String(current),
      retrying,
    });
  }
  if (read?.kind === 'processing') {
    return t('explain.blockedProcessing', { budget: read.budget, retrying });
  }
  return null;
}

/**
 * What happened, in the interface's language when the outcome and the cluster's cause say it
 * (the server's words for these are fixed); otherwise the server's message, which carries what
 * the answer's fields do not (the action, the grace period, the cluster's or validator's words).
 */
function explanation(answer: ActionAnswer, t: EvictT): string {
  switch (answer.outcome) {
    case 'evicted':
    case 'would-evict':
    case 'multiple-budgets':
      return t(`explain.${answer.outcome}`);
    case 'blocked':
    case 'queued':
      return blockedExplanation(answer, t) ?? answer.message;
    default:
      return answer.message;
  }
}

/**
 * An eviction's (or delete's) answer in words that follow the Eviction API docs: accepted,
 * blocked by budget B, several budgets, rate limited… Switches on the outcome, never on text.
 */
export function outcomeWords(answer: ActionAnswer, t: EvictT = EVICT_ENGLISH): OutcomeWords {
  return {
    headline: headline(answer, t),
    tone: TONE[answer.outcome],
    message: explanation(answer, t),
    clusterSaid: answer.cause ?? null,
  };
}

/** Whether the outcome is a budget's refusal, for which the "why blocked" panel applies. */
export function isBudgetBlock(outcome: ActionOutcome): boolean {
  return outcome === 'blocked' || outcome === 'queued';
}
