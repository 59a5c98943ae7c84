import { describe, expect, it } from 'vitest';

import {
  classifyEviction,
  MULTIPLE_BUDGETS_MESSAGE,
  type ClusterReply,
} from '@/lib/domain/eviction-outcome';

import { isBudgetBlock, outcomeWords, type ActionAnswer, type EvictT } from './evictions-words';
import { japanese } from './test-translators';

const JAPANESE: EvictT = japanese('EvictWords');

const answer = (overrides: Partial<ActionAnswer>): ActionAnswer => ({
  outcome: 'evicted',
  message: 'm',
  attemptId: 1,
  ...overrides,
});

const reply = (code: number, message = ''): ClusterReply => ({
  kind: 'answer',
  code,
  reason: '',
  message,
  causes: [],
  retryAfterSeconds: undefined,
  status: undefined,
});

describe('outcomeWords', () => {
  it.each<[Partial<ActionAnswer>, string, string]>([
    [{ outcome: 'evicted' }, 'Evicted: the pod will be deleted gracefully', 'healthy'],
    [{ outcome: 'would-evict' }, 'Dry run: the cluster would evict this pod', 'healthy'],
    [{ outcome: 'blocked', budget: 'web' }, 'Blocked by budget web', 'waiting'],
    [{ outcome: 'blocked' }, 'Blocked by budget', 'waiting'],
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

  it('quotes the cluster’s cause, and keeps the server’s message when it reads no cause', () => {
    const cause = 'The disruption budget web is being disrupted';
    const words = outcomeWords(answer({ outcome: 'blocked', message: 'Budget web…', cause }));
    expect(words).toMatchObject({ message: 'Budget web…', clusterSaid: cause });
    expect(outcomeWords(answer({})).clusterSaid).toBeNull();
  });

  const NEEDS = 'The disruption budget web needs 2 healthy pods and has 1 currently';
  const PROCESSING = 'The disruption budget web is still being processed by the server.';
  it.each([
    [NEEDS, false],
    [NEEDS, true],
    [PROCESSING, false],
    [PROCESSING, true],
  ])('says a 429 for “%s” (retry %j) in the server’s own English words', (cause, retry) => {
    const cluster: ClusterReply = {
      kind: 'answer',
      code: 429,
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      causes: [{ reason: 'DisruptionBudget', message: cause, field: '' }],
      retryAfterSeconds: undefined,
      status: undefined,
    };
    const server = classifyEviction(cluster, { dryRun: false, retry });
    expect(server.outcome).toBe(retry ? 'queued' : 'blocked');
    const words = outcomeWords(answer({ ...server, message: 'other words' }));
    expect(words.message).toBe(server.message);
  });

  it.each([
    ['evicted', reply(201), false],
    ['would-evict', reply(200), true],
    ['multiple-budgets', reply(500, MULTIPLE_BUDGETS_MESSAGE), false],
  ] as const)('says %s in the server’s own English words', (outcome, cluster, dryRun) => {
    const server = classifyEviction(cluster, { dryRun, retry: false });
    expect(server.outcome).toBe(outcome);
    expect(outcomeWords(answer({ outcome, message: 'other words' })).message).toBe(server.message);
  });

  it('speaks Japanese, keeping the budget’s name and the cluster’s cause as they are', () => {
    const cause = 'The disruption budget web needs 2 healthy pods and has 2 currently';
    expect(outcomeWords(answer({ outcome: 'queued', budget: 'web', cause }), JAPANESE)).toEqual({
      headline: 'リトライ待ち: PodDisruptionBudget web によりブロック',
      tone: 'waiting',
      message:
        'PodDisruptionBudget に違反するため、この Pod は退避できません。PodDisruptionBudget web は正常な Pod を 2 個必要としていますが、現在 2 個です。Drainboard はリトライを続けます。',
      clusterSaid: cause,
    });
    expect(outcomeWords(answer({ outcome: 'evicted' }), JAPANESE)).toMatchObject({
      headline: '退避しました: Pod はグレースフルに削除されます',
      message: '受理されました: Pod はグレースフルに削除されます。',
    });
    expect(
      outcomeWords(answer({ outcome: 'rate-limited', retryAfterSeconds: 3 }), JAPANESE).headline,
    ).toBe('レート制限: 3秒後にリトライ');
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
