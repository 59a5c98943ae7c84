import { describe, expect, it } from 'vitest';

import type { PodColumn } from './pod-query';
import { sortByKeys, sortKeys, type SortParts } from './pod-sort';

const parts = (name: string, over: Partial<SortParts> = {}): SortParts => ({
  namespace: 'shop',
  name,
  owner: '',
  node: 'node-1',
  state: 'Running',
  budgets: '',
  readyShare: 1,
  restarts: 0,
  createdAt: 1_000,
  ...over,
});

const rows = [
  parts('web-10', { restarts: 2, createdAt: 3_000, node: 'node-10' }),
  parts('web-9', { restarts: 10, createdAt: null, node: 'node-2', readyShare: 0 }),
  parts('api', { namespace: 'a', restarts: 0, createdAt: 2_000, node: 'node-2' }),
].map((p) => ({ name: p.name, keys: sortKeys(p) }));

const order = (column: PodColumn, dir: 'asc' | 'desc' = 'asc') =>
  sortByKeys(rows, column, dir).map((r) => r.name);

describe('sortByKeys', () => {
  it.each<[PodColumn, string[]]>([
    ['namespace', ['api', 'web-9', 'web-10']],
    ['name', ['api', 'web-9', 'web-10']],
    ['restarts', ['api', 'web-10', 'web-9']],
    ['age', ['web-10', 'api', 'web-9']],
    ['ready', ['web-9', 'api', 'web-10']],
    ['node', ['api', 'web-9', 'web-10']],
  ])('by %s, numbers as numbers and an unknown age last', (column, want) => {
    expect(order(column)).toEqual(want);
  });

  it('reads the ascending order backwards when descending', () => {
    expect(order('restarts', 'desc')).toEqual(['web-9', 'web-10', 'api']);
  });
});
