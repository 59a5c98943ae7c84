import { describe, expect, it } from 'vitest';

import { factShortWords, factWords } from './timeline-fact-words';
import { japanese } from './test-translators';

const JA = japanese('TimelineWords');

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

  it('words the other facts, and shortens them for the chart', () => {
    const endpoint = {
      kind: 'endpoint-terminating' as const,
      ...when,
      slice: 'web-abc',
      service: 'web',
      isServing: false,
    };
    expect(factWords(endpoint)).toBe(
      'Endpoint terminating in slice web-abc (service web), not serving',
    );
    expect(factShortWords(endpoint)).toBe('endpoint terminating');
    expect(
      factWords({
        kind: 'disruption-target',
        ...when,
        reason: 'EvictionByEvictionAPI',
        message: null,
      }),
    ).toBe('DisruptionTarget condition set: EvictionByEvictionAPI');
    const created = {
      kind: 'replacement-created' as const,
      ...when,
      pod: 'web-2',
      uid: 'u',
      node: null,
    };
    expect(factWords(created)).toBe('Replacement web-2 created');
    expect(factShortWords(created)).toBe('created');
  });

  it('says them in Japanese, times in its locale', () => {
    const deadline = new Date(2026, 10, 28, 10, 0, 30).toISOString();
    const deletion = {
      kind: 'deletion-started' as const,
      ...when,
      deadline,
      gracePeriodSeconds: 1800,
    };
    expect(factWords(deletion)).toBe(
      'Deletion started: grace period 1800 s, deadline 10:00:30.000',
    );
    expect(factWords(deletion, JA, 'ja')).toBe('削除開始: 猶予期間 1800秒、期限 10:00:30.000');
    const request = {
      kind: 'requested' as const,
      ...when,
      attemptId: 1,
      action: 'evict' as const,
      outcome: null,
      message: null,
      clusterCode: null,
      retryId: 4,
    };
    expect(factWords(request, JA)).toBe(
      'Drainboard が Eviction を要求 (リトライ 4) — まだ応答なし',
    );
    expect(factShortWords(request, JA)).toBe('退避 → まだ応答なし');
  });
});
