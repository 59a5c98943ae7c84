import { describe, expect, it } from 'vitest';
import type { KObject } from '../../store/types';
import {
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from './workloads';

const now = Date.parse('2026-01-01T00:00:00Z');
const created = '2025-12-31T21:00:00Z'; // 3h before now

function obj(
  kind: string,
  spec: Record<string, unknown>,
  status: Record<string, unknown> = {},
): KObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'web', namespace: 'default', creationTimestamp: created },
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'app', image: 'nginx:1.27' },
            { name: 'proxy', image: 'envoy:1.30' },
          ],
        },
      },
      ...spec,
    },
    status,
  };
}

const selector = {
  matchLabels: { app: 'web', tier: 'front' },
  matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'canary'] }],
};

describe('deployments', () => {
  it('prints READY as ready/desired and the wide cells', () => {
    const d = obj(
      'Deployment',
      { replicas: 3, selector },
      { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    );
    expect(deploymentPrinter.row(d, now).cells).toEqual([
      'web',
      '2/3',
      3,
      2,
      '3h',
      'app,proxy',
      'nginx:1.27,envoy:1.30',
      'app=web,env in (canary,prod),tier=front',
    ]);
  });

  it('prints zeros for a fresh deployment, and 0 desired as 0', () => {
    const d = obj('Deployment', { replicas: 0, selector: { matchLabels: { app: 'web' } } });
    expect(deploymentPrinter.row(d, now).cells.slice(0, 4)).toEqual(['web', '0/0', 0, 0]);
  });

  it('prints an empty selector as an empty string, unlike FormatLabelSelector', () => {
    expect(deploymentPrinter.row(obj('Deployment', {}), now).cells[7]).toBe('');
  });

  it('prints <invalid> for a selector Go cannot parse', () => {
    const bad = { matchExpressions: [{ key: 'a', operator: 'Near', values: ['b'] }] };
    expect(deploymentPrinter.row(obj('Deployment', { selector: bad }), now).cells[7]).toBe(
      '<invalid>',
    );
  });
});

describe('replicasets', () => {
  it('prints desired, current and ready as integers', () => {
    const rs = obj(
      'ReplicaSet',
      { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d4f' } } },
      { replicas: 3, readyReplicas: 1 },
    );
    expect(replicaSetPrinter.row(rs, now).cells).toEqual([
      'web',
      3,
      3,
      1,
      '3h',
      'app,proxy',
      'nginx:1.27,envoy:1.30',
      'app=web,pod-template-hash=5d4f',
    ]);
  });

  it('prints <none> for an empty selector', () => {
    expect(replicaSetPrinter.row(obj('ReplicaSet', { replicas: 0 }), now).cells).toEqual([
      'web',
      0,
      0,
      0,
      '3h',
      'app,proxy',
      'nginx:1.27,envoy:1.30',
      '<none>',
    ]);
  });

  it('prints Exists and DoesNotExist requirements', () => {
    const sel = {
      matchExpressions: [
        { key: 'b', operator: 'DoesNotExist' },
        { key: 'a', operator: 'Exists' },
        { key: 'c', operator: 'NotIn', values: ['x'] },
      ],
    };
    expect(replicaSetPrinter.row(obj('ReplicaSet', { selector: sel }), now).cells[7]).toBe(
      'a,!b,c notin (x)',
    );
  });
});

describe('statefulsets', () => {
  it('prints ready/desired and containers', () => {
    const sts = obj('StatefulSet', { replicas: 3 }, { readyReplicas: 3 });
    expect(statefulSetPrinter.row(sts, now).cells).toEqual([
      'web',
      '3/3',
      '3h',
      'app,proxy',
      'nginx:1.27,envoy:1.30',
    ]);
  });
});

describe('daemonsets', () => {
  it('prints the counts and the node selector', () => {
    const ds = obj(
      'DaemonSet',
      {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{ name: 'agent', image: 'agent:2' }],
          },
        },
      },
      {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 2,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
      },
    );
    expect(daemonSetPrinter.row(ds, now).cells).toEqual([
      'web',
      3,
      3,
      2,
      3,
      2,
      'kubernetes.io/os=linux',
      '3h',
      'agent',
      'agent:2',
      'app=agent',
    ]);
  });

  it('prints <none> without a node selector and zeros without status', () => {
    const cells = daemonSetPrinter.row(obj('DaemonSet', {}), now).cells;
    expect(cells.slice(0, 7)).toEqual(['web', 0, 0, 0, 0, 0, '<none>']);
  });
});
