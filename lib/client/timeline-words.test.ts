import { describe, expect, it } from 'vitest';

import { timelineSummary } from './test-views';
import { timelineChangeWords } from './timeline-words';

const byUid = (...ts: ReturnType<typeof timelineSummary>[]) => new Map(ts.map((t) => [t.uid, t]));

describe('timelineChangeWords', () => {
  const web1 = timelineSummary('web-1');

  it('announces a new timeline, a phase change and a new finding', () => {
    const before = byUid(web1);
    const after = byUid(
      { ...web1, current: 'gone', findings: ['killed-at-deadline'] },
      timelineSummary('web-2'),
    );
    expect(timelineChangeWords(before, after)).toBe(
      'shop/web-1: Gone. shop/web-1: Killed at deadline. Timeline started: shop/web-2, Terminating.',
    );
  });

  it('says nothing when only durations changed', () => {
    expect(timelineChangeWords(byUid(web1), byUid({ ...web1, totalMs: 9000 }))).toBeNull();
  });
});
