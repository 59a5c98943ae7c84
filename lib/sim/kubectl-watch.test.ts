import { execFile as execFileCb, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually, startTestCluster, type TestCluster, kubectlEnv } from './testing';

const execFile = promisify(execFileCb);

let tc: TestCluster;
const children: ChildProcess[] = [];

const KUBECTL = '/usr/bin/kubectl';
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

async function webPods(): Promise<string[]> {
  const out = await kubectl(
    ...['get', 'pods', '-n', 'shop', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.name}'],
  );
  return out.split(' ').filter((n) => n !== '');
}

/** The streamed rows as [name, ready, status] (lines of `get -w` are aligned one by one). */
function rows(out: string): string[][] {
  return out
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('NAME '))
    .map((l) => l.split(/\s+/).slice(0, 3));
}

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'demo' });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  await tc?.stop();
});

describe('kubectl get pods -w', () => {
  it('streams a deletion, its replacement and a scale-up as they happen', async () => {
    await eventually(
      async () => {
        const ready = await kubectl(
          ...['get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.status.readyReplicas}'],
        );
        return ready === '3';
      },
      20_000,
      'web to be Ready',
    );
    const before = await webPods();
    expect(before).toHaveLength(3);

    const child = spawn(KUBECTL, argv(['get', 'pods', '-n', 'shop', '-w']), {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));

    // The initial listing: the header once, then every pod of shop.
    await eventually(() => before.every((n) => out.includes(n)), 10_000, 'the initial list');
    expect(out.split('\n')[0]?.split(/\s{2,}/)).toEqual([
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
    ]);
    expect(rows(out).find((r) => r[0] === before[0])).toEqual([before[0], '1/1', 'Running']);

    // A graceful deletion streams the pod as Terminating, and the ReplicaSet's replacement.
    const victim = before[0] ?? '';
    expect(await kubectl('delete', 'pod', victim, '-n', 'shop', '--wait=false')).toBe(
      `pod "${victim}" deleted\n`,
    );
    await eventually(
      () => rows(out).some((r) => r[0] === victim && r[2] === 'Terminating'),
      10_000,
      `${victim} streamed as Terminating`,
    );
    const fresh = () =>
      new Set(
        rows(out)
          .map((r) => r[0] ?? '')
          .filter((n) => n.startsWith('web-') && !before.includes(n)),
      );
    const [replacement] = await eventually(
      () => fresh().size === 1 && [...fresh()],
      10_000,
      'the replacement streamed',
    );

    // A scale-up streams the new pod.
    expect(await kubectl('scale', 'deploy', 'web', '-n', 'shop', '--replicas=4')).toBe(
      'deployment.apps/web scaled\n',
    );
    const added = await eventually(
      () => fresh().size === 2 && [...fresh()].filter((n) => n !== replacement),
      10_000,
      'the scaled-up pod streamed',
    );
    expect(added).toHaveLength(1);
    // Both new pods are streamed again as they start and turn Ready.
    for (const name of [replacement, ...added]) {
      await eventually(
        () => rows(out).some((r) => r[0] === name && r[1] === '1/1' && r[2] === 'Running'),
        20_000,
        `${name} streamed as Ready`,
      );
    }
    const now = await webPods();
    expect(now).toEqual(expect.arrayContaining([replacement, ...added]));

    // The header is printed once; kubectl wrote nothing to stderr.
    expect(out.match(/^NAME\s/gm)).toHaveLength(1);
    expect(child.exitCode).toBeNull();
    child.kill();
    await once(child, 'exit');
    expect(err).toBe('');
  });
});
