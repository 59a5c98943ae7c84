import { execFile as execFileCb, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually, startTestCluster, type TestCluster, kubectlEnv } from './testing';

/** The real kubectl reading PodDisruptionBudgets of the demo scenario, and one eviction. */

const execFile = promisify(execFileCb);
const KUBECTL = '/usr/bin/kubectl';

let tc: TestCluster;
const children: ChildProcess[] = [];

const argv = (args: string[]) => [
  ...['--kubeconfig', tc.kubeconfigPath, '--cache-dir', join(tc.dir, 'cache')],
  ...args,
];
const env = () => kubectlEnv(tc.dir);

/** Runs the real kubectl; its stderr must be empty: no errors and no warnings. */
async function kubectl(...args: string[]): Promise<string> {
  const { stdout, stderr } = await execFile(KUBECTL, argv(args), { env: env(), timeout: 20_000 });
  expect(stderr, `stderr of kubectl ${args.join(' ')}`).toBe('');
  return stdout;
}

type Row = Record<string, string>;

/** Splits a kubectl table into its header and rows, cut at the header's column offsets. */
function table(out: string): { columns: string[]; rows: Row[] } {
  const [header = '', ...lines] = out.split('\n').filter((l) => l !== '');
  const cols = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  const rows = lines.map((line) =>
    Object.fromEntries(cols.map((c, i) => [c.name, line.slice(c.at, cols[i + 1]?.at).trim()])),
  );
  return { columns: cols.map((c) => c.name), rows };
}

const allowedOfWeb = async () =>
  table(await kubectl('get', 'pdb', 'web', '-n', 'shop')).rows[0]?.['ALLOWED DISRUPTIONS'];

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'demo' });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  await tc?.stop();
});

/** The demo's budgets once every workload is Ready (lib/sim/README.md). */
const SETTLED = [
  // [name, min available, max unavailable, allowed disruptions]
  ['api', '2', 'N/A', '0'], // always blocked
  ['backend', '1', 'N/A', '1'], // tier=backend: the two search pods
  ['checkout', '2', 'N/A', '1'],
  ['db', 'N/A', '1', '1'],
  ['flaky', '1', 'N/A', '0'], // crash-looping pods are never Ready
  ['search', 'N/A', '1', '1'],
  ['web', 'N/A', '1', '1'],
  ['worker', 'N/A', '1', '1'],
];

describe('kubectl and PodDisruptionBudgets', () => {
  it('get pdb -A prints every demo budget with its allowed disruptions', async () => {
    const shown = (rows: Row[]) =>
      rows.map((r) => [
        r.NAMESPACE,
        r.NAME,
        r['MIN AVAILABLE'],
        r['MAX UNAVAILABLE'],
        r['ALLOWED DISRUPTIONS'],
      ]);
    const want = SETTLED.map((b) => ['shop', ...b]);
    const { columns, rows } = await eventually(
      async () => {
        const t = table(await kubectl('get', 'pdb', '-A'));
        expect(shown(t.rows)).toEqual(want);
        return t;
      },
      40_000,
      'every budget settled',
    );
    expect(columns).toEqual([
      'NAMESPACE',
      'NAME',
      'MIN AVAILABLE',
      'MAX UNAVAILABLE',
      'ALLOWED DISRUPTIONS',
      'AGE',
    ]);
    for (const r of rows) expect(r.AGE).toMatch(/^\d+s$/);
  }, 60_000);

  it('allowed disruptions follow an eviction live, in get and in get -w', async () => {
    await eventually(async () => (await allowedOfWeb()) === '1', 30_000, 'web to allow 1');
    const watcher = spawn(KUBECTL, argv(['get', 'pdb', '-n', 'shop', 'web', '-w']), {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(watcher);
    let out = '';
    let err = '';
    watcher.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    watcher.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    /** ALLOWED DISRUPTIONS of each streamed row (`get -w` aligns every line on its own). */
    const streamed = () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('web '))
        .map((l) => l.split(/\s+/)[3]);
    await eventually(() => streamed().length > 0, 10_000, 'the initial row');
    expect(out.split('\n')[0]?.split(/\s{2,}/)).toEqual([
      'NAME',
      'MIN AVAILABLE',
      'MAX UNAVAILABLE',
      'ALLOWED DISRUPTIONS',
      'AGE',
    ]);
    expect(streamed()).toEqual(['1']);

    // kubectl has no evict command: POST the Eviction with create --raw.
    const pods = await kubectl(
      ...['get', 'pods', '-n', 'shop', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.name}'],
    );
    const victim = pods.split(' ')[0] ?? '';
    const body = join(tc.dir, 'eviction.json');
    const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: victim } };
    await writeFile(body, JSON.stringify(eviction));
    const path = `/api/v1/namespaces/shop/pods/${victim}/eviction`;
    const created = await kubectl('create', '--raw', path, '-f', body);
    expect(JSON.parse(created)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      code: 201,
    });

    // Budget spent until the replacement is Ready, then one disruption allowed again.
    await eventually(async () => (await allowedOfWeb()) === '0', 10_000, 'web to allow 0');
    await eventually(async () => (await allowedOfWeb()) === '1', 20_000, 'web to allow 1 again');
    await eventually(
      () =>
        streamed()
          .join(' ')
          .replace(/\b(\d)( \1\b)+/g, '$1') === '1 0 1',
      10_000,
      `get -w to stream 1, 0, 1 (streamed: ${streamed().join(' ')})`,
    );
    expect(watcher.exitCode).toBeNull();
    watcher.kill();
    await once(watcher, 'exit');
    expect(err).toBe('');
  }, 60_000);

  it('describe pdb shows the budget and its status', async () => {
    const out = await eventually(
      async () => {
        const o = await kubectl('describe', 'pdb', 'web', '-n', 'shop');
        expect(o).toMatch(/^\s+Allowed disruptions:\s+1$/m);
        return o;
      },
      30_000,
      'web to allow 1',
    );
    expect(out).toMatch(/^Name:\s+web$/m);
    expect(out).toMatch(/^Namespace:\s+shop$/m);
    expect(out).toMatch(/^Max unavailable:\s+1$/m);
    expect(out).toMatch(/^Selector:\s+app=web$/m);
    expect(out).toMatch(/^Status:$/m);
    expect(out).toMatch(/^\s+Current:\s+3$/m);
    expect(out).toMatch(/^\s+Desired:\s+2$/m);
    expect(out).toMatch(/^\s+Total:\s+3$/m);
  }, 40_000);
});
