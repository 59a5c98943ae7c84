import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { SimCluster } from '../cluster';
import { RESOURCES } from '../store/resources';
import type { KObject } from '../store/types';
import { eventually, startTestCluster, type TestCluster } from '../testing';
import { sourceKubeConfig, startRehearsal } from '.';

/**
 * A rehearsal of a "real" cluster: the demo scenario, with a cordoned node, a tainted one and
 * a workload full of secrets, read through a kubeconfig context named `prod`.
 */

const SECRET = 'correct-horse-battery-staple';

const billing = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'billing',
    labels: { app: 'billing' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"password":"${SECRET}"}` },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'billing' } },
    template: {
      metadata: { labels: { app: 'billing' }, annotations: { 'vault.example/token': SECRET } },
      spec: {
        containers: [
          {
            name: 'billing',
            image: 'ghcr.io/drainboard/billing:1.0.0',
            args: [`--db-password=${SECRET}`],
            env: [
              { name: 'PASSWORD', value: SECRET },
              {
                name: 'TOKEN',
                valueFrom: { secretKeyRef: { name: 'billing-creds', key: 'token' } },
              },
            ],
            envFrom: [{ configMapRef: { name: 'billing-settings' } }],
            volumeMounts: [
              { name: 'creds', mountPath: '/creds' },
              { name: 'settings', mountPath: '/etc/billing' },
            ],
          },
        ],
        volumes: [
          { name: 'creds', secret: { secretName: 'billing-creds' } },
          { name: 'settings', configMap: { name: 'billing-settings' } },
        ],
      },
    },
  },
};

let source: TestCluster;
let copy: SimCluster;
let sourceConfig: string;

async function call(method: string, path: string, body: object, type = 'application/json') {
  const res = await fetch(`${source.cluster.url}${path}`, {
    method,
    headers: { 'content-type': type },
    body: JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
}

const ready = (p: KObject) =>
  ((p.status?.conditions ?? []) as { type: string; status: string }[]).some(
    (c) => c.type === 'Ready' && c.status === 'True',
  );
const app = (p: KObject) => p.metadata.labels?.app ?? '';

/** Ready pods per `app` label, but the pod no controller owns (not copied). */
function readyByApp(c: SimCluster): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of c.store.list('pods').filter((p) => app(p) !== 'debug-shell')) {
    out[app(p)] = (out[app(p)] ?? 0) + (ready(p) ? 1 : 0);
  }
  return Object.fromEntries(Object.entries(out).sort());
}

/** The sum of `apiserver_request_total` over the verbs that match. */
async function requests(verbs: (verb: string) => boolean): Promise<number> {
  const text = await (await fetch(`${source.cluster.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('apiserver_request_total{'))
    .filter((l) => verbs(/verb="([A-Z]+)"/.exec(l)?.[1] ?? ''))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}
const READS = new Set(['GET', 'LIST', 'WATCH']);
let writesBefore: number;
let listsBefore: number;

async function prepareSource(): Promise<void> {
  source = await startTestCluster({ scenario: 'demo' });
  await call('POST', '/api/v1/namespaces/shop/configmaps', {
    metadata: { name: 'billing-settings' },
    data: { password: SECRET },
  });
  await call('POST', '/apis/apps/v1/namespaces/shop/deployments', billing);
  const merge = 'application/merge-patch+json';
  await call('PATCH', '/api/v1/nodes/node-3', { spec: { unschedulable: true } }, merge);
  const taint = { key: 'dedicated', value: 'db', effect: 'PreferNoSchedule' };
  await call('PATCH', '/api/v1/nodes/node-2', { spec: { taints: [taint] } }, merge);
  await call('PATCH', '/api/v1/nodes/node-1', { metadata: { labels: { disk: 'ssd' } } }, merge);
  const pods = () => source.cluster.store.list('pods');
  const restarted = (p: KObject) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0;
  // The demo's 21 pods and billing's 2: Ready, but flaky's, which crash-loop.
  await eventually(
    () =>
      pods().length === 23 &&
      pods().every((p) => (app(p) === 'flaky' ? restarted(p) && !ready(p) : ready(p))),
    40_000,
    'the source settled',
  );
  const config = parse(source.cluster.kubeconfig());
  config.contexts[0].name = 'prod';
  config['current-context'] = 'prod';
  sourceConfig = join(source.dir, 'clusters.yaml');
  await writeFile(sourceConfig, stringify(config));
}

beforeAll(async () => {
  await prepareSource();
  writesBefore = await requests((v) => !READS.has(v));
  listsBefore = await requests((v) => v === 'LIST');
  copy = await startRehearsal(sourceKubeConfig('prod', sourceConfig));
}, 60_000);

afterAll(async () => {
  await copy?.stop();
  await source?.stop();
});

/** The named objects of a resource in both clusters, reduced by `pick`. */
function both(key: string, pick: (o: KObject) => unknown) {
  const of = (c: SimCluster) =>
    c.store.list(key).map((o) => [`${o.metadata.namespace ?? ''}/${o.metadata.name}`, pick(o)]);
  return { source: of(source.cluster), copy: of(copy) };
}

describe('a rehearsal of a cluster', () => {
  it('copies the nodes: names, labels, taints and schedulability', async () => {
    await eventually(() => copy.store.list('nodes').every(ready), 5000, 'the copied nodes Ready');
    const nodes = both('nodes', (n) => [n.metadata.labels, n.spec?.taints, n.spec?.unschedulable]);
    expect(nodes.copy).toEqual(nodes.source);
    expect(nodes.copy.map(([name]) => name)).toEqual(['/node-1', '/node-2', '/node-3']);
    expect(copy.store.get('nodes', '', 'node-3')?.spec.unschedulable).toBe(true);
    expect(copy.store.get('nodes', '', 'node-2')?.spec.taints).toEqual([
      { key: 'dedicated', value: 'db', effect: 'PreferNoSchedule' },
    ]);
    const namespaces = both('namespaces', (n) => n.metadata.labels);
    expect(namespaces.copy).toEqual(namespaces.source);
  });

  it('copies the workloads with their replicas, but no pod', () => {
    for (const key of ['apps/deployments', 'apps/statefulsets', 'apps/daemonsets']) {
      const w = both(key, (o) => [
        o.spec.replicas,
        o.spec.selector,
        o.spec.template.metadata.labels,
      ]);
      expect(w.copy, key).toEqual(w.source);
    }
    expect(copy.store.list('apps/deployments').map((d) => d.metadata.name)).toContain('billing');
    expect(copy.store.get('pods', 'shop', 'debug-shell')).toBeUndefined();
  });

  it('copies the budgets and the Services', () => {
    const budgets = both('policy/poddisruptionbudgets', (b) => [
      b.spec.selector,
      b.spec.minAvailable,
      b.spec.maxUnavailable,
      b.spec.unhealthyPodEvictionPolicy,
    ]);
    expect(budgets.copy).toEqual(budgets.source);
    expect(budgets.copy).toHaveLength(8);
    const services = both('services', (s) => [
      s.spec.selector,
      s.spec.ports,
      s.spec.clusterIP === 'None',
    ]);
    expect(services.copy).toEqual(services.source);
    expect(services.copy).toHaveLength(3);
  });

  it('gives the copy pods of its own, Ready as in the source, crash loops included', async () => {
    const expected = readyByApp(source.cluster);
    expect(expected).toMatchObject({ web: 3, db: 3, 'node-exporter': 3, billing: 2, flaky: 0 });
    await eventually(
      () => JSON.stringify(readyByApp(copy)) === JSON.stringify(expected),
      30_000,
      `the copy's pods Ready as ${JSON.stringify(expected)}`,
    );
    const flaky = copy.store.list('pods', 'shop').filter((p) => app(p) === 'flaky');
    expect(flaky[0]?.metadata.annotations?.['sim.drainboard.dev/crash-loop']).toBe('true');
    const sourceNames = new Set(source.cluster.store.list('pods').map((p) => p.metadata.uid));
    expect(copy.store.list('pods').some((p) => sourceNames.has(p.metadata.uid))).toBe(false);
  });

  it('copies no ConfigMap and no secret value', () => {
    expect(copy.store.list('configmaps')).toEqual([]);
    const everything = RESOURCES.flatMap((rt) => copy.store.list(rt.key));
    expect(JSON.stringify(everything)).not.toContain(SECRET);
    const [pod] = copy.store.list('pods', 'shop').filter((p) => app(p) === 'billing');
    expect(pod?.spec.volumes).toBeUndefined();
    expect(pod?.spec.containers[0].env).toBeUndefined();
  });
});

function runCli(args: string[]) {
  const tsx = join(import.meta.dirname, '../../../node_modules/.bin/tsx');
  const cli = join(import.meta.dirname, '../cli.ts');
  const child = spawn(tsx, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out, errors: () => err };
}

describe('npm run sim -- --from-context', () => {
  it('refuses an unknown context, naming the known ones, and a scenario besides', async () => {
    const unknown = runCli(['--from-context', 'staging', '--source-kubeconfig', sourceConfig]);
    expect(await unknown.exited).toBe(2);
    expect(unknown.errors()).toContain(`no context "staging" in ${sourceConfig}; known: prod`);
    const both = runCli(['--from-context', 'prod', '--scenario', 'demo']);
    expect(await both.exited).toBe(2);
    expect(both.errors()).toContain('cannot be combined with --scenario or --manifests');
  });

  it('serves a copy of the context', async () => {
    const kubeconfig = join(source.dir, 'copy.kubeconfig');
    const args = ['--from-context', 'prod', '--source-kubeconfig', sourceConfig];
    const r = runCli([...args, '--port', '0', '--kubeconfig', kubeconfig]);
    await eventually(() => r.output().includes('Try: kubectl'), 20_000, 'the CLI up');
    expect(r.output()).toContain(
      'Embedded cluster (rehearsal of context prod) at http://127.0.0.1:',
    );
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(r.output())?.[1];
    const nodes = (await (await fetch(`${url}/api/v1/nodes`)).json()) as { items: KObject[] };
    expect(nodes.items.map((n) => n.metadata.name)).toEqual(['node-1', 'node-2', 'node-3']);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('wrote nothing to the source, and read it with LISTs', async () => {
    expect(await requests((v) => !READS.has(v))).toBe(writesBefore);
    // Nine LISTs per rehearsal: the one above and the CLI's.
    expect(await requests((v) => v === 'LIST')).toBeGreaterThanOrEqual(listsBefore + 18);
  });
});
