import { describe, expect, it } from 'vitest';

import { factShortWords, factWords } from './timeline-fact-words';

const when = { time: '2026-11-28T10:00:30Z', source: 'cluster' as const };

describe('factWords', () => {
  it('says what is particular to each fact, 0 included', () => {
    const killed = {
      kind: 'container-terminated' as const,
      ...when,
      container: 'web',
      exitCode: 137,
      reason: 'Error',
    };
    expect(factWords(killed)).toBe('Container web terminated, exit 137 (Error)');
    expect(factWords({ ...killed, exitCode: 0, reason: null })).toBe(
      'Container web terminated, exit 0',
    );
    expect(factShortWords(killed)).toBe('web exit 137');
    expect(factWords({ kind: 'finalizers', ...when, finalizers: ['example.com/hold'] })).toBe(
      'Held by finalizers: example.com/hold',
    );
    expect(
      factWords({ kind: 'replacement-ready', ...when, pod: 'web-2', uid: 'u', node: 'node-1' }),
    ).toBe('Replacement web-2 Ready on node-1');
  });

  it('words a request with its answer', () => {
    const request = {
      kind: 'requested' as const,
      ...when,
      attemptId: 1,
      action: 'evict' as const,
      outcome: 'blocked' as const,
      message: 'Budget web needs 3 healthy, has 3.',
      clusterCode: 429,
      retryId: null,
    };
    expect(factWords(request)).toBe(
      'Eviction requested by Drainboard — blocked, HTTP 429: Budget web needs 3 healthy, has 3.',
    );
    expect(factShortWords(request)).toBe('evict → blocked');
  });
});
