import { execFile as execFileCb } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { eventually, startTestCluster, type TestCluster, kubectlEnv } from './testing';

const execFile = promisify(execFileCb);

let tc: TestCluster;
/** Every command whose stderr was not empty; none is allowed (but the force-delete warning). */
let noisy: string[] = [];

/** Runs the real kubectl against the cluster; rejects on a non-zero exit. */
async function run(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const argv = ['--kubeconfig', tc.kubeconfigPath, '--cache-dir', join(tc.dir, 'cache'), ...args];
  return execFile('/usr/bin/kubectl', argv, {
    env: kubectlEnv(tc.dir),
    timeout: 20_000,
  });
}

/** Like run, but its stderr must be empty: no errors and no warnings. */
async function kubectl(...args: string[]): Promise<string> {
  const { stdout, stderr } = await run(...args);
  if (stderr !== '') {
    noisy.push(`kubectl ${args.join(' ')}: ${stderr}`);
    throw new Error(`kubectl ${args.join(' ')} wrote to stderr: ${stderr}`);
  }
  return stdout;
}

/** `name node READY-condition` of each pod in shop with the label. */
async function pods(selector: string): Promise<{ name: string; node: string; ready: string }[]> {
  const out = await kubectl(
    ...['get', 'pods', '-n', 'shop', '-l', selector, '-o'],
    'jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName} {.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}',
  );
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [name = '', node = '', ready = ''] = l.split(' ');
      return { name, node, ready };
    });
}

/** The NAME and STATUS columns of `kubectl get pods`. */
async function statuses(selector: string): Promise<Map<string, string>> {
  const out = await kubectl('get', 'pods', '-n', 'shop', '-l', selector);
  const [header = '', ...lines] = out.split('\n').filter((l) => l !== '');
  expect(header.split(/\s{2,}/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
  return new Map(
    lines.map((l) => l.split(/\s+/)).map(([name = '', , status = '']) => [name, status]),
  );
}

function deployment(name: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        ports:
        - containerPort: 80
`;
}

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'demo' });
});

afterAll(async () => {
  await tc?.stop();
});

afterEach(() => {
  expect(noisy).toEqual([]);
  noisy = [];
});

describe('kubectl writes against the demo scenario', () => {
  it('create -f, apply -f (created) and apply -f again (configured)', async () => {
    const created = join(tc.dir, 'created.yaml');
    await writeFile(created, deployment('made', 1));
    expect(await kubectl('create', '-f', created)).toBe('deployment.apps/made created\n');

    const applied = join(tc.dir, 'applied.yaml');
    await writeFile(applied, deployment('applied', 1));
    expect(await kubectl('apply', '-f', applied)).toBe('deployment.apps/applied created\n');
    const replicas = () =>
      kubectl('get', 'deploy', 'applied', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}');
    expect(await replicas()).toBe('1');

    await writeFile(applied, deployment('applied', 3));
    expect(await kubectl('apply', '-f', applied)).toBe('deployment.apps/applied configured\n');
    expect(await replicas()).toBe('3');
    expect(await kubectl('apply', '-f', applied)).toBe('deployment.apps/applied unchanged\n');

    await eventually(
      async () => (await pods('app=applied')).length === 3 && (await pods('app=made')).length === 1,
      20_000,
      'the pods of made and applied',
    );
  });

  it('scale deploy web --replicas=5 runs five Ready pods', async () => {
    expect(await kubectl('scale', 'deploy', 'web', '-n', 'shop', '--replicas=5')).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(
      await kubectl('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}'),
    ).toBe('5');
    await eventually(
      async () => {
        const all = await pods('app=web');
        return all.length === 5 && all.every((p) => p.ready === 'True');
      },
      20_000,
      'five Ready web pods',
    );
    const rows = await statuses('app=web');
    expect([...rows.values()]).toEqual(Array(5).fill('Running'));
  });

  it('delete pod shows Terminating, then the pod is gone and replaced', async () => {
    const before = (await pods('app=web')).map((p) => p.name);
    const victim = before[0] ?? '';
    expect(await kubectl('delete', 'pod', victim, '-n', 'shop', '--wait=false')).toBe(
      `pod "${victim}" deleted\n`,
    );
    // web's app takes 1s to exit after SIGTERM: Terminating until then.
    await eventually(
      async () => (await statuses('app=web')).get(victim) === 'Terminating',
      5_000,
      `${victim} to show Terminating`,
    );
    await eventually(
      async () => !(await statuses('app=web')).has(victim),
      20_000,
      `${victim} to be gone`,
    );
    const after = await eventually(
      async () => {
        const all = await pods('app=web');
        return all.length === 5 && all;
      },
      20_000,
      'a replacement',
    );
    const added = after.map((p) => p.name).filter((n) => !before.includes(n));
    expect(added).toHaveLength(1);
    expect(added[0]).not.toBe(victim);
    expect(added[0]).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
  });

  it('delete pod --grace-period=0 --force removes the pod at once, with kubectl’s warning', async () => {
    const victim = (await pods('app=web'))[0]?.name ?? '';
    expect(victim).toMatch(/^web-/);
    const { stdout, stderr } = await run(
      ...['delete', 'pod', victim, '-n', 'shop', '--grace-period=0', '--force'],
    );
    expect(stdout).toBe(`pod "${victim}" force deleted\n`);
    expect(stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
    // Gone at once: no Terminating phase.
    const names = await kubectl(
      ...['get', 'pods', '-n', 'shop', '-o', 'jsonpath={.items[*].metadata.name}'],
    );
    expect(names.split(' ')).not.toContain(victim);
    expect(names.split(' ')).toContain('db-0');
    await expect(run('get', 'pod', victim, '-n', 'shop')).rejects.toThrow(
      `Error from server (NotFound): pods "${victim}" not found`,
    );
  });

  it('cordon keeps new pods off node-1 until uncordon', async () => {
    expect(await kubectl('cordon', 'node-1')).toBe('node/node-1 cordoned\n');
    const nodes = async () =>
      (await kubectl('get', 'nodes', '--no-headers'))
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    expect(await nodes()).toEqual([
      'node-1 Ready,SchedulingDisabled',
      'node-2 Ready',
      'node-3 Ready',
    ]);

    const before = (await pods('app=worker')).map((p) => p.name);
    expect(before).toHaveLength(2);
    expect(await kubectl('scale', 'deploy', 'worker', '-n', 'shop', '--replicas=6')).toBe(
      'deployment.apps/worker scaled\n',
    );
    const added = await eventually(
      async () => {
        const fresh = (await pods('app=worker')).filter((p) => !before.includes(p.name));
        return fresh.length === 4 && fresh.every((p) => p.node !== '') && fresh;
      },
      20_000,
      'four scheduled new worker pods',
    );
    for (const p of added) expect(['node-2', 'node-3']).toContain(p.node);
    const wide = await kubectl('get', 'pods', '-n', 'shop', '-l', 'app=worker', '-o', 'wide');
    for (const p of added) expect(wide).toMatch(new RegExp(`^${p.name}\\s.*\\s${p.node}\\s`, 'm'));

    expect(await kubectl('uncordon', 'node-1')).toBe('node/node-1 uncordoned\n');
    expect(await nodes()).toEqual(['node-1 Ready', 'node-2 Ready', 'node-3 Ready']);
    expect(await kubectl('get', 'node', 'node-1', '-o', 'jsonpath={.spec.unschedulable}')).toBe('');
  });
});
