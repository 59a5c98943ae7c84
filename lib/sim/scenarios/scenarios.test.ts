import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type SimCluster } from '../cluster';
import { eventually } from '../testing';
import { parseManifests, scenarioNames } from '.';

const ready = (pod: { status?: { conditions?: { type: string; status: string }[] } }) =>
  (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

describe('scenarios', () => {
  let cluster: SimCluster | undefined;
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  it('offers empty and demo', () => {
    expect(scenarioNames()).toEqual(expect.arrayContaining(['empty', 'demo']));
  });

  it('empty has the usual namespaces and three Ready nodes, and no pods', async () => {
    cluster = await startCluster({ scenario: 'empty' });
    const c = cluster;
    const names = (key: string) => c.store.list(key).map((o) => o.metadata.name);
    expect(names('namespaces')).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    await eventually(
      () => c.store.list('nodes').every(ready) && c.store.list('nodes').length === 3,
    );
    expect(names('nodes')).toEqual(['node-1', 'node-2', 'node-3']);
    expect(c.store.list('pods')).toHaveLength(0);
  });

  it('demo brings its workloads up, pinned as designed, with a budget for each case', async () => {
    cluster = await startCluster({ scenario: 'demo' });
    const c = cluster;
    const pods = () => c.store.list('pods');
    const app = (p: { metadata: { labels?: Record<string, string> } }) => p.metadata.labels?.app;
    // web 3, api 2, worker 2, db 3, checkout 3, search 2, flaky 2, debug-shell 1, node-exporter 3.
    await eventually(
      () => pods().length === 21 && pods().every((p) => ready(p) || app(p) === 'flaky'),
      40_000,
      'the 21 demo pods up (flaky crash-loops by design)',
    );
    expect(
      pods()
        .filter((p) => app(p) === 'flaky')
        .some(ready),
    ).toBe(false);
    const nodesOf = (name: string) =>
      new Set(
        pods()
          .filter((p) => app(p) === name)
          .map((p) => p.spec.nodeName as string),
      );
    for (const pinned of ['api', 'search', 'worker']) {
      expect(nodesOf(pinned).has('node-3'), pinned).toBe(false);
    }
    expect([...nodesOf('debug-shell')]).toEqual(['node-3']);
    expect([...nodesOf('web')].sort()).toEqual(['node-1', 'node-2', 'node-3']);
    const budgets = c.store.list('policy/poddisruptionbudgets', 'shop').map((p) => p.metadata.name);
    expect(budgets).toEqual([
      'api',
      'backend',
      'checkout',
      'db',
      'flaky',
      'search',
      'web',
      'worker',
    ]);
    expect(c.store.list('discovery.k8s.io/endpointslices', 'shop')).toHaveLength(3);
  });

  it('creates extra manifests after the scenario, namespaces first', async () => {
    const extra = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: team}
data: {mode: strict}
---
apiVersion: v1
kind: Namespace
metadata: {name: team}
`;
    cluster = await startCluster({ scenario: 'empty', manifests: [extra] });
    expect(cluster.store.get('configmaps', 'team', 'settings')?.data).toEqual({ mode: 'strict' });
  });

  it('refuses unknown scenarios and kinds it does not serve', async () => {
    await expect(startCluster({ scenario: 'nope' })).rejects.toThrow(/unknown scenario "nope"/);
    await expect(
      startCluster({ manifests: ['apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\n'] }),
    ).rejects.toThrow(/does not serve batch\/v1 Job/);
  });

  it('parses multi-document YAML and List documents', () => {
    const objs = parseManifests(`---
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
---
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
`);
    expect(objs.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(() => parseManifests('kind: [')).toThrow(/invalid YAML/);
  });
});
