import { execFile as execFileCb, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually, startTestCluster, type TestCluster, kubectlEnv } from './testing';

const execFile = promisify(execFileCb);
const KUBECTL = '/usr/bin/kubectl';
const FLAGS = ['--ignore-daemonsets', '--delete-emptydir-data', '--force'];
/** ALLOWED DISRUPTIONS of `kubectl get pdb` once the demo has settled (README table). */
const ALLOWED = 'api=0 backend=1 checkout=1 db=1 flaky=0 search=1 web=1 worker=1';
const PDB_REFUSAL = "Cannot evict pod as it would violate the pod's disruption budget.";

interface Pod {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    deletionTimestamp?: string;
    ownerReferences?: { kind: string }[];
  };
  spec: { nodeName?: string };
  status: { phase?: string; conditions?: { type: string; status: string }[] };
}
interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

const argv = (tc: TestCluster, args: string[]) => [
  ...['--kubeconfig', tc.kubeconfigPath, '--cache-dir', join(tc.dir, 'cache')],
  ...args,
];
const env = (tc: TestCluster) => kubectlEnv(tc.dir);

/** Runs the real kubectl; resolves with its exit code and output whatever the code. */
async function run(tc: TestCluster, ...args: string[]): Promise<Result> {
  try {
    const opts = { env: env(tc), timeout: 60_000 };
    const { stdout, stderr } = await execFile(KUBECTL, argv(tc, args), opts);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as Partial<Result> & { code?: unknown };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** Like run, but it must exit 0 with an empty stderr. */
async function kubectl(tc: TestCluster, ...args: string[]): Promise<string> {
  const r = await run(tc, ...args);
  if (r.code !== 0 || r.stderr !== '') {
    throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  }
  return r.stdout;
}

async function getPods(tc: TestCluster, ...args: string[]): Promise<Pod[]> {
  const out = await kubectl(tc, 'get', 'pods', ...args, '-o', 'json');
  return (JSON.parse(out) as { items: Pod[] }).items;
}

/** Upstream groups drain's warnings in a Go map: the two groups come in either order. */
function warnings(daemonPods: string[]): string[] {
  const ds = `ignoring DaemonSet-managed Pods: ${daemonPods.join(', ')}`;
  const naked = 'deleting Pods that declare no controller: shop/debug-shell';
  return [`Warning: ${ds}; ${naked}\n`, `Warning: ${naked}; ${ds}\n`];
}

const ref = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
const isReady = (p: Pod) =>
  p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
const onNode = (tc: TestCluster, node: string) =>
  getPods(tc, '-A', '--field-selector', `spec.nodeName=${node}`);

/** The STATUS column of `kubectl get node`. */
async function nodeStatus(tc: TestCluster, node: string): Promise<string | undefined> {
  return (await kubectl(tc, 'get', 'node', node, '--no-headers')).split(/\s+/)[1];
}

/** Waits until every demo pod is up (flaky crash-loops) and `kubectl get pdb` shows ALLOWED. */
async function settle(tc: TestCluster): Promise<void> {
  await eventually(
    async () => {
      const pdbs = await kubectl(tc, 'get', 'pdb', '-n', 'shop', '--no-headers');
      const allowed = pdbs
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/))
        .map(([name, , , n]) => `${name}=${n}`);
      if (allowed.sort().join(' ') !== ALLOWED) return false;
      const pods = await getPods(tc, '-n', 'shop');
      return (
        pods.length === 18 && pods.every((p) => p.metadata.name.startsWith('flaky-') || isReady(p))
      );
    },
    40_000,
    'the demo to settle',
  );
}

let a: TestCluster; // drain node-3, then uncordon it
let b: TestCluster; // drain node-1 (blocked)
let c: TestCluster; // server dry run on node-3

beforeAll(async () => {
  const start = () => startTestCluster({ scenario: 'demo' });
  [a, b, c] = await Promise.all([start(), start(), start()]);
  await Promise.all([a, b, c].map(settle));
}, 60_000);

afterAll(async () => {
  await Promise.all([a, b, c].map((tc) => tc?.stop()));
});

describe('kubectl drain against the demo scenario', () => {
  it('drains node-3: evicts every non-daemon pod, replacements run elsewhere', async () => {
    const before = await onNode(a, 'node-3');
    const daemon = before.filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet');
    const evictable = before.filter((p) => !daemon.includes(p)).map(ref);
    expect(daemon.map(ref)).toEqual([expect.stringMatching(/^kube-system\/node-exporter-\w{5}$/)]);
    expect(evictable).toEqual(
      expect.arrayContaining(['shop/debug-shell', expect.stringMatching(/^shop\/db-\d$/)]),
    );
    for (const app of ['web', 'checkout']) {
      expect(evictable.filter((p) => p.startsWith(`shop/${app}-`))).toHaveLength(1);
    }

    // Web's budget as kubectl streams it, for the 1 → 0 → 1 history.
    const watch = spawn(
      KUBECTL,
      argv(a, ['get', 'pdb', 'web', '-n', 'shop', '-w', '-o']).concat(
        'jsonpath={.status.disruptionsAllowed} {.status.conditions[0].reason}{"\\n"}',
      ),
      { env: env(a) },
    );
    let seen = '';
    watch.stdout.on('data', (d: Buffer) => (seen += d.toString()));
    try {
      await eventually(() => seen === '1 SufficientPods\n', 10_000, 'the pdb watch');

      const r = await run(a, 'drain', 'node-3', ...FLAGS);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('node/node-3 cordoned');
      expect(lines.slice(-2)).toEqual(['node/node-3 drained', '']);
      expect(lines).toHaveLength(3 + 2 * evictable.length);
      const evicting = lines.filter((l) => l.startsWith('evicting pod ')).sort();
      expect(evicting).toEqual(evictable.map((p) => `evicting pod ${p}`).sort());
      const evicted = lines.filter((l) => l.endsWith(' evicted')).sort();
      expect(evicted).toEqual(evictable.map((p) => `pod/${p.split('/')[1]} evicted`).sort());
      expect(r.stderr).toBeOneOf(warnings(daemon.map(ref)));

      expect((await onNode(a, 'node-3')).map((p) => p.metadata.uid)).toEqual(
        daemon.map((p) => p.metadata.uid),
      );
      expect(await nodeStatus(a, 'node-3')).toBe('Ready,SchedulingDisabled');
      // 17 controller pods again, none on node-3; web and db replacements Ready.
      const pods = await eventually(
        async () => {
          const all = await getPods(a, '-n', 'shop');
          const back = all.filter((p) => !p.metadata.deletionTimestamp);
          const ok = ['web', 'db'].every((app) =>
            back.filter((p) => p.metadata.name.startsWith(`${app}-`)).every(isReady),
          );
          return all.length === 17 && back.length === 17 && ok && all;
        },
        30_000,
        'the replacements',
      );
      expect(pods.filter((p) => p.spec.nodeName === 'node-3')).toEqual([]);
      expect(pods.map((p) => p.metadata.name)).not.toContain('debug-shell');
      expect(pods.filter((p) => /^db-[0-2]$/.test(p.metadata.name))).toHaveLength(3);
      await eventually(() => seen.endsWith('1 SufficientPods\n'), 10_000, 'web allowed again');
      const history = seen.split('\n').filter((l, i, all) => l !== '' && l !== all[i - 1]);
      expect(history).toEqual(['1 SufficientPods', '0 InsufficientPods', '1 SufficientPods']);
    } finally {
      watch.kill();
    }
  }, 90_000);

  it('drain node-1 times out on the always-blocked api pod', async () => {
    const pods = await onNode(b, 'node-1');
    const api = pods.find((p) => p.metadata.name.startsWith('api-'));
    const search = pods.find((p) => p.metadata.name.startsWith('search-'));
    if (!api || !search) throw new Error('no api or search pod on node-1');
    const [apiName, searchName] = [api.metadata.name, search.metadata.name];

    const r = await run(b, 'drain', 'node-1', ...FLAGS, '--timeout=12s');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^node\/node-1 cordoned\n/);
    expect(r.stdout).toContain(`evicting pod shop/${apiName}\n`);
    expect(r.stdout).not.toContain('node/node-1 drained');
    const lines = r.stderr.split('\n');
    const retry = `error when evicting pods/"${apiName}" -n "shop" (will retry after 5s): ${PDB_REFUSAL}`;
    expect(lines.filter((l) => l === retry).length).toBeGreaterThanOrEqual(2);
    const multi = `error when evicting pods/"${searchName}" -n "shop": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.`;
    const timeout = `error when evicting pods/"${apiName}" -n "shop": global timeout reached: 12s`;
    expect(lines).toContain(multi);
    expect(lines).toContain(timeout);
    expect(lines.filter((l) => l.includes(searchName) && l.includes('will retry'))).toEqual([]);
    // Pending pods, the node-level error, then the pending node and each error once more.
    expect(r.stderr).toMatch(
      /\nThere are pending pods in node "node-1" when an error occurred: \[.*\]\n(pod\/\S+\n)+error: unable to drain node "node-1" due to error: \[.*\], continuing command\.\.\.\nThere are pending nodes to be drained:\n node-1\n(error when .*\n)+$/,
    );
    const tail = r.stderr.split('There are pending nodes to be drained:\n node-1\n')[1];
    expect(tail?.split('\n')).toEqual(expect.arrayContaining([multi, timeout]));
    expect(lines).toContain(`pod/${apiName}`);

    const [still] = await getPods(b, '-n', 'shop', '--field-selector', `metadata.name=${apiName}`);
    expect(still?.metadata.uid).toBe(api.metadata.uid);
    expect(still?.status.phase).toBe('Running');
    expect(still?.metadata.deletionTimestamp).toBeUndefined();
    expect(still && isReady(still)).toBe(true);
    expect(await nodeStatus(b, 'node-1')).toBe('Ready,SchedulingDisabled');
  }, 60_000);

  it('drain --dry-run=server prints what it would do and changes nothing', async () => {
    const pdbStatus = async () =>
      (
        JSON.parse(await kubectl(c, 'get', 'pdb', '-n', 'shop', '-o', 'json')) as {
          items: { metadata: { name: string }; status?: { disruptedPods?: object } }[];
        }
      ).items.map((p) => [p.metadata.name, p.status] as const);
    const podsBefore = await getPods(c, '-A');
    const pdbsBefore = await pdbStatus();
    const before = await onNode(c, 'node-3');
    const isDaemon = (p: Pod) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet';
    const evictable = before.filter((p) => !isDaemon(p)).map(ref);
    expect(evictable).toContain('shop/debug-shell');

    const r = await run(c, 'drain', 'node-3', ...FLAGS, '--dry-run=server');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('node/node-3 cordoned (server dry run)');
    expect(lines.slice(1, -2).sort()).toEqual(
      evictable.map((p) => `evicting pod ${p} (server dry run)`).sort(),
    );
    expect(lines.slice(-2)).toEqual(['node/node-3 drained (server dry run)', '']);
    expect(r.stderr).toBeOneOf(warnings(before.filter(isDaemon).map(ref)));

    expect(await nodeStatus(c, 'node-3')).toBe('Ready');
    const podsAfter = await getPods(c, '-A');
    const ids = (pods: Pod[]) => pods.map((p) => `${ref(p)} ${p.metadata.uid} ${p.spec.nodeName}`);
    expect(ids(podsAfter)).toEqual(ids(podsBefore));
    expect(podsAfter.filter((p) => p.metadata.deletionTimestamp)).toEqual([]);
    const targets = podsAfter.filter((p) =>
      p.status.conditions?.some((x) => x.type === 'DisruptionTarget'),
    );
    expect(targets).toEqual([]);
    const pdbsAfter = await pdbStatus();
    expect(pdbsAfter).toEqual(pdbsBefore);
    const disrupted = pdbsAfter.flatMap(([, s]) => Object.keys(s?.disruptedPods ?? {}));
    expect(disrupted).toEqual([]);
  }, 60_000);

  it('uncordon node-3 after the drain', async () => {
    expect(await kubectl(a, 'uncordon', 'node-3')).toBe('node/node-3 uncordoned\n');
    expect(await nodeStatus(a, 'node-3')).toBe('Ready');
    expect(await kubectl(a, 'uncordon', 'node-3')).toBe('node/node-3 already uncordoned\n');
  });
});
