import type { Resource, Snapshot, WatchStatus } from '@/lib/domain/changes';
import { ResourceSchema } from '@/lib/domain/changes';
import type { StuckItem } from '@/lib/domain/retries';
import type { TimelineSummary } from '@/lib/domain/timeline-summary';

/** View objects for the browser data layer's tests, shaped as the server sends them. */

export { budgetView, nodeView, podView, retryView } from '@/lib/domain/test-views';

/** Every watch in the same state. */
export function watchStatusAll(
  state: WatchStatus['state'],
  message: string | null = null,
): Record<Resource, WatchStatus> {
  return Object.fromEntries(ResourceSchema.options.map((r) => [r, { state, message }])) as Record<
    Resource,
    WatchStatus
  >;
}

/** A synced snapshot at `seq` holding the given views. */
export function snapshotOf(seq: number, views: Partial<Snapshot> = {}): Snapshot {
  return {
    seq,
    pods: [],
    budgets: [],
    nodes: [],
    owners: [],
    endpoints: [],
    events: [],
    watchStatus: watchStatusAll('synced'),
    retries: [],
    stuck: [],
    timelines: [],
    ...views,
  };
}

/** The stuck item of retry entry `id` (of `shop/{pod}`), never-ready replacement diagnosed. */
export function stuckRetry(id: number, pod: string, overrides: Partial<StuckItem> = {}): StuckItem {
  return {
    kind: 'retry',
    key: `retry:${id}`,
    namespace: 'shop',
    name: pod,
    retryId: id,
    since: '2026-11-28T10:00:00Z',
    title: `Eviction of shop/${pod} pending for 12 min`,
    diagnoses: [
      {
        code: 'never-ready',
        text: 'replacement web-7d9f-x2 has not become Ready for 12 min (never-ready)',
        pods: ['web-7d9f-x2'],
      },
    ],
    remedies: [
      {
        code: 'pause-and-investigate',
        title: 'Pause and investigate',
        detail: 'Look at why the replacement is not Ready.',
      },
    ],
    ...overrides,
  };
}

/** The summary of `shop/{pod}`'s timeline (uid `uid-{pod}`), terminating, evicted by Drainboard. */
export function timelineSummary(
  pod: string,
  overrides: Partial<TimelineSummary> = {},
): TimelineSummary {
  return {
    uid: `uid-${pod}`,
    cluster: 'demo',
    namespace: 'shop',
    pod,
    node: 'node-1',
    owner: { kind: 'ReplicaSet', name: 'web-7d9f', uid: 'uid-rs-web' },
    attribution: 'drainboard',
    startedAt: '2026-11-28T10:00:00Z',
    updatedAt: '2026-11-28T10:00:05Z',
    current: 'terminating',
    totalMs: 5000,
    findings: [],
    inProgress: true,
    ...overrides,
  };
}
