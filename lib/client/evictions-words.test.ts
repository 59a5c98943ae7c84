import { describe, expect, it } from 'vitest';

import { isBudgetBlock, outcomeWords, type ActionAnswer } from './evictions-words';

const answer = (overrides: Partial<ActionAnswer>): ActionAnswer => ({
  outcome: 'evicted',
  message: 'm',
  attemptId: 1,
  ...overrides,
});

describe('outcomeWords', () => {
  it.each<[Partial<ActionAnswer>, string, string]>([
    [{ outcome: 'evicted' }, 'Evicted: the pod will be deleted gracefully', 'healthy'],
    [{ outcome: 'would-evict' }, 'Dry run: the cluster would evict this pod', 'healthy'],
    [{ outcome: 'blocked', budget: 'web' }, 'Blocked by budget web', 'waiting'],
    [{ outcome: 'queued', budget: 'web' }, 'Pending retry: blocked by budget web', 'waiting'],
    [{ outcome: 'rate-limited', retryAfterSeconds: 3 }, 'Rate limited: retry after 3 s', 'waiting'],
    [{ outcome: 'rate-limited' }, 'Rate limited', 'waiting'],
    [
      { outcome: 'multiple-budgets' },
      'Several budgets select this pod: a configuration error',
      'failed',
    ],
    [{ outcome: 'replaced' }, 'Replaced: not the pod you saw', 'inactive'],
    [{ outcome: 'not-found' }, 'Already gone', 'inactive'],
    [{ outcome: 'deleted' }, 'Deleted (budgets bypassed)', 'healthy'],
    [{ outcome: 'unreachable' }, 'Cluster unreachable', 'failed'],
  ])('%j → %s (%s)', (overrides, headline, tone) => {
    const words = outcomeWords(answer(overrides));
    expect(words.headline).toBe(headline);
    expect(words.tone).toBe(tone);
  });

  it('quotes the cluster’s cause and keeps the server’s message', () => {
    const cause = 'The disruption budget web needs 2 healthy pods and has 2 currently';
    const words = outcomeWords(answer({ outcome: 'blocked', message: 'Budget web…', cause }));
    expect(words).toMatchObject({ message: 'Budget web…', clusterSaid: cause });
    expect(outcomeWords(answer({})).clusterSaid).toBeNull();
  });
});

describe('isBudgetBlock', () => {
  it.each([
    ['blocked', true],
    ['queued', true],
    ['rate-limited', false],
    ['multiple-budgets', false],
    ['evicted', false],
  ] as const)('%s → %j', (outcome, expected) => {
    expect(isBudgetBlock(outcome)).toBe(expected);
  });
});
