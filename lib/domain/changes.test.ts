import { describe, expect, it } from 'vitest';

import { ChangeEventSchema, ResourceSchema, SnapshotSchema } from './changes';

const owner = {
  uid: 'rs1',
  kind: 'ReplicaSet',
  namespace: 'shop',
  name: 'web-7d9f',
  owner: { kind: 'Deployment', name: 'web', uid: 'd1' },
  replicas: { desired: 2, current: 2, ready: 1, available: 1, updated: 2 },
};

describe('ChangeEventSchema', () => {
  it.each([
    { seq: 1, kind: 'upsert', resource: 'replicasets', view: owner },
    { seq: 2, kind: 'delete', resource: 'pods', uid: 'uid-1' },
    {
      seq: 3,
      kind: 'watch-status',
      resource: 'budgets',
      state: 'reconnecting',
      message: 'connect ECONNREFUSED',
    },
  ])('accepts a $kind event', (event) => {
    expect(ChangeEventSchema.parse(event)).toEqual(event);
  });

  it.each([
    {
      why: 'a view of another resource',
      event: { seq: 1, kind: 'upsert', resource: 'pods', view: owner },
    },
    {
      why: 'an unknown resource',
      event: { seq: 1, kind: 'delete', resource: 'secrets', uid: 'u' },
    },
    { why: 'a negative seq', event: { seq: -1, kind: 'delete', resource: 'pods', uid: 'u' } },
    {
      why: 'an unknown watch state',
      event: { seq: 1, kind: 'watch-status', resource: 'pods', state: 'ok', message: null },
    },
  ])('rejects $why', ({ event }) => {
    expect(ChangeEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('SnapshotSchema', () => {
  const empty = {
    seq: 0,
    pods: [],
    budgets: [],
    nodes: [],
    owners: [owner],
    endpoints: [],
    events: [],
    retries: [],
    stuck: [],
    timelines: [],
  };
  const status = (state: string) =>
    Object.fromEntries(ResourceSchema.options.map((r) => [r, { state, message: null }]));

  it('needs the status of every watch', () => {
    expect(SnapshotSchema.safeParse({ ...empty, watchStatus: status('synced') }).success).toBe(
      true,
    );
    expect(
      SnapshotSchema.safeParse({
        ...empty,
        watchStatus: { pods: { state: 'synced', message: null } },
      }).success,
    ).toBe(false);
  });

  it('carries the retry queue and the stuck items', () => {
    const full = { ...empty, watchStatus: status('synced') };
    expect(SnapshotSchema.safeParse({ ...full, retries: undefined }).success).toBe(false);
    expect(SnapshotSchema.safeParse({ ...full, stuck: undefined }).success).toBe(false);
  });
});
