import type { LiveState } from './live-state';
import type { Tone } from './pod-status';
import type { RetryAction, RetryActionAnswer } from './retries-api';
import { retryStatus } from './retry-rows';

/** A retry action's result as the Retries view says it. */
export interface RetryActionWords {
  readonly headline: string;
  readonly tone: Tone;
  /** The server's reason for a refusal, quoted as is. */
  readonly detail: string | null;
}

/**
 * The words for the answer to "Retry now" or "Cancel" on the entry of `ref` (`ns/pod`). A
 * 409 means the entry finished in the meantime; a 404 that the server does not know it.
 */
export function retryActionWords(
  action: RetryAction,
  ref: string,
  answer: RetryActionAnswer,
): RetryActionWords {
  if (answer.ok) {
    if (action === 'cancel') {
      return {
        headline: `Cancelled the retry of ${ref}: Drainboard no longer tries to evict it`,
        tone: 'inactive',
        detail: null,
      };
    }
    const { entry } = answer;
    if (entry.state !== 'pending') {
      const status = retryStatus(entry.state);
      return { headline: `Retry of ${ref}: ${status.label}`, tone: status.tone, detail: null };
    }
    return { headline: `Retrying ${ref} now`, tone: 'progress', detail: null };
  }
  const verb = action === 'cancel' ? 'cancel' : 'retry';
  switch (answer.status) {
    case 409:
      return {
        headline: `Could not ${verb} ${ref}: the entry is no longer pending`,
        tone: 'waiting',
        detail: answer.message,
      };
    case 404:
      return {
        headline: `Could not ${verb} ${ref}: the server does not know this entry`,
        tone: 'failed',
        detail: answer.message,
      };
    default:
      return {
        headline: `Could not ${verb} ${ref} (HTTP ${answer.status})`,
        tone: 'failed',
        detail: answer.message,
      };
  }
}

/**
 * What changed in the retry queue between two states, in one sentence for a polite status
 * region: entries that joined the queue or finished, and newly stuck items. null when nothing
 * worth saying changed (an attempt count or a timer is not announced: the table shows those).
 */
export function retryChangeWords(
  before: Pick<LiveState, 'retries' | 'stuck'>,
  after: Pick<LiveState, 'retries' | 'stuck'>,
): string | null {
  const sentences: string[] = [];
  if (before.retries !== after.retries) {
    for (const entry of after.retries.values()) {
      const previous = before.retries.get(entry.id);
      if (previous?.state === entry.state) continue;
      const ref = `${entry.namespace}/${entry.pod}`;
      sentences.push(
        previous === undefined && entry.state === 'pending'
          ? `Pending retry: ${ref}.`
          : `Retry of ${ref}: ${retryStatus(entry.state).label}.`,
      );
    }
  }
  if (before.stuck !== after.stuck) {
    const known = new Set(before.stuck.map((item) => item.key));
    for (const item of after.stuck)
      if (!known.has(item.key)) sentences.push(`Stuck: ${item.title}.`);
  }
  return sentences.length === 0 ? null : sentences.join(' ');
}
