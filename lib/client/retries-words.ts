import { retryReasonCode } from '@/lib/domain/retry-policy';
import type { RetryView, StuckItem } from '@/lib/domain/retries';

import type { LiveState } from './live-state';
import type { Tone } from './pod-status';
import type { RetryAction, RetryActionAnswer } from './retries-api';
import { RETRY_ENGLISH, retryStatus, type RetryT } from './retry-rows';
import { stuckTitle } from './stuck-words';

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
  t: RetryT = RETRY_ENGLISH,
): RetryActionWords {
  if (answer.ok) {
    if (action === 'cancel') {
      return { headline: t('cancelled', { ref }), tone: 'inactive', detail: null };
    }
    const { entry } = answer;
    if (entry.state !== 'pending') {
      const status = retryStatus(entry.state, t);
      return {
        headline: t('finishedAs', { ref, status: status.label }),
        tone: status.tone,
        detail: null,
      };
    }
    return { headline: t('retrying', { ref }), tone: 'progress', detail: null };
  }
  const values = { action, ref };
  switch (answer.status) {
    case 409:
      return { headline: t('notPending', values), tone: 'waiting', detail: answer.message };
    case 404:
      return { headline: t('unknownEntry', values), tone: 'failed', detail: answer.message };
    default:
      return {
        headline: t('httpError', { ...values, status: String(answer.status) }),
        tone: 'failed',
        detail: answer.message,
      };
  }
}

/** The words for a request that got no answer the contract knows, with the error's message. */
export function retryFailureWords(
  action: RetryAction,
  ref: string,
  error: Error,
  t: RetryT = RETRY_ENGLISH,
): RetryActionWords {
  return { headline: t('couldNot', { action, ref }), tone: 'failed', detail: error.message };
}

/**
 * Why a finished entry ended (failed, expired, cancelled), else the last answer in words:
 * the policy's own reasons in the interface's language, the server's as it wrote them.
 */
export function retryReason(
  entry: Pick<RetryView, 'reason' | 'lastAnswer'>,
  t: RetryT = RETRY_ENGLISH,
): string | null {
  const code = retryReasonCode(entry.reason);
  if (code !== null) return t(`reason.${code}`);
  return entry.reason ?? entry.lastAnswer?.message ?? null;
}

/**
 * What changed in the retry queue between two states, in one sentence for a polite status
 * region: entries that joined the queue or finished, and newly stuck items (`title` says
 * what is stuck). null when nothing worth saying changed (an attempt count or a timer is not
 * announced: the table shows those).
 */
export function retryChangeWords(
  before: Pick<LiveState, 'retries' | 'stuck'>,
  after: Pick<LiveState, 'retries' | 'stuck'>,
  t: RetryT = RETRY_ENGLISH,
  title: (item: StuckItem) => string = stuckTitle,
): string | null {
  const sentences: string[] = [];
  if (before.retries !== after.retries) {
    for (const entry of after.retries.values()) {
      const previous = before.retries.get(entry.id);
      if (previous?.state === entry.state) continue;
      const ref = `${entry.namespace}/${entry.pod}`;
      sentences.push(
        previous === undefined && entry.state === 'pending'
          ? t('announce.pending', { ref })
          : t('announce.finished', { ref, status: retryStatus(entry.state, t).label }),
      );
    }
  }
  if (before.stuck !== after.stuck) {
    const known = new Set(before.stuck.map((item) => item.key));
    for (const item of after.stuck) {
      if (!known.has(item.key)) sentences.push(t('announce.stuck', { title: title(item) }));
    }
  }
  const [first, ...rest] = sentences;
  if (first === undefined) return null;
  return rest.reduce((before, after) => t('announce.then', { before, after }), first);
}
