import { startCluster, type SimCluster } from '../sim/cluster';
import { expectOk } from '../sim/bench/bench-kit';
import { call, json, sleep } from './http';

/**
 * The retry benchmark's scenario, built on a fresh embedded cluster (scenario `empty`, in this
 * process) through its HTTP API: the Deployment `web` (10 replicas) on `node-1` alone, with the
 * budget `web` (maxUnavailable 1), and `node-2`, `node-3` free for the replacements. Each
 * replacement is Running 1 s after binding and Ready {@link READY_AFTER} later; only then does
 * the budget allow the next eviction, so one cycle lasts about {@link CYCLE_S} s.
 */

export const NAMESPACE = 'bench';
export const DEPLOYMENT = 'web';
export const REPLICAS = 10;
export const DRAINED_NODE = 'node-1';
const SPARE_NODES = ['node-2', 'node-3'];
/**
 * Running 1 s after binding, Ready 6.5 s later. kubectl retries on a fixed 5 s tick, so its wait
 * after a reopen is (a multiple of 5 s) − the cycle: a 7.5 s cycle puts it at 2.5 s, the mean of
 * a tick that falls anywhere. A cycle shorter than about 6 s would make even one request per
 * blocked pod exceed 2 per blocked pod-minute.
 */
const START_AFTER = '1s';
const READY_AFTER = '6.5s';
export const CYCLE_S = 7.5;

export interface Scenario {
  cluster: SimCluster;
  /** The original pods, name → UID, all Ready on {@link DRAINED_NODE}. */
  pods: Map<string, string>;
}

interface PodItem {
  metadata: { name: string; uid: string; deletionTimestamp?: string };
  spec: { nodeName?: string };
  status?: { conditions?: { type: string; status: string }[] };
}

const isReady = (p: PodItem): boolean =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Sets `spec.unschedulable` of `node` (kubectl cordon / uncordon). */
export async function setCordon(url: string, node: string, cordoned: boolean): Promise<void> {
  await expectOk(
    call(
      url,
      'PATCH',
      `/api/v1/nodes/${node}`,
      { spec: { unschedulable: cordoned } },
      {
        'Content-Type': 'application/merge-patch+json',
      },
    ),
    `${cordoned ? 'cordon' : 'uncordon'} ${node}`,
  );
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: DEPLOYMENT },
  spec: {
    replicas: REPLICAS,
    selector: { matchLabels: { app: DEPLOYMENT } },
    template: {
      metadata: {
        labels: { app: DEPLOYMENT },
        annotations: {
          'sim.drainboard.dev/start-after': START_AFTER,
          'sim.drainboard.dev/ready-after': READY_AFTER,
          'sim.drainboard.dev/shutdown-after': '1s',
        },
      },
      spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] },
    },
  },
};

const budget = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: DEPLOYMENT },
  spec: { maxUnavailable: 1, selector: { matchLabels: { app: DEPLOYMENT } } },
};

/** The pods of the namespace. */
export async function listPods(url: string): Promise<PodItem[]> {
  const r = await expectOk(call(url, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods`), 'list pods');
  return json<{ items: PodItem[] }>(r).items;
}

/** `status.disruptionsAllowed` of the budget; undefined before its first status. */
async function allowed(url: string): Promise<number | undefined> {
  const path = `/apis/policy/v1/namespaces/${NAMESPACE}/poddisruptionbudgets/${DEPLOYMENT}`;
  const r = await expectOk(call(url, 'GET', path), 'get budget');
  return json<{ status?: { disruptionsAllowed?: number } }>(r).status?.disruptionsAllowed;
}

/** Waits until all replicas are Ready on the drained node and the budget allows one eviction. */
async function settle(url: string, timeoutMs: number): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pods = (await listPods(url)).filter((p) => p.spec.nodeName === DRAINED_NODE);
    if (pods.length === REPLICAS && pods.every(isReady) && (await allowed(url)) === 1) {
      return new Map(pods.map((p) => [p.metadata.name, p.metadata.uid]));
    }
    if (Date.now() > deadline)
      throw new Error(`scenario: ${pods.filter(isReady).length}/${REPLICAS} pods Ready in time`);
    await sleep(200);
  }
}

/** Starts a fresh cluster and builds the scenario on it; the spare nodes are schedulable. */
export async function startScenario(): Promise<Scenario> {
  const cluster = await startCluster({ port: 0, scenario: 'empty' });
  try {
    const { url } = cluster;
    for (const node of SPARE_NODES) await setCordon(url, node, true);
    await expectOk(
      call(url, 'POST', '/api/v1/namespaces', { metadata: { name: NAMESPACE } }),
      'create namespace',
    );
    const ns = `/namespaces/${NAMESPACE}`;
    await expectOk(call(url, 'POST', `/apis/apps/v1${ns}/deployments`, deployment), 'deployment');
    await expectOk(call(url, 'POST', `/apis/policy/v1${ns}/poddisruptionbudgets`, budget), 'pdb');
    const pods = await settle(url, 30_000);
    for (const node of SPARE_NODES) await setCordon(url, node, false);
    return { cluster, pods };
  } catch (e) {
    await cluster.stop();
    throw e;
  }
}
