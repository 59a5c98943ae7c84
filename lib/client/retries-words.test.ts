import { describe, expect, it } from 'vitest';

import { fromSnapshot } from './live-state';
import { retryActionWords, retryChangeWords } from './retries-words';
import { retryView, snapshotOf, stuckRetry } from './test-views';

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
  });

  it('says nothing of attempts and timers', () => {
    const after = fromSnapshot(
      snapshotOf(2, { retries: [retryView(1, 'web-1', { attempts: 5, inFlight: true })] }),
    );
    expect(retryChangeWords(before, after)).toBeNull();
    expect(retryChangeWords(before, before)).toBeNull();
  });
});
