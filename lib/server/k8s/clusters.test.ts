import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '@/lib/sim/testing';
import { ClusterRegistry, type RegistryOptions } from './clusters';
import { startDemoCluster, startEmbeddedCluster, type StartDemo } from './demo';
import { ClusterError } from './errors';
import { listClusterSummaries } from './summaries';

let live: TestCluster;
let tmp: string;
let kubeconfigPath: string;
let deadServer: string;
const registries: ClusterRegistry[] = [];

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function kubeconfig(current: string): string {
  const cluster = (name: string, server: string) =>
    `- name: ${name}\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true\n`;
  const context = (name: string) =>
    `- name: ${name}\n  context:\n    cluster: ${name}\n    user: u\n`;
  return [
    'apiVersion: v1\nkind: Config\nclusters:\n',
    cluster('live', live.cluster.url) + cluster('dead', deadServer),
    'contexts:\n' + context('live') + context('dead'),
    `current-context: ${current}\nusers:\n- name: u\n  user:\n    token: t\n`,
  ].join('');
}

/** A registry over the temp dir; counts demo starts (the real start, only counted). */
function registry(env: RegistryOptions['env'], extra: Partial<RegistryOptions> = {}) {
  const starts = { count: 0 };
  const startDemo: StartDemo = (dir) => {
    starts.count += 1;
    return startDemoCluster(dir);
  };
  const reg = new ClusterRegistry({ env, homeDir: tmp, cwd: tmp, startDemo, ...extra });
  registries.push(reg);
  return { reg, starts };
}

beforeAll(async () => {
  live = await startTestCluster();
  deadServer = `http://127.0.0.1:${await freePort()}`;
  tmp = await mkdtemp(join(tmpdir(), 'drainboard-clusters-'));
  kubeconfigPath = join(tmp, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfig('dead'));
});
afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.close()));
  await fetch(`${live.cluster.url}/sim/v1/faults`, { method: 'DELETE' });
});
afterAll(async () => {
  await live.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe('listing', () => {
  it('lists every context plus demo; the current context is the default', async () => {
    const dataDir = join(tmp, 'data');
    const { reg } = registry({ KUBECONFIG: kubeconfigPath, DRAINBOARD_DATA_DIR: dataDir });
    const list = await reg.list();
    expect(list.map((c) => [c.name, c.server, c.demo, c.default])).toEqual([
      ['live', live.cluster.url, false, false],
      ['dead', deadServer, false, true],
      ['demo', expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), true, false],
    ]);
    expect(reg.defaultCluster()).toBe('dead');
    const demo = list[2];
    expect(demo?.kubeconfigPath).toBe(join(dataDir, 'demo.kubeconfig'));
    expect(await readFile(join(dataDir, 'demo.kubeconfig'), 'utf8')).toContain(demo?.server);
  });

  it('makes demo the default when no kubeconfig exists (data dir defaults to ./.drainboard)', async () => {
    const { reg } = registry({});
    expect(reg.names()).toEqual(['demo']);
    expect(reg.defaultCluster()).toBe('demo');
    const [demo] = await reg.list();
    expect(demo).toMatchObject({ name: 'demo', demo: true, default: true });
    expect(demo?.kubeconfigPath).toBe(join(tmp, '.drainboard', 'demo.kubeconfig'));
  });

  it('removes demo with DRAINBOARD_DEMO=off', async () => {
    const { reg, starts } = registry({ KUBECONFIG: kubeconfigPath, DRAINBOARD_DEMO: 'off' });
    expect((await reg.list()).map((c) => c.name)).toEqual(['live', 'dead']);
    await expect(reg.kubeConfig('demo')).rejects.toMatchObject({ kind: 'unknown-cluster' });
    expect(starts.count).toBe(0);
    const { reg: none } = registry({ DRAINBOARD_DEMO: 'off' });
    expect(await none.list()).toEqual([]);
    expect(none.defaultCluster()).toBeUndefined();
  });

  it('adds in-cluster when KUBERNETES_SERVICE_HOST and the service-account files exist', async () => {
    const sa = join(tmp, 'sa');
    const env = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '6443' };
    const { reg: without } = registry(env, { serviceAccountDir: sa });
    expect(without.names()).toEqual(['demo']);
    await mkdir(sa, { recursive: true });
    await writeFile(join(sa, 'token'), 't');
    await writeFile(join(sa, 'ca.crt'), '');
    const { reg } = registry({ ...env, DRAINBOARD_DEMO: 'off' }, { serviceAccountDir: sa });
    expect(await reg.list()).toEqual([
      { name: 'in-cluster', server: 'https://10.0.0.1:6443', demo: false, default: true },
    ]);
  });

  it('merges KUBECONFIG files first-wins; a broken file is a warning, not a crash', async () => {
    const second = join(tmp, 'second');
    const broken = join(tmp, 'broken');
    await writeFile(second, kubeconfig('live').replace(/- name: dead[\s\S]*?(?=contexts:)/, ''));
    await writeFile(broken, 'clusters: [');
    const paths = [broken, kubeconfigPath, second, join(tmp, 'missing')].join(':');
    const { reg } = registry({ KUBECONFIG: paths, DRAINBOARD_DEMO: 'off' });
    expect((await reg.list()).find((c) => c.default)?.name).toBe('dead');
    expect(reg.warnings).toEqual([expect.stringContaining(broken)]);
  });

  it('lets a kubeconfig context named demo shadow the embedded cluster', async () => {
    const path = join(tmp, 'shadow');
    await writeFile(path, kubeconfig('demo').replaceAll('live', 'demo'));
    const { reg, starts } = registry({ KUBECONFIG: path });
    const list = await reg.list();
    expect(list.map((c) => [c.name, c.demo, c.default])).toEqual([
      ['demo', false, true],
      ['dead', false, false],
    ]);
    expect(starts.count).toBe(0);
    expect(reg.warnings).toHaveLength(1);
  });
});

describe('the demo cluster', () => {
  it('starts once under concurrent calls and is reached over HTTP', async () => {
    const { reg, starts } = registry({ DRAINBOARD_DATA_DIR: join(tmp, 'once') });
    const results = await Promise.all([
      reg.list(),
      reg.kubeConfig('demo'),
      reg.checkReachability('demo'),
      reg.list(),
      reg.kubeConfig('demo'),
    ]);
    expect(starts.count).toBe(1);
    expect(results[2]).toEqual({ reachable: true });
    expect(results[1]).toBe(results[4]);
    expect(results[0]).toEqual(results[3]);
    const pods = await results[1].makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'shop' });
    expect(pods.items.length).toBeGreaterThan(0);
  });

  it('is listed with no server when it cannot start, and retried on the next call', async () => {
    const dataDir = join(tmp, 'not-a-dir');
    await writeFile(dataDir, 'a file where the data directory should be');
    const { reg, starts } = registry({ DRAINBOARD_DATA_DIR: dataDir });
    expect(await reg.list()).toEqual([{ name: 'demo', server: '', demo: true, default: true }]);
    const r = await reg.checkReachability('demo');
    expect(r).toMatchObject({ reachable: false, reason: 'unreachable' });
    expect(starts.count).toBe(2);
  });

  it('is stopped by close()', async () => {
    const { reg } = registry({ DRAINBOARD_DATA_DIR: join(tmp, 'closed') });
    const [demo] = await reg.list();
    await reg.close();
    await expect(fetch(`${demo?.server}/version`)).rejects.toThrow();
    await expect(reg.kubeConfig('demo')).rejects.toBeInstanceOf(ClusterError);
  });
});

describe('reachability', () => {
  const env = () => ({ KUBECONFIG: kubeconfigPath, DRAINBOARD_DEMO: 'off' });

  it('is true for a live cluster, unreachable for a closed port within the timeout', async () => {
    const { reg } = registry(env(), { reachabilityTimeoutMs: 1000 });
    expect(await reg.checkReachability('live')).toEqual({ reachable: true });
    const started = Date.now();
    const dead = await reg.checkReachability('dead');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(dead).toMatchObject({ reachable: false, reason: 'unreachable' });
    if (!dead.reachable) expect(dead.message).toContain('ECONNREFUSED');
  });

  it('is a timeout when /version does not answer in time', async () => {
    await fetch(`${live.cluster.url}/sim/v1/faults`, {
      method: 'PUT',
      body: JSON.stringify({ latencyMs: 3000 }),
    });
    const { reg } = registry(env());
    const started = Date.now();
    expect(await reg.checkReachability('live', 200)).toMatchObject({
      reachable: false,
      reason: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('gives the Status reason for an error answer', async () => {
    await fetch(`${live.cluster.url}/sim/v1/faults`, {
      method: 'PUT',
      body: JSON.stringify({ errorRate: 1, errorCode: 503 }),
    });
    const { reg } = registry(env());
    expect(await reg.checkReachability('live')).toMatchObject({
      reachable: false,
      reason: 'error',
    });
  });
});

describe('unknown cluster names', () => {
  it.each(['nope', '', '../dead', '__proto__', 'constructor', 'DEAD', 'dead '])(
    '%j is a typed not-found error, without starting the demo',
    async (name) => {
      const { reg, starts } = registry({ KUBECONFIG: kubeconfigPath });
      expect(reg.has(name)).toBe(false);
      await expect(reg.kubeConfig(name)).rejects.toMatchObject({
        name: 'ClusterError',
        kind: 'unknown-cluster',
        cluster: name,
      });
      await expect(reg.checkReachability(name)).rejects.toMatchObject({ kind: 'unknown-cluster' });
      expect(starts.count).toBe(0);
    },
  );
});

describe('embedded clusters added at run time', () => {
  it('starts one, lists it with its title and kubeconfig, serves it, then stops it', async () => {
    const dataDir = join(tmp, 'embedded');
    const { reg } = registry({ KUBECONFIG: kubeconfigPath, DRAINBOARD_DATA_DIR: dataDir });
    const yaml = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: learn}\n';
    const started = await reg.addEmbedded('walk-one', {
      kind: 'walkthrough',
      title: 'One',
      start: (dir) =>
        startEmbeddedCluster(dir, 'walk-one', { scenario: 'empty', manifests: [yaml] }),
    });
    expect(reg.has('walk-one')).toBe(true);
    expect(reg.names()).toContain('walk-one');
    const listed = (await reg.list()).find((c) => c.name === 'walk-one');
    expect(listed).toEqual({
      name: 'walk-one',
      server: started.server,
      demo: false,
      default: false,
      kubeconfigPath: join(dataDir, 'walk-one.kubeconfig'),
      embedded: { kind: 'walkthrough', title: 'One' },
    });
    const kc = await reg.kubeConfig('walk-one');
    const ns = await kc.makeApiClient(CoreV1Api).readNamespace({ name: 'learn' });
    expect(ns.metadata?.name).toBe('learn');

    await expect(
      reg.addEmbedded('walk-one', {
        kind: 'walkthrough',
        title: 'again',
        start: () => Promise.reject(new Error('no')),
      }),
    ).rejects.toThrow(/exists/);
    await expect(readFile(started.kubeconfigPath, 'utf8')).resolves.toContain(started.server);
    expect(await reg.removeEmbedded('walk-one')).toBe(true);
    expect(reg.has('walk-one')).toBe(false);
    expect(await reg.removeEmbedded('walk-one')).toBe(false);
    await expect(fetch(`${started.server}/version`)).rejects.toThrow();
    await expect(readFile(started.kubeconfigPath, 'utf8')).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('lists and serves one still starting once it runs, one that fails or is removed not at all', async () => {
    const dataDir = join(tmp, 'starting');
    const env = {
      KUBECONFIG: kubeconfigPath,
      DRAINBOARD_DATA_DIR: dataDir,
      DRAINBOARD_DEMO: 'off',
    };
    const { reg } = registry(env);
    const gates = new Map<string, { open: () => void; fail: () => void }>();
    const gated = (name: string) => ({
      kind: 'rehearsal' as const,
      title: name,
      start: (dir: string) =>
        new Promise<void>((open, fail) =>
          gates.set(name, { open, fail: () => fail(new Error('port')) }),
        ).then(() => startEmbeddedCluster(dir, name, { scenario: 'bare' })),
    });
    const ok = reg.addEmbedded('ok', gated('ok'));
    const bad = reg.addEmbedded('bad', gated('bad')).catch((e: unknown) => e);
    const gone = reg.addEmbedded('gone', gated('gone'));
    expect(reg.names()).toEqual(expect.arrayContaining(['ok', 'bad', 'gone']));

    let listed: string[] | undefined;
    const listing = reg.list().then((all) => (listed = all.map((c) => c.name)));
    const goneConfig = reg.kubeConfig('gone').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    expect(listed).toBeUndefined();
    gates.get('bad')?.fail();
    const removing = reg.removeEmbedded('gone');
    gates.get('gone')?.open();
    gates.get('ok')?.open();
    await listing;
    const running = await ok;
    expect(listed).toEqual(['live', 'dead', 'ok']);
    expect(await bad).toMatchObject({ message: 'port' });
    expect(await removing).toBe(true);
    await expect(gone).resolves.toBeDefined();
    expect(await goneConfig).toMatchObject({ kind: 'unknown-cluster' });
    expect(reg.names()).toEqual(['live', 'dead', 'ok']);
    expect((await reg.list()).find((c) => c.name === 'ok')?.server).toBe(running.server);
    await expect(readFile(join(dataDir, 'gone.kubeconfig'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('GET /api/clusters answers once a starting one runs, listing it reachable', async () => {
    const env = { KUBECONFIG: kubeconfigPath, DRAINBOARD_DATA_DIR: join(tmp, 'get') };
    const { reg } = registry({ ...env, DRAINBOARD_DEMO: 'off' });
    let open: () => void = () => undefined;
    const adding = reg.addEmbedded('soon', {
      kind: 'rehearsal',
      title: 'Rehearsal of live',
      start: (dir) =>
        new Promise<void>((r) => (open = r)).then(() =>
          startEmbeddedCluster(dir, 'soon', { scenario: 'bare' }),
        ),
    });
    const answer = listClusterSummaries(reg);
    open();
    const soon = (await answer).find((c) => c.name === 'soon');
    expect(soon).toMatchObject({ reachable: true, server: (await adding).server });
  });

  it('GET /api/clusters leaves out an embedded cluster removed while it was being listed', async () => {
    const env = { KUBECONFIG: kubeconfigPath, DRAINBOARD_DATA_DIR: join(tmp, 'removed') };
    const { reg } = registry({ ...env, DRAINBOARD_DEMO: 'off' });
    await reg.addEmbedded('brief', {
      kind: 'walkthrough',
      title: 'Brief',
      start: (dir) => startEmbeddedCluster(dir, 'brief', { scenario: 'bare' }),
    });
    // Removed between the listing and its reachability check, as a finished walkthrough is.
    const racing = Object.create(reg) as typeof reg;
    racing.list = async () => {
      const all = await reg.list();
      await reg.removeEmbedded('brief');
      return all;
    };
    const names = (await listClusterSummaries(racing)).map((c) => c.name);
    expect(names).toContain('live');
    expect(names).not.toContain('brief');
  });

  it('a start that fails after its name was removed and added again keeps the new one', async () => {
    const { reg } = registry({
      KUBECONFIG: kubeconfigPath,
      DRAINBOARD_DATA_DIR: join(tmp, 'again'),
    });
    let fail: () => void = () => undefined;
    const first = reg
      .addEmbedded('again', {
        kind: 'rehearsal',
        title: 'first',
        start: () => new Promise((_, reject) => (fail = () => reject(new Error('first')))),
      })
      .catch((e: unknown) => e);
    const removing = reg.removeEmbedded('again');
    const second = reg.addEmbedded('again', {
      kind: 'rehearsal',
      title: 'second',
      start: (dir) => startEmbeddedCluster(dir, 'again', { scenario: 'bare' }),
    });
    fail();
    expect(await first).toMatchObject({ message: 'first' });
    expect(await removing).toBe(true);
    await second;
    expect(reg.has('again')).toBe(true);
    expect((await reg.list()).find((c) => c.name === 'again')?.embedded?.title).toBe('second');
  });

  it('a cluster that cannot start is not added', async () => {
    const { reg } = registry({ KUBECONFIG: kubeconfigPath });
    await expect(
      reg.addEmbedded('broken', {
        kind: 'rehearsal',
        title: 'x',
        start: () => Promise.reject(new Error('port')),
      }),
    ).rejects.toThrow('port');
    expect(reg.has('broken')).toBe(false);
  });
});
