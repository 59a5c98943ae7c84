import { describe, expect, it } from 'vitest';

import { bulkSummary, evictEach, type BulkItem } from './evictions-bulk';
import type { PodTarget } from './evictions-request';
import type { ActionAnswer } from './evictions-words';
import { japanese } from './test-translators';

const target = (pod: string): PodTarget => ({ cluster: 'c', namespace: 'shop', pod, uid: pod });

describe('evictEach', () => {
  it('gives every pod its own result, whatever the others got', async () => {
    const send = async (t: PodTarget): Promise<ActionAnswer> => {
      if (t.pod === 'web-3') throw new Error('network down');
      const outcome = t.pod === 'web-1' ? 'blocked' : 'evicted';
      return { outcome, message: outcome, attemptId: 1 };
    };
    const seen: [string, BulkItem['state']][] = [];
    const results = await evictEach(['web-1', 'web-2', 'web-3'].map(target), send, (uid, item) =>
      seen.push([uid, item.state]),
    );
    expect([...results].map(([uid, item]) => [uid, item.state])).toEqual([
      ['web-1', 'answered'],
      ['web-2', 'answered'],
      ['web-3', 'failed'],
    ]);
    expect(seen.slice(0, 3)).toEqual([
      ['web-1', 'sending'],
      ['web-2', 'sending'],
      ['web-3', 'sending'],
    ]);
    expect(bulkSummary(results.values())).toBe('1 evicted, 1 blocked, 1 failed');
  });
});

describe('bulkSummary', () => {
  const items: BulkItem[] = [
    { state: 'skipped', message: 'not allowed' },
    { state: 'answered', answer: { outcome: 'would-evict', message: '', attemptId: null } },
    { state: 'answered', answer: { outcome: 'blocked', message: '', attemptId: 2 } },
    { state: 'answered', answer: { outcome: 'blocked', message: '', attemptId: 3 } },
  ];

  it('counts in the outcomes’ order, then the pods without an answer', () => {
    expect(bulkSummary(items)).toBe('1 would-evict, 2 blocked, 1 skipped');
  });

  it('counts in Japanese', () => {
    const t = japanese('EvictWords');
    expect(bulkSummary(items, t)).toBe('退避可能 1 件、ブロック 2 件、未送信 1 件');
  });
});
