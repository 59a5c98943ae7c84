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

  it('demo brings every workload to Ready, spread over the nodes', async () => {
    cluster = await startCluster({ scenario: 'demo' });
    const c = cluster;
    // web 3 + api 2 + worker 2 + db 3 + one node-exporter per node.
    await eventually(
      () => {
        const pods = c.store.list('pods');
        return pods.length === 13 && pods.every(ready);
      },
      30_000,
      'all 13 demo pods Ready',
    );
    const nodes = new Set(c.store.list('pods').map((p) => p.spec.nodeName as string));
    expect([...nodes].sort()).toEqual(['node-1', 'node-2', 'node-3']);
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
