import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DrainRequestSchema, type DrainPlan } from '@/lib/domain/drains';
import { eventually, startTestCluster, type TestCluster } from '@/lib/sim/testing';

import { ClusterRegistry } from '../k8s/clusters';
import { LiveClusters } from '../live/live-clusters';
import { makePlan } from '../drains/plan';
import { rehearsalName, rehearsalRoute } from './routes';

/**
 * "Rehearse a drain": an embedded demo cluster plays the real one, reached through a kubeconfig
 * context `prod`; the route copies it into `rehearsal-prod`. The copy has the same nodes,
 * workloads, replica counts and budgets, no ConfigMap data crossed, and a drain plan of every
 * node on the copy matches the one on the original for every pod a controller recreates.
 */

const SECRET = 'not-for-rehearsals-7f3a';
const ORIGIN = 'http://127.0.0.1:3000';

let prod: TestCluster;
let dir: string;
let registry: ClusterRegistry;
let live: LiveClusters;
/** Accepts requests and never answers them: the context `slow`. */
let silent: Server;

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url);
  expect(res.ok, url).toBe(true);
  return (await res.json()) as T;
}

beforeAll(async () => {
  prod = await startTestCluster({ scenario: 'demo' });
  silent = createServer(() => undefined);
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  const slowUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'drainboard-rehearsal-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster: {server: "${prod.cluster.url}", insecure-skip-tls-verify: true}
- name: slow
  cluster: {server: "${slowUrl}", insecure-skip-tls-verify: true}
contexts:
- name: prod
  context: {cluster: prod, user: u}
- name: slow
  context: {cluster: slow, user: u}
current-context: prod
users:
- name: u
  user: {token: t}
`,
  );
  const env = { KUBECONFIG: kubeconfig, DRAINBOARD_DEMO: 'off', DRAINBOARD_DATA_DIR: dir };
  registry = new ClusterRegistry({ env, homeDir: dir, cwd: dir });
  live = new LiveClusters(registry, { lingerMs: 0 });
  const res = await fetch(`${prod.cluster.url}/api/v1/namespaces/shop/configmaps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ metadata: { name: 'settings' }, data: { password: SECRET } }),
  });
  expect(res.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await live?.close();
  await registry?.close();
  await prod?.stop();
  silent?.closeAllConnections();
  await new Promise((done) => silent?.close(done));
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Named = { metadata: { name: string; namespace?: string } };
type Budget = Named & {
  spec: object;
  status?: { disruptionsAllowed?: number; currentHealthy?: number };
};
const list = async <T>(url: string, path: string) =>
  (await get<{ items: T[] }>(`${url}${path}`)).items;

/** The settled demo's budgets but flaky's, whose crash-looping pods come and go. */
const SETTLED = [
  ['api', '0/2'],
  ['backend', '1/2'],
  ['checkout', '1/3'],
  ['db', '1/3'],
  ['search', '1/2'],
  ['web', '1/3'],
  ['worker', '1/2'],
] as const;

/** Budgets as `name → allowed/healthy`; flaky's only `allowed`, its healthy count comes and goes. */
async function budgets(url: string): Promise<Record<string, string>> {
  const items = await list<Budget>(url, '/apis/policy/v1/poddisruptionbudgets');
  return Object.fromEntries(
    items.map((b) => {
      const allowed = b.status?.disruptionsAllowed ?? '?';
      const healthy = b.metadata.name === 'flaky' ? '' : `/${b.status?.currentHealthy ?? '?'}`;
      return [b.metadata.name, `${allowed}${healthy}`];
    }),
  );
}

/** A pod's workload: its name without the ReplicaSet or DaemonSet suffixes. */
function workloadOf(pod: { name: string; owner: { kind: string } | null }): string {
  if (pod.owner?.kind === 'ReplicaSet') return pod.name.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '');
  if (pod.owner?.kind === 'DaemonSet') return pod.name.replace(/-[a-z0-9]{5}$/, '');
  return pod.name;
}

/**
 * What a plan says of the pods controllers make, independent of pod names and placement (pods
 * without a controller are not copied: the list of what a rehearsal copies).
 */
function gist(plan: DrainPlan) {
  const pods = plan.pods
    .filter((p) => p.owner !== null)
    .map((p) =>
      [
        p.namespace,
        workloadOf(p),
        p.action,
        p.skipWhy ?? '',
        p.message ?? '',
        p.dryRun?.verdict ?? '',
        p.budgets.join(','),
      ].join(' | '),
    )
    .sort();
  const waits = plan.budgets
    .map((b) =>
      [
        b.namespace,
        b.name,
        b.allowedNow,
        b.capacity,
        b.atOnce,
        b.waiting,
        b.rounds,
        b.canFinish,
        b.why,
      ].join(' | '),
    )
    .sort();
  return { pods, waits, canStart: plan.canStart, canFinish: plan.canFinish };
}

async function planOf(cluster: string): Promise<DrainPlan> {
  const watch = await live.get(cluster);
  if (watch === undefined) throw new Error(`no watch of ${cluster}`);
  const release = watch.acquire();
  try {
    expect(await watch.whenSynced(15_000)).toBe(true);
    const request = DrainRequestSchema.parse({
      nodes: ['node-1', 'node-2', 'node-3'],
      ignoreDaemonSets: true,
      deleteEmptyDirData: true,
      force: true,
    });
    return await makePlan({ registry }, watch, request, { dryRun: true, now: Date.now() });
  } finally {
    release();
  }
}

/** POSTs a rehearsal of `cluster` with `body` (none when undefined). */
function post(
  cluster: string,
  body?: string,
  opts: { type?: string; sourceTimeoutMs?: number } = {},
): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/clusters/${cluster}/rehearsal`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': opts.type ?? 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  const deps = { registry, live, sourceTimeoutMs: opts.sourceTimeoutMs };
  return rehearsalRoute(deps, request, cluster);
}

const timings = (t: object) => JSON.stringify({ timings: t });

describe('a rehearsal that cannot be made changes nothing', () => {
  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['an unknown field', '{"times": {}}', /Unrecognized key/],
    [
      'a key without a Kind',
      timings({ 'shop/web': {} }),
      /shop\/web: must be namespace\/Kind\/name/,
    ],
    [
      'a bad namespace',
      timings({ 'Shop/Deployment/web': {} }),
      /a namespace name "Shop" is not a valid RFC 1123 label/,
    ],
    ['a Kind not copied', timings({ 'shop/Job/web': {} }), /the Kind must be one of Deployment/],
    [
      'a bad name',
      timings({ 'shop/Deployment/web_1': {} }),
      /a Deployment name "web_1" is not a valid RFC 1123 subdomain/,
    ],
    [
      'a fraction',
      timings({ 'shop/Deployment/web': { startSeconds: 1.5 } }),
      /startSeconds: must be a whole number of seconds from 0 to 600/,
    ],
    [
      'a negative time',
      timings({ 'shop/Deployment/web': { readySeconds: -1 } }),
      /readySeconds: must be/,
    ],
    [
      'too long',
      timings({ 'shop/Deployment/web': { shutdownSeconds: 601 } }),
      /shutdownSeconds: must be/,
    ],
    [
      'a string',
      timings({ 'shop/Deployment/web': { startSeconds: '5' } }),
      /startSeconds: must be/,
    ],
    [
      'milliseconds',
      timings({ 'shop/Deployment/web': { startMs: 5 } }),
      /Unrecognized key: "startMs"/,
    ],
  ])('400 for %s', async (_, body, message) => {
    const res = await post('prod', body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; message: string };
    expect(answer.error).toBe('invalid');
    expect(answer.message).toMatch(message);
    expect(registry.has('rehearsal-prod')).toBe(false);
  });

  it('400 for a body that is not JSON by its type', async () => {
    const res = await post('prod', '{}', { type: 'text/plain' });
    expect(res.status).toBe(400);
    expect(registry.has('rehearsal-prod')).toBe(false);
  });

  it('400, naming the limit, for a body of 1 MiB', async () => {
    const res = await post('prod', timings({ 'shop/Deployment/web': {} }).padEnd(1 << 20));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid',
      message: 'the body is larger than 16384 bytes',
    });
    expect(registry.has('rehearsal-prod')).toBe(false);
  });

  it.each([
    ['an empty body', '', 'application/json'],
    ['a blank body of no JSON type', ' \n', 'text/plain'],
  ])('takes %s as {}: the copy is tried', async (_, body, type) => {
    const res = await post('slow', body, { type, sourceTimeoutMs: 300 });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toBe('timeout');
    expect(registry.has('rehearsal-slow')).toBe(false);
  });

  it('400, naming them, for times of workloads the cluster does not have', async () => {
    const res = await post(
      'prod',
      timings({ 'shop/Deployment/web': { startSeconds: 1 }, 'shop/Deployment/nope': {} }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid',
      message: 'times were given for workloads prod does not have: shop/Deployment/nope',
    });
    expect(registry.has('rehearsal-prod')).toBe(false);
  });

  it('502 in words for a cluster that does not answer within the deadline', async () => {
    const started = Date.now();
    const res = await post('slow', undefined, { sourceTimeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      error: 'timeout',
      message: 'could not read slow to rehearse it: no answer within 0.3 s',
    });
    expect(registry.has('rehearsal-slow')).toBe(false);
  });
});

describe('rehearse a drain', () => {
  it('copies the cluster read-only; a drain plan on the copy matches the original', async () => {
    // The original settles: every demo pod up, its budgets as the README says.
    const settled = await eventually(
      async () => {
        const b = await budgets(prod.cluster.url);
        return SETTLED.every(([name, v]) => b[name] === v) && b;
      },
      40_000,
      'the demo to settle',
    );

    const res = await post('prod');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { cluster: string; kubeconfigPath: string };
    expect(body).toEqual({
      cluster: rehearsalName('prod'),
      kubeconfigPath: join(dir, 'rehearsal-prod.kubeconfig'),
    });
    const copy = (await registry.list()).find((c) => c.name === 'rehearsal-prod');
    expect(copy?.embedded).toEqual({ kind: 'rehearsal', title: 'Rehearsal of prod' });
    const url = copy?.server ?? '';

    // The same nodes, workloads, replicas and budgets, once the copy's pods are up.
    const names = async (u: string, path: string) =>
      (await list<Named & { spec?: { replicas?: number } }>(u, path))
        .map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name} ${o.spec?.replicas ?? ''}`)
        .sort();
    for (const path of [
      '/api/v1/nodes',
      '/apis/apps/v1/deployments',
      '/apis/apps/v1/statefulsets',
      '/apis/apps/v1/daemonsets',
      '/apis/policy/v1/poddisruptionbudgets',
    ]) {
      expect(await names(url, path), path).toEqual(await names(prod.cluster.url, path));
    }
    await eventually(
      async () => {
        const b = await budgets(url);
        expect(b).toEqual(settled);
        return true;
      },
      40_000,
      "the copy's budgets as the original's",
    );

    // Nothing of the ConfigMap crossed.
    const everything = await Promise.all(
      ['/api/v1/pods', '/apis/apps/v1/deployments', '/api/v1/configmaps'].map((p) =>
        fetch(`${url}${p}`).then((r) => r.text()),
      ),
    );
    expect(everything.join('\n')).not.toContain(SECRET);

    const [original, rehearsed] = [await planOf('prod'), await planOf('rehearsal-prod')];
    expect(original.pods.length).toBeGreaterThan(10);
    expect(gist(rehearsed)).toEqual(gist(original));
    const bare = (plan: DrainPlan) => plan.pods.filter((p) => p.owner === null).map((p) => p.name);
    expect(bare(original)).toEqual(['debug-shell']);
    expect(bare(rehearsed)).toEqual([]);
  }, 120_000);
});

type Template = { spec: { template: { metadata: { annotations?: Record<string, string> } } } };

/** The copy's pod template annotations of a Deployment in `shop`. */
async function annotations(url: string, name: string): Promise<Record<string, string>> {
  const d = await get<Template>(`${url}/apis/apps/v1/namespaces/shop/deployments/${name}`);
  return d.spec.template.metadata.annotations ?? {};
}

const serverOf = async (name: string) =>
  (await registry.list()).find((c) => c.name === name)?.server;

describe('a rehearsal again', () => {
  it('takes the times given per workload; the others keep theirs', async () => {
    const before = await serverOf('rehearsal-prod');
    const res = await post(
      'prod',
      timings({
        'shop/Deployment/web': { startSeconds: 7, readySeconds: 0, shutdownSeconds: 45 },
        'shop/StatefulSet/db': { readySeconds: 600 },
      }),
    );
    expect(res.status).toBe(201);
    const url = (await serverOf('rehearsal-prod')) ?? '';
    expect(url).not.toBe(before);
    expect(await annotations(url, 'web')).toMatchObject({
      'sim.drainboard.dev/start-after': '7s',
      'sim.drainboard.dev/ready-after': '0s',
      'sim.drainboard.dev/shutdown-after': '45s',
    });
    const db = await get<Template>(`${url}/apis/apps/v1/namespaces/shop/statefulsets/db`);
    expect(db.spec.template.metadata.annotations?.['sim.drainboard.dev/ready-after']).toBe('600s');
    // worker's grace period is 120 s; not given, its shutdown time stays the default 2 s.
    expect((await annotations(url, 'worker'))['sim.drainboard.dev/shutdown-after']).toBe('2s');
  }, 60_000);

  it('a failed read leaves the earlier copy as it was', async () => {
    const url = (await serverOf('rehearsal-prod')) ?? '';
    const path = join(dir, 'rehearsal-prod.kubeconfig');
    const faults = (body: object | null) =>
      fetch(`${prod.cluster.url}/sim/v1/faults`, {
        method: body === null ? 'DELETE' : 'PUT',
        ...(body === null ? {} : { body: JSON.stringify(body) }),
      });
    try {
      await faults({ errorRate: 1, errorCode: 503 });
      const failed = await post('prod');
      expect(failed.status).toBe(502);
      expect(await failed.json()).toEqual({
        error: 'status',
        message:
          'could not read prod to rehearse it: the server is currently unable to handle the request (injected fault, sim errorRate)',
      });
      await faults({ latencyMs: 2_000 });
      const slow = await post('prod', undefined, { sourceTimeoutMs: 200 });
      expect(slow.status).toBe(502);
      expect(await slow.json()).toEqual({
        error: 'timeout',
        message: 'could not read prod to rehearse it: no answer within 0.2 s',
      });
    } finally {
      await faults(null);
    }
    expect(await serverOf('rehearsal-prod')).toBe(url);
    expect((await fetch(`${url}/version`)).ok).toBe(true);
    expect((await registry.kubeConfig('rehearsal-prod')).getCurrentCluster()?.server).toBe(url);
    await expect(readFile(path, 'utf8')).resolves.toContain(url);
  }, 60_000);
});
