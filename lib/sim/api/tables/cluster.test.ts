import { describe, expect, it } from 'vitest';
import type { KObject } from '../../store/types';
import {
  configMapPrinter,
  namespacePrinter,
  nodePrinter,
  nodeRoles,
  podDisruptionBudgetPrinter,
} from './cluster';

const now = Date.parse('2026-01-01T00:00:00Z');

function obj(
  kind: string,
  fields: Record<string, unknown>,
  labels?: Record<string, string>,
): KObject {
  return {
    apiVersion: 'v1',
    kind,
    metadata: { name: 'x', creationTimestamp: '2025-12-28T00:00:00Z', labels },
    ...fields,
  };
}

describe('nodes', () => {
  const info = {
    kubeletVersion: 'v1.32.0',
    osImage: 'Debian GNU/Linux 12 (bookworm)',
    kernelVersion: '6.1.0-18-amd64',
    containerRuntimeVersion: 'containerd://1.7.13',
  };
  const node = (ready: string | undefined, unschedulable = false, labels = {}) =>
    obj(
      'Node',
      {
        spec: { unschedulable },
        status: {
          conditions: [
            { type: 'MemoryPressure', status: 'False' },
            ...(ready === undefined ? [] : [{ type: 'Ready', status: ready }]),
          ],
          addresses: [
            { type: 'Hostname', address: 'x' },
            { type: 'InternalIP', address: '172.18.0.2' },
          ],
          nodeInfo: info,
        },
      },
      labels,
    );

  it('prints a ready control-plane node, wide', () => {
    const n = node('True', false, { 'node-role.kubernetes.io/control-plane': '' });
    expect(nodePrinter.row(n, now).cells).toEqual([
      'x',
      'Ready',
      'control-plane',
      '4d',
      'v1.32.0',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.1.0-18-amd64',
      'containerd://1.7.13',
    ]);
  });

  it.each([
    ['True', true, 'Ready,SchedulingDisabled'],
    ['False', false, 'NotReady'],
    ['Unknown', false, 'NotReady'],
    [undefined, false, 'Unknown'],
    [undefined, true, 'Unknown,SchedulingDisabled'],
  ] as const)('Ready=%s unschedulable=%s → %s', (ready, cordoned, want) => {
    expect(nodePrinter.row(node(ready, cordoned), now).cells[1]).toBe(want);
  });

  it('prints <none> roles and <unknown> node info when unset', () => {
    const bare = obj('Node', {});
    expect(nodePrinter.row(bare, now).cells).toEqual([
      'x',
      'Unknown',
      '<none>',
      '4d',
      '',
      '<none>',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);
  });

  it('collects roles from both label conventions, sorted and de-duplicated', () => {
    expect(
      nodeRoles({
        'node-role.kubernetes.io/worker': '',
        'node-role.kubernetes.io/control-plane': 'true',
        'node-role.kubernetes.io/': '',
        'kubernetes.io/role': 'worker',
        'kubernetes.io/hostname': 'x',
      }),
    ).toEqual(['control-plane', 'worker']);
  });
});

describe('namespaces', () => {
  it('prints the phase', () => {
    expect(
      namespacePrinter.row(obj('Namespace', { status: { phase: 'Terminating' } }), now).cells,
    ).toEqual(['x', 'Terminating', '4d']);
  });
});

describe('configmaps', () => {
  it('counts data and binaryData keys, 0 when empty', () => {
    const cm = obj('ConfigMap', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } });
    expect(configMapPrinter.row(cm, now).cells).toEqual(['x', 3, '4d']);
    expect(configMapPrinter.row(obj('ConfigMap', {}), now).cells).toEqual(['x', 0, '4d']);
  });
});

describe('poddisruptionbudgets', () => {
  it('prints N/A for the unset bound and keeps 0 allowed disruptions', () => {
    const pdb = obj('PodDisruptionBudget', {
      spec: { minAvailable: 2 },
      status: { disruptionsAllowed: 0 },
    });
    expect(podDisruptionBudgetPrinter.row(pdb, now).cells).toEqual(['x', '2', 'N/A', 0, '4d']);
  });

  it('prints percentages as given', () => {
    const pdb = obj('PodDisruptionBudget', {
      spec: { maxUnavailable: '25%' },
      status: { disruptionsAllowed: 1 },
    });
    expect(podDisruptionBudgetPrinter.row(pdb, now).cells).toEqual(['x', 'N/A', '25%', 1, '4d']);
  });

  it('prints 0 as a bound and 0 allowed without a status', () => {
    const pdb = obj('PodDisruptionBudget', { spec: { maxUnavailable: 0 } });
    expect(podDisruptionBudgetPrinter.row(pdb, now).cells).toEqual(['x', 'N/A', '0', 0, '4d']);
  });
});
