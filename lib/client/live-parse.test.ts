import { describe, expect, it } from 'vitest';

import { parseChange, parseSnapshot } from './live-parse';
import { podView, retryView, snapshotOf, stuckRetry, timelineSummary } from './test-views';

describe('parseSnapshot', () => {
  it('reads a snapshot', () => {
    const snapshot = snapshotOf(3, { pods: [podView('web-1')] });
    expect(parseSnapshot(JSON.stringify(snapshot))).toEqual({ ok: true, value: snapshot });
  });

  it.each([
    { why: 'text that is not JSON', data: '{"seq":' },
    {
      why: 'a pod without a phase',
      data: JSON.stringify(
        snapshotOf(1, { pods: [{ ...podView('a'), phase: undefined }] as never }),
      ),
    },
    { why: 'a missing watch status', data: JSON.stringify({ ...snapshotOf(1), watchStatus: {} }) },
  ])('refuses $why, saying where', ({ data }) => {
    const parsed = parseSnapshot(data);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).not.toBe('');
  });
});

describe('parseChange', () => {
  const upsert = { seq: 4, kind: 'upsert', resource: 'pods', view: podView('web-1') };

  it.each([
    { name: 'upsert', change: upsert },
    { name: 'delete', change: { seq: 5, kind: 'delete', resource: 'budgets', uid: 'u' } },
    {
      name: 'watch-status',
      change: {
        seq: 6,
        kind: 'watch-status',
        resource: 'nodes',
        state: 'stale',
        message: 'no events for 5m',
      },
    },
    { name: 'retry', change: { seq: 7, kind: 'retry', entry: retryView(1, 'web-1') } },
    { name: 'stuck', change: { seq: 8, kind: 'stuck', items: [stuckRetry(1, 'web-1')] } },
    { name: 'timeline', change: { seq: 9, kind: 'timeline', summary: timelineSummary('uid-1') } },
  ])('reads a $name event', ({ name, change }) => {
    expect(parseChange(name, JSON.stringify(change))).toEqual({ ok: true, value: change });
  });

  it.each([
    {
      why: 'an upsert whose view is of another kind',
      name: 'upsert',
      change: { ...upsert, resource: 'nodes' },
    },
    {
      why: 'an upsert of an unknown resource',
      name: 'upsert',
      change: { ...upsert, resource: 'secrets' },
    },
    { why: 'an event named differently from its kind', name: 'delete', change: upsert },
    { why: 'an unknown event name', name: 'patch', change: upsert },
    {
      why: 'a retry entry in an unknown state',
      name: 'retry',
      change: { seq: 7, kind: 'retry', entry: { ...retryView(1, 'web-1'), state: 'paused' } },
    },
    {
      why: 'a pod with a bad phase',
      name: 'upsert',
      change: { ...upsert, view: { ...podView('a'), phase: 'Done' } },
    },
  ])('refuses $why', ({ name, change }) => {
    expect(parseChange(name, JSON.stringify(change)).ok).toBe(false);
  });

  it('refuses text that is not JSON', () => {
    expect(parseChange('delete', 'not json')).toMatchObject({ ok: false });
  });
});
