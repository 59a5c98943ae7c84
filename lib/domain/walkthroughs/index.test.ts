import { describe, expect, it } from 'vitest';

import { progressOf, walkthroughById, WALKTHROUGHS } from './index';
import { attempt, pod, stateOf, timeline } from './test-states';

const w = walkthroughById('no-budget');
if (!w) throw new Error('no-budget is missing');
const solo = 'solo-5bd-w8k';
const dryRun = attempt(solo, { outcome: 'would-evict' });
const evicted = attempt(solo);

describe('walkthroughById', () => {
  it('finds every walkthrough by its id, and nothing else', () => {
    for (const x of WALKTHROUGHS) expect(walkthroughById(x.id)).toBe(x);
    expect(walkthroughById('demo')).toBeUndefined();
  });
});

describe('progressOf', () => {
  it('ticks nothing before the learner acts', () => {
    expect([...progressOf(w, stateOf({ pods: [pod(solo, 'solo')] }), new Set())]).toEqual([]);
  });

  it('ticks the steps done, in order', () => {
    const s = stateOf({}, { attempts: [evicted, dryRun] });
    expect([...progressOf(w, s, new Set())]).toEqual(['dry-run', 'evict']);
  });

  it('ticks a step only after every step before it', () => {
    const s = stateOf({}, { attempts: [evicted] });
    expect([...progressOf(w, s, new Set())]).toEqual([]);
    expect([...progressOf(w, s, new Set(['dry-run']))]).toEqual(['dry-run', 'evict']);
  });

  it('keeps a ticked step ticked when its check no longer holds, and drops unknown ids', () => {
    const gone = timeline(solo, { current: 'replacement-ready', inProgress: false });
    const done = new Set(['dry-run', 'evict', 'renamed-step']);
    expect([...progressOf(w, stateOf({ timelines: [gone] }), done)]).toEqual([
      'dry-run',
      'evict',
      'see-gone',
    ]);
  });
});
