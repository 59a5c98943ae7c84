import { describe, expect, it } from 'vitest';
import type { KObject } from '../store/types';
import { tableResourceKeys, toTable } from './tables';

const now = Date.parse('2026-01-01T00:00:00Z');

const pod: KObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-0',
    namespace: 'shop',
    uid: 'u-1',
    resourceVersion: '42',
    creationTimestamp: '2025-12-31T23:55:00Z',
    labels: { app: 'web' },
  },
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
  status: {
    phase: 'Running',
    podIPs: [{ ip: '10.244.0.7' }],
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }],
  },
};

describe('toTable', () => {
  it('prints a pod list as kube-apiserver does, metadata-only objects by default', () => {
    const table = toTable('pods', [pod], now, {
      includeObject: 'Metadata',
      listMeta: { resourceVersion: '57' },
    });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '57' });
    expect(table.columnDefinitions?.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
    expect(table.rows).toEqual([
      {
        cells: ['web-0', '1/1', 'Running', '0', '5m', '10.244.0.7', 'node-1', '<none>', '<none>'],
        object: {
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: pod.metadata,
        },
      },
    ]);
  });

  it('serialises column definitions with every field, as Go does', () => {
    const [name, ready] =
      toTable('pods', [], now, { includeObject: 'None' }).columnDefinitions ?? [];
    expect(Object.keys(name ?? {})).toEqual(['name', 'type', 'format', 'description', 'priority']);
    expect(ready?.description).toBe(
      'The aggregate readiness state of this pod for accepting traffic.',
    );
    expect(name?.description).toMatch(/^Name must be unique within a namespace\./);
  });

  it('embeds the whole object for includeObject=Object and none for None', () => {
    expect(toTable('pods', [pod], now, { includeObject: 'Object' }).rows[0]?.object).toBe(pod);
    const row = toTable('pods', [pod], now, { includeObject: 'None' }).rows[0];
    expect(row !== undefined && 'object' in row).toBe(false);
  });

  it('leaves the column definitions out with noHeaders, for watch events after the first', () => {
    const table = toTable('pods', [pod], now, { includeObject: 'Metadata', noHeaders: true });
    expect('columnDefinitions' in table).toBe(false);
    expect(table.rows).toHaveLength(1);
  });

  it('carries list metadata, keeping a remaining count of 0', () => {
    const table = toTable('pods', [], now, {
      includeObject: 'Metadata',
      listMeta: { resourceVersion: '9', continue: 'abc', remainingItemCount: 0 },
    });
    expect(table.metadata).toEqual({
      resourceVersion: '9',
      continue: 'abc',
      remainingItemCount: 0,
    });
    expect(table.rows).toEqual([]);
    expect(
      toTable('pods', [], now, { includeObject: 'None', listMeta: { continue: '' } }).metadata,
    ).toEqual({});
  });

  it('adds Completed row conditions for terminal pods', () => {
    const done = { ...pod, status: { phase: 'Succeeded' } };
    expect(toTable('pods', [done], now, { includeObject: 'None' }).rows[0]?.conditions).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
  });

  it('prints Name and Created At for resources without a printer', () => {
    const secret: KObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'token', creationTimestamp: '2025-06-01T12:30:45.250Z' },
    };
    const bare: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bare' } };
    const table = toTable('secrets', [secret, bare], now, { includeObject: 'None' });
    expect(table.columnDefinitions?.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Created At', 'date', '', 0],
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['token', '2025-06-01T12:30:45Z'],
      ['bare', '0001-01-01T00:00:00Z'],
    ]);
  });

  it('does not let a caller edit the shared column definitions', () => {
    const first = toTable('nodes', [], now, { includeObject: 'None' });
    const col = first.columnDefinitions?.[0];
    if (col) col.name = 'changed';
    expect(toTable('nodes', [], now, { includeObject: 'None' }).columnDefinitions?.[0]?.name).toBe(
      'Name',
    );
  });
});

describe('tableResourceKeys', () => {
  it('lists the resources with a dedicated printer', () => {
    expect([...tableResourceKeys].sort()).toEqual([
      'apps/daemonsets',
      'apps/deployments',
      'apps/replicasets',
      'apps/statefulsets',
      'configmaps',
      'discovery.k8s.io/endpointslices',
      'events',
      'namespaces',
      'nodes',
      'pods',
      'policy/poddisruptionbudgets',
      'services',
    ]);
  });

  // Table's contract: every row has exactly one cell per column definition.
  it.each(tableResourceKeys.concat('secrets'))('%s rows match its columns', (key) => {
    const empty: KObject = { apiVersion: 'v1', kind: 'X', metadata: { name: 'n' } };
    const table = toTable(key, [empty], now, { includeObject: 'None' });
    const columns = table.columnDefinitions ?? [];
    expect(table.rows[0]?.cells).toHaveLength(columns.length);
    expect(columns.filter((c) => c.format === 'name').map((c) => c.name)).toEqual(['Name']);
    for (const c of columns) expect(c.description).not.toBe('');
  });
});
