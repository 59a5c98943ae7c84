import { describe, expect, it } from 'vitest';

import { groupByNode, visibleTiles } from './node-groups';
import { indexByNode } from './pods-by-node';
import { nodeView, podView } from './test-views';

const nodes = [nodeView('node-10'), nodeView('node-2'), nodeView('node-1')];
const pods = [
  podView('web-b', { nodeName: 'node-1' }),
  podView('web-a', { nodeName: 'node-1' }),
  podView('exporter', { namespace: 'kube-system', nodeName: 'node-2' }),
  podView('ghost', { nodeName: 'node-gone' }),
  podView('pending', { nodeName: null, phase: 'Pending' }),
];

const shape = (groups: ReturnType<typeof groupByNode>) =>
  groups.map((g) => [g.title, g.node === null ? null : g.node.name, g.pods.map((p) => p.name)]);

describe('groupByNode', () => {
  it('lists every node in name order, then nodes known from pods, then the unscheduled', () => {
    expect(shape(groupByNode(nodes, indexByNode(pods), null))).toEqual([
      ['node-1', 'node-1', ['web-a', 'web-b']],
      ['node-2', 'node-2', ['exporter']],
      ['node-10', 'node-10', []],
      ['node-gone', null, ['ghost']],
      ['Unscheduled', null, ['pending']],
    ]);
  });

  it('keeps only the namespace asked for, and every node', () => {
    expect(shape(groupByNode(nodes, indexByNode(pods), 'kube-system'))).toEqual([
      ['node-1', 'node-1', []],
      ['node-2', 'node-2', ['exporter']],
      ['node-10', 'node-10', []],
    ]);
  });
});

describe('groupByNode, from one batch to the next', () => {
  it('keeps the pods array of a node whose pods did not change', () => {
    const index = indexByNode(pods);
    const before = groupByNode(nodes, index, null);
    const after = groupByNode(nodes, new Map([...index, ['node-2', new Map()]]), null);
    expect(after[0]?.pods).toBe(before[0]?.pods);
    expect(after[1]?.pods).not.toBe(before[1]?.pods);
    expect(after[1]?.pods).toEqual([]);
  });
});

describe('visibleTiles', () => {
  const many = [
    podView('a-1'),
    podView('a-2', { isReady: false }),
    podView('a-3'),
    podView('a-4', { deletionTimestamp: '2026-11-28T10:00:00Z' }),
    podView('a-5'),
  ];
  const names = (max: number) => {
    const { shown, hidden } = visibleTiles(many, max);
    return [shown.map((p) => p.name), hidden];
  };

  it('shows every pod up to the limit', () => {
    expect(names(5)).toEqual([['a-1', 'a-2', 'a-3', 'a-4', 'a-5'], 0]);
  });

  it('beyond it, keeps every pod that is not healthy and leaves healthy ones out', () => {
    expect(names(3)).toEqual([['a-1', 'a-2', 'a-4'], 2]);
    expect(names(1)).toEqual([['a-2', 'a-4'], 3]);
  });
});
