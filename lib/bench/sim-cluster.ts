import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { expectOk } from '../sim/bench/bench-kit';
import { call, json, pool, sleep } from './http';

/**
 * The embedded cluster of the stream benchmark: `lib/sim/cli.ts` (scenario `empty`) in a child
 * process, reached over HTTP only, as the dashboard reaches it; and the pods it is filled with.
 */

const SIM_CLI = fileURLToPath(new URL('../sim/cli.ts', import.meta.url));
/** The `pods` capacity the simulated kubelet reports for every node (kubelet-node.ts). */
export const PODS_PER_NODE = 110;
const SCENARIO_NODES = 3;

export interface SimProcess {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the cluster on a free port, writing its kubeconfig to `kubeconfig`. */
export function startSim(kubeconfig: string): Promise<SimProcess> {
  // Under tsx, execArgv carries its loader, so the child runs TypeScript as well.
  const proc = spawn(
    process.execPath,
    [
      ...process.execArgv,
      SIM_CLI,
      '--port',
      '0',
      '--kubeconfig',
      kubeconfig,
      '--scenario',
      'empty',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  };
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.setEncoding('utf8');
    proc.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const url = /Embedded cluster \(scenario \w+\) at (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined) resolve({ url, proc, stop });
    });
    proc.once('exit', (code) => reject(new Error(`sim exited (${code}) before it was ready`)));
    proc.once('error', reject);
  });
}

/** Nodes beyond the scenario's so that every pod fits their declared `pods` capacity. */
export function extraNodesFor(pods: number): string[] {
  const needed = Math.max(SCENARIO_NODES, Math.ceil(pods / PODS_PER_NODE));
  return Array.from(
    { length: needed - SCENARIO_NODES },
    (_, i) => `node-${SCENARIO_NODES + i + 1}`,
  );
}

interface Conditioned {
  status?: { conditions?: { type: string; status: string }[] };
}

const isReady = (o: Conditioned): boolean =>
  o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Creates `names` as nodes (the in-process kubelet registers them) and waits until Ready. */
export async function addNodes(url: string, names: string[]): Promise<void> {
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  await pool(names.length, 8, async (i) => {
    const name = names[i] as string;
    await expectOk(
      call(url, 'POST', '/api/v1/nodes', {
        metadata: { name, labels: { 'topology.kubernetes.io/zone': zones[i % zones.length] } },
      }),
      `create node ${name}`,
    );
    const deadline = Date.now() + 10_000;
    while (!isReady(json<Conditioned>(await call(url, 'GET', `/api/v1/nodes/${name}`)))) {
      if (Date.now() > deadline) throw new Error(`node ${name} did not become Ready`);
      await sleep(20);
    }
  });
}

export const podName = (i: number): string => `bench-${String(i).padStart(5, '0')}`;

/** Creates `count` pods in `namespace` (it must exist), `concurrency` POSTs in flight. */
export async function createPods(
  url: string,
  namespace: string,
  count: number,
  concurrency: number,
): Promise<void> {
  await pool(count, concurrency, async (i) => {
    await expectOk(
      call(url, 'POST', `/api/v1/namespaces/${namespace}/pods`, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: podName(i), labels: { app: 'bench' } },
        spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] },
      }),
      `create pod ${i}`,
    );
  });
}

/** Polls the pods of `namespace` until `count` are Ready; throws after `timeoutMs`. */
export async function waitPodsReady(
  url: string,
  namespace: string,
  count: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = json<{ items: Conditioned[] }>(
      await expectOk(call(url, 'GET', `/api/v1/namespaces/${namespace}/pods`), 'list pods'),
    );
    const ready = list.items.filter(isReady).length;
    if (ready >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${ready} of ${count} pods became Ready`);
    await sleep(500);
  }
}
