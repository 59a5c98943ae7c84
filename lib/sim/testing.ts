import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startCluster, type ClusterOptions, type SimCluster } from './cluster';

/** An embedded cluster for a test, with a client-node KubeConfig and a kubeconfig file. */
export interface TestCluster {
  cluster: SimCluster;
  kc: KubeConfig;
  /** Path of the kubeconfig file (for kubectl). */
  kubeconfigPath: string;
  /** A fresh temporary directory, removed by stop(), e.g. for kubectl's --cache-dir. */
  dir: string;
  stop(): Promise<void>;
}

/** Starts an embedded cluster on a free port for one test file. */
export async function startTestCluster(opts: ClusterOptions = {}): Promise<TestCluster> {
  const cluster = await startCluster({ port: 0, ...opts });
  const dir = await mkdtemp(join(tmpdir(), 'drainboard-sim-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await cluster.writeKubeconfig(kubeconfigPath);
  const kc = new KubeConfig();
  kc.loadFromString(cluster.kubeconfig());
  return {
    cluster,
    kc,
    kubeconfigPath,
    dir,
    async stop() {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The environment kubectl runs with in tests: only PATH, and HOME in the test's own folder. */
export function kubectlEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, NODE_ENV: 'test' };
}
