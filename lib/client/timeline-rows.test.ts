import { describe, expect, it } from 'vitest';

import {
  liveDurationMs,
  readTimelineQuery,
  timelineChoices,
  timelineOfPod,
  timelineRows,
} from './timeline-rows';
import { timelineSummary } from './test-views';

const params = (query: string) => new URLSearchParams(query);
const ALL = readTimelineQuery(params(''));

describe('readTimelineQuery', () => {
  it('reads every filter from the URL, absent meaning all', () => {
    expect(ALL).toEqual({ namespace: null, node: null, owner: null, inProgressOnly: false });
    expect(readTimelineQuery(params('namespace=shop&node=n1&owner=web-7d9f&inProgress=1'))).toEqual(
      {
        namespace: 'shop',
        node: 'n1',
        owner: 'web-7d9f',
        inProgressOnly: true,
      },
    );
  });
});

describe('timelineRows', () => {
  const older = timelineSummary('web-1', { startedAt: '2026-11-28T10:00:00Z' });
  const newer = timelineSummary('web-2', {
    startedAt: '2026-11-28T10:05:00Z',
    node: 'node-2',
    inProgress: false,
    current: 'replacement-ready',
  });
  const other = timelineSummary('db-0', {
    namespace: 'data',
    owner: { kind: 'StatefulSet', name: 'db', uid: 'uid-db' },
    startedAt: '2026-11-28T10:01:00Z',
  });
  const all = [older, newer, other];

  it('lists newest first', () => {
    expect(timelineRows(all, ALL).map((r) => r.ref)).toEqual([
      'shop/web-2',
      'data/db-0',
      'shop/web-1',
    ]);
  });

  it('filters by namespace, node, owner and in progress', () => {
    const refs = (q: Partial<typeof ALL>) => timelineRows(all, { ...ALL, ...q }).map((r) => r.ref);
    expect(refs({ namespace: 'shop' })).toEqual(['shop/web-2', 'shop/web-1']);
    expect(refs({ node: 'node-2' })).toEqual(['shop/web-2']);
    expect(refs({ owner: 'db' })).toEqual(['data/db-0']);
    expect(refs({ inProgressOnly: true })).toEqual(['data/db-0', 'shop/web-1']);
    expect(refs({ namespace: 'none' })).toEqual([]);
  });

  it('offers the nodes and owners named, sorted', () => {
    expect(timelineChoices(all)).toEqual({
      nodes: ['node-1', 'node-2'],
      owners: ['db', 'web-7d9f'],
    });
  });
});

describe('liveDurationMs', () => {
  const [row] = timelineRows([timelineSummary('web-1', { totalMs: 5000 })], ALL);
  const start = Date.parse('2026-11-28T10:00:00Z');

  it('ticks while in progress and is the total once over; 0 stays 0', () => {
    expect(liveDurationMs(row!, start + 12_000)).toBe(12_000);
    expect(
      liveDurationMs({ ...row!, summary: { ...row!.summary, inProgress: false } }, start + 60_000),
    ).toBe(5000);
    const zero = { ...row!, summary: { ...row!.summary, inProgress: false, totalMs: 0 } };
    expect(liveDurationMs(zero, null)).toBe(0);
  });

  it('is unknown when a boundary was not observed', () => {
    expect(
      liveDurationMs({ ...row!, summary: { ...row!.summary, totalMs: null } }, start),
    ).toBeNull();
  });
});

describe('timelineOfPod', () => {
  it('finds by UID when the pod is known, else the newest of the same name', () => {
    const a = timelineSummary('web-1', { uid: 'a', startedAt: '2026-11-28T10:00:00Z' });
    const b = timelineSummary('web-1', { uid: 'b', startedAt: '2026-11-28T11:00:00Z' });
    const map = new Map([a, b].map((t) => [t.uid, t]));
    expect(timelineOfPod(map, { uid: 'a', namespace: 'shop', name: 'web-1' })).toBe(a);
    expect(timelineOfPod(map, { uid: 'c', namespace: 'shop', name: 'web-1' })).toBeNull();
    expect(timelineOfPod(map, { namespace: 'shop', name: 'web-1' })).toBe(b);
    expect(timelineOfPod(map, { namespace: 'shop', name: 'web-9' })).toBeNull();
  });
});
