import { describe, expect, it } from 'vitest';

import { expireIfDue } from '@/lib/domain/retry-policy';

import { fromSnapshot } from './live-state';
import {
  retryActionWords,
  retryChangeWords,
  retryFailureWords,
  retryReason,
} from './retries-words';
import { retryView, snapshotOf, stuckRetry } from './test-views';
import { japanese } from './test-translators';

const JAPANESE = japanese('RetryWords');

const entry = { ...retryView(1, 'web-1'), stuck: false, diagnoses: [], remedies: [] };

describe('retryActionWords', () => {
  it.each([
    {
      action: 'retry-now' as const,
      answer: { ok: true as const, entry },
      headline: 'Retrying shop/web-1 now',
      tone: 'progress',
    },
    {
      action: 'retry-now' as const,
      answer: { ok: true as const, entry: { ...entry, state: 'evicted' as const } },
      headline: 'Retry of shop/web-1: Evicted',
      tone: 'healthy',
    },
    {
      action: 'cancel' as const,
      answer: { ok: true as const, entry: { ...entry, state: 'cancelled' as const } },
      headline: 'Cancelled the retry of shop/web-1: Drainboard no longer tries to evict it',
      tone: 'inactive',
    },
    {
      action: 'cancel' as const,
      answer: { ok: false as const, status: 409, message: 'entry 1 is evicted' },
      headline: 'Could not cancel shop/web-1: the entry is no longer pending',
      tone: 'waiting',
    },
    {
      action: 'retry-now' as const,
      answer: { ok: false as const, status: 404, message: 'no entry 1' },
      headline: 'Could not retry shop/web-1: the server does not know this entry',
      tone: 'failed',
    },
    {
      action: 'retry-now' as const,
      answer: { ok: false as const, status: 403, message: 'cross-origin' },
      headline: 'Could not retry shop/web-1 (HTTP 403)',
      tone: 'failed',
    },
  ])('$action → $headline', ({ action, answer, headline, tone }) => {
    const words = retryActionWords(action, 'shop/web-1', answer);
    expect(words).toMatchObject({ headline, tone });
    expect(words.detail).toBe(answer.ok ? null : answer.message);
  });

  it('speaks the interface language, quoting the server as is', () => {
    const refused = { ok: false as const, status: 409, message: 'entry 1 is evicted' };
    expect(retryActionWords('cancel', 'shop/web-1', refused, JAPANESE)).toEqual({
      headline:
        'shop/web-1 のキャンセルができませんでした: エントリーはもうリトライ待ちではありません',
      tone: 'waiting',
      detail: 'entry 1 is evicted',
    });
    const evicted = { ok: true as const, entry: { ...entry, state: 'evicted' as const } };
    expect(retryActionWords('retry-now', 'shop/web-1', evicted, JAPANESE).headline).toBe(
      'shop/web-1 のリトライ: 退避済み',
    );
  });
});

describe('retryFailureWords', () => {
  it('says which action failed, with the error', () => {
    const error = new Error('network down');
    expect(retryFailureWords('retry-now', 'shop/web-1', error)).toEqual({
      headline: 'Could not retry shop/web-1',
      tone: 'failed',
      detail: 'network down',
    });
    expect(retryFailureWords('cancel', 'shop/web-1', error, JAPANESE).headline).toBe(
      'shop/web-1 のキャンセルができませんでした',
    );
  });
});

describe('retryReason', () => {
  const deadline = Date.parse('2026-11-28T11:00:00Z');
  const expired = {
    ...retryView(1, 'web-1'),
    reason: expireIfDue(
      {
        id: 1,
        state: 'pending',
        createdAt: 0,
        deadline,
        nextAttemptAt: 0,
        attempts: 1,
        consecutiveFailures: 0,
        blockedByStale: false,
        holdUntil: 0,
        reason: null,
      },
      deadline,
    ).reason,
  };

  it("says the policy's reasons in the interface language", () => {
    expect(retryReason(expired)).toBe('The deadline passed before the eviction was accepted.');
    expect(retryReason(expired, JAPANESE)).toBe('Eviction が受理される前に期限を過ぎました。');
  });

  it("keeps the server's reasons, else the last answer, as written", () => {
    const cancelled = { ...retryView(1, 'web-1'), reason: 'Cancelled by operator.' };
    expect(retryReason(cancelled, JAPANESE)).toBe('Cancelled by operator.');
    expect(retryReason(retryView(1, 'web-1'))).toBe('Blocked by the disruption budget web.');
    expect(retryReason({ reason: null, lastAnswer: null })).toBeNull();
  });
});

describe('retryChangeWords', () => {
  const before = fromSnapshot(snapshotOf(1, { retries: [retryView(1, 'web-1')] }));

  it('says which entries joined the queue or finished, and what is newly stuck', () => {
    const after = fromSnapshot(
      snapshotOf(2, {
        retries: [retryView(1, 'web-1', { state: 'evicted' }), retryView(2, 'web-2')],
        stuck: [stuckRetry(2, 'web-2')],
      }),
    );
    expect(retryChangeWords(before, after)).toBe(
      'Retry of shop/web-1: Evicted. Pending retry: shop/web-2. Stuck: Eviction of shop/web-2 pending for 12 min.',
    );
    expect(retryChangeWords(before, after, JAPANESE, (item) => `[${item.key}]`)).toBe(
      'shop/web-1 のリトライ: 退避済み。リトライ待ち: shop/web-2。停滞: [retry:2]。',
    );
  });

  it('says nothing of attempts and timers', () => {
    const after = fromSnapshot(
      snapshotOf(2, { retries: [retryView(1, 'web-1', { attempts: 5, inFlight: true })] }),
    );
    expect(retryChangeWords(before, after)).toBeNull();
    expect(retryChangeWords(before, before)).toBeNull();
  });
});
