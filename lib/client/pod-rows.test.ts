import { describe, expect, it } from 'vitest';

import { indexBudgets } from '@/lib/domain/budget-selection';
import { parseLabelSelector } from '@/lib/domain/selectors';
import type { PodView } from '@/lib/domain/views';

import { UNSCHEDULED, readPodQuery } from './pod-query';
import { podRowBuilder, selectPodRows, type PodFilter } from './pod-rows';
import { toSelection } from './budget-selection';
import { budgetView, podView } from './test-views';

const pods: PodView[] = [
  podView('web-b', { createdAt: '2026-11-28T09:00:00Z' }),
  podView('web-a', { createdAt: '2026-11-28T09:05:00Z', nodeName: 'node-2' }),
  podView('api-1', {
    labels: { app: 'api' },
    createdAt: '2026-11-28T08:00:00Z',
    deletionTimestamp: '2026-11-28T10:00:30Z',
  }),
  podView('exporter', {
    namespace: 'kube-system',
    labels: { app: 'node-exporter' },
    createdAt: '2026-11-28T07:00:00Z',
    owner: { kind: 'DaemonSet', name: 'node-exporter', uid: 'ds' },
  }),
  podView('pending', {
    labels: { app: 'batch' },
    phase: 'Pending',
    nodeName: null,
    isReady: false,
    createdAt: null,
  }),
];

const everything = parseLabelSelector('');
if (!everything.ok) throw new Error(everything.message);
const all: PodFilter = { namespace: null, node: null, state: null, selector: everything.value };
const byName = { sort: 'name', dir: 'asc' } as const;

function names(filter: Partial<PodFilter>, sort: Parameters<typeof selectPodRows>[3] = byName) {
  const rowOf = podRowBuilder(indexBudgets([]));
  return selectPodRows(pods, rowOf, { ...all, ...filter }, sort).map((r) => r.pod.name);
}

describe('selectPodRows', () => {
  it('filters by namespace, node, unscheduled, state and labels', () => {
    expect(names({ namespace: 'kube-system' })).toEqual(['exporter']);
    expect(names({ node: 'node-2' })).toEqual(['web-a']);
    expect(names({ node: UNSCHEDULED })).toEqual(['pending']);
    expect(names({ state: 'Terminating' })).toEqual(['api-1']);
    const selector = parseLabelSelector('app in (web, api)');
    if (!selector.ok) throw new Error(selector.message);
    expect(names({ selector: selector.value })).toEqual(['api-1', 'web-a', 'web-b']);
  });

  it.each([
    [readPodQuery(new URLSearchParams('')), ['exporter', 'api-1', 'pending', 'web-a', 'web-b']],
    [{ sort: 'age', dir: 'asc' } as const, ['web-a', 'web-b', 'api-1', 'exporter', 'pending']],
    [{ sort: 'age', dir: 'desc' } as const, ['pending', 'exporter', 'api-1', 'web-b', 'web-a']],
    [{ sort: 'owner', dir: 'asc' } as const, ['exporter', 'api-1', 'pending', 'web-a', 'web-b']],
    // Descending reverses equal values too: the order is the ascending one, read backwards.
    [{ sort: 'state', dir: 'desc' } as const, ['api-1', 'web-b', 'web-a', 'exporter', 'pending']],
  ])('sorts by %o', (sort, want) => {
    expect(names({}, sort)).toEqual(want);
  });
});

describe('podRowBuilder', () => {
  it('describes a pod with its budgets, and reuses the row of an unchanged pod', () => {
    const rowOf = podRowBuilder(
      indexBudgets(
        [
          budgetView('web', { disruptionsAllowed: 0 }),
          budgetView('all', { selector: { matchLabels: {}, matchExpressions: [] } }),
        ].map(toSelection),
      ),
    );
    const pod = pods[0] as PodView;
    const row = rowOf(pod);
    expect(row).toMatchObject({
      owner: 'ReplicaSet/web-7d9f',
      ready: 1,
      total: 1,
      restarts: 0,
      budgets: [
        { name: 'web', isBlocking: true },
        { name: 'all', isBlocking: false },
      ],
      deadline: null,
      status: { state: 'Running', tone: 'healthy' },
    });
    expect(rowOf(pod)).toBe(row);
    expect(rowOf({ ...pod })).not.toBe(row);
  });
});
