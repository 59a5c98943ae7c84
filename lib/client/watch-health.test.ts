import { describe, expect, it } from 'vitest';

import { summariseHealth, type Health } from './watch-health';
import { watchStatusAll } from './test-views';

const synced = watchStatusAll('synced');
const open: Health = { connection: 'open', problem: null, watchStatus: synced };

describe('summariseHealth', () => {
  it.each<{ why: string; health: Health; want: ReturnType<typeof summariseHealth> }>([
    {
      why: 'every watch synced',
      health: open,
      want: { headline: 'Live', detail: null, tone: 'healthy' },
    },
    {
      why: 'a watch reconnecting',
      health: {
        ...open,
        watchStatus: { ...synced, pods: { state: 'reconnecting', message: 'ECONNREFUSED' } },
      },
      want: { headline: 'Reconnecting', detail: 'Pods: ECONNREFUSED', tone: 'waiting' },
    },
    {
      why: 'the stream lost',
      health: { connection: 'reconnecting', problem: null, watchStatus: synced },
      want: {
        headline: 'Reconnecting',
        detail: 'the connection to Drainboard was lost',
        tone: 'waiting',
      },
    },
    {
      why: 'the stream lost, with the reason',
      health: {
        connection: 'reconnecting',
        problem: { kind: 'http', status: 503, message: 'cluster unreachable' },
        watchStatus: null,
      },
      want: { headline: 'Reconnecting', detail: 'cluster unreachable', tone: 'waiting' },
    },
    {
      why: 'an unknown cluster',
      health: {
        connection: 'error',
        problem: { kind: 'not-found', status: 404, message: 'no cluster named "x"' },
        watchStatus: null,
      },
      want: { headline: 'Unavailable', detail: 'no cluster named "x"', tone: 'failed' },
    },
    {
      why: 'no snapshot yet',
      health: { connection: 'open', problem: null, watchStatus: null },
      want: { headline: 'Connecting', detail: null, tone: 'inactive' },
    },
    {
      why: 'watches still listing',
      health: {
        ...open,
        watchStatus: {
          ...synced,
          nodes: { state: 'syncing', message: null },
          events: { state: 'syncing', message: null },
        },
      },
      want: { headline: 'Syncing', detail: 'Nodes; Events', tone: 'progress' },
    },
    {
      why: 'every watch listing, right after the start',
      health: { ...open, watchStatus: watchStatusAll('syncing') },
      want: { headline: 'Syncing', detail: 'every watch', tone: 'progress' },
    },
    {
      why: 'a stale watch, and a reconnecting one first',
      health: {
        ...open,
        watchStatus: {
          ...synced,
          nodes: { state: 'stale', message: 'no news for 5 min' },
          budgets: { state: 'reconnecting', message: null },
        },
      },
      want: { headline: 'Reconnecting', detail: 'PodDisruptionBudgets', tone: 'waiting' },
    },
    {
      why: 'a stale watch',
      health: {
        ...open,
        watchStatus: { ...synced, nodes: { state: 'stale', message: 'no news for 5 min' } },
      },
      want: { headline: 'Stale', detail: 'Nodes: no news for 5 min', tone: 'waiting' },
    },
  ])('$why', ({ health, want }) => {
    expect(summariseHealth(health)).toEqual(want);
  });
});
