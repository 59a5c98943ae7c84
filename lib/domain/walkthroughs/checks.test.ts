import { describe, expect, it } from 'vitest';

import { evicted, goneAndReplaced, passedAfter429 } from './checks';
import { at, attempt, blocked, pod, STARTED, stateOf, timeline } from './test-states';

describe('evicted', () => {
  it.each([
    ["Drainboard's accepted eviction", stateOf({}, { attempts: [attempt('web-1')] })],
    [
      "the timeline of Drainboard's eviction",
      stateOf({ timelines: [timeline('web-1', { attribution: 'drainboard' })] }),
    ],
    ["kubectl's eviction, from its timeline", stateOf({ timelines: [timeline('web-1')] })],
  ])('sees %s', (_, s) => {
    expect(evicted('web')(s)).toBe(true);
  });

  it.each([
    [
      'an attempt from before the start',
      stateOf({}, { attempts: [attempt('web-1', { time: at(-1) })] }),
    ],
    ['another namespace', stateOf({}, { attempts: [attempt('web-1', { namespace: 'shop' })] })],
    ['another workload', stateOf({}, { attempts: [attempt('webhook-1')] })],
    ['a direct delete', stateOf({ timelines: [timeline('web-1', { attribution: 'deletion' })] })],
    ['a dry run', stateOf({}, { attempts: [attempt('web-1', { outcome: 'would-evict' })] })],
  ])('ignores %s', (_, s) => {
    expect(evicted('web')(s)).toBe(false);
  });
});

describe('passedAfter429', () => {
  it('needs the 429 before the accepted eviction of the same pod', () => {
    const later = stateOf({}, { attempts: [blocked('web-1', { time: at(90) }), attempt('web-1')] });
    expect(passedAfter429('web')(later)).toBe(false);
    const before = stateOf(
      {},
      { attempts: [attempt('web-1', { time: at(90) }), blocked('web-1')] },
    );
    expect(passedAfter429('web')(before)).toBe(true);
  });
});

describe('goneAndReplaced', () => {
  const done = timeline('web-1', { current: 'replacement-ready', inProgress: false });
  it('needs the evicted pod gone from the model', () => {
    expect(
      goneAndReplaced('web')(stateOf({ pods: [pod('web-1', 'web')], timelines: [done] })),
    ).toBe(false);
    expect(goneAndReplaced('web')(stateOf({ timelines: [done] }))).toBe(true);
  });

  it('counts a finished timeline as done even if the replacement was not seen', () => {
    const ended = timeline('web-1', { current: 'gone', inProgress: false });
    expect(goneAndReplaced('web')(stateOf({ timelines: [ended] }))).toBe(true);
  });
});

describe('since the start', () => {
  const done = timeline('web-1', { current: 'replacement-ready', inProgress: false });
  const startedIn = (ms: number) => ({
    ...stateOf({ timelines: [{ ...done, startedAt: at(0) }] }),
    startedAt: new Date(Date.parse(STARTED) + ms).toISOString(),
  });

  it("counts a timeline the cluster dated in the start's own second", () => {
    expect(goneAndReplaced('web')(startedIn(900))).toBe(true);
  });

  it('ignores one dated in the second before', () => {
    expect(goneAndReplaced('web')(startedIn(1000))).toBe(false);
  });
});
