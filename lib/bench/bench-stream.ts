/**
 * Benchmark of the dashboard's live stream (`npm run bench:stream`): how long a change in the
 * cluster takes to reach 1 and 50 concurrent SSE clients, and what serving them costs.
 *
 * 1. The embedded cluster (`lib/sim/cli.ts`, scenario `empty`) runs in a child process, with
 *    nodes added until 5,000 pods fit their declared `pods` capacity (110 each), and 5,000
 *    pods created with POST (32 in flight) and waited for until Ready.
 * 2. The dashboard runs as in production, `next start` (built first if `.next` is missing or
 *    stale, see lib/cli/build-state.ts) in its own process group, with KUBECONFIG pointing at
 *    the cluster and DRAINBOARD_DEMO=off; `GET …/state` warms it up (its first lists).
 * 3. Load: 20 pod changes per second, each a merge PATCH of the label `bench-t=<wall-clock ms
 *    when sent>` on the next pod in turn (changer.ts), for the whole run.
 * 4. Per phase (1 client, then 50): the clients open `GET /api/clusters/drainboard-sim/stream`
 *    and wait for their snapshot and one change; then a 30 s window is measured. Every client
 *    notes when each change's `upsert` arrives; delay = arrival − `bench-t`, so it includes the
 *    PATCH, the cluster's watch, the dashboard's reflector, model and hub, and the client's
 *    read. A plain watch on the cluster, read by the same process, is the baseline for the
 *    part that is not the dashboard's. CPU (utime + stime) and RSS (VmRSS) of the dashboard's
 *    process tree come from /proc.
 *
 * Exits 1 if any client was dropped, missed a change sent in the window, or a PATCH failed.
 * Everything talks to 127.0.0.1 only; the clients are plain node:http in this process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expectOk, fmt, int } from '../sim/bench/bench-kit';
import { Changer } from './changer';
import { WatchClient } from './clients';
import { ensureBuild, startDashboard, type DashboardProcess } from './dashboard';
import { agent, call, json, wallNow } from './http';
import { runPhase, type PhaseResult } from './phase';
import { TreeMonitor } from './proc-stats';
import { failuresOf, printPhase, printSummary } from './results';
import {
  addNodes,
  createPods,
  extraNodesFor,
  PODS_PER_NODE,
  startSim,
  waitPodsReady,
  type SimProcess,
} from './sim-cluster';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NAMESPACE = 'bench';
const PODS = 5_000;
const CREATE_CONCURRENCY = 32;
const CHANGES_PER_SECOND = 20;
const PHASES = [1, 50];
const WINDOW_MS = 30_000;
/** How long after the window the changes sent in it may still arrive. */
const GRACE_MS = 5_000;
/** The context of the embedded cluster's kubeconfig (lib/sim/cluster.ts). */
const CLUSTER = 'drainboard-sim';
const STREAM_PATH = `/api/clusters/${CLUSTER}/stream`;
/** The hard stop if something hangs, counted after any build. */
const DEADLINE_MS = 240_000;

const print = (s = ''): void => console.log(s);
const seconds = (since: number): string => `${fmt((wallNow() - since) / 1000, 1)} s`;

async function fillCluster(sim: SimProcess): Promise<void> {
  const t0 = wallNow();
  await expectOk(
    call(sim.url, 'POST', '/api/v1/namespaces', { metadata: { name: NAMESPACE } }),
    'create namespace',
  );
  const nodes = extraNodesFor(PODS);
  await addNodes(sim.url, nodes);
  await createPods(sim.url, NAMESPACE, PODS, CREATE_CONCURRENCY);
  const created = wallNow();
  await waitPodsReady(sim.url, NAMESPACE, PODS, 90_000);
  print(
    `cluster: node-1..3 + ${nodes.length} nodes (${nodes.length + 3} × ${PODS_PER_NODE} pods ≥ ${int(PODS)}); ` +
      `${int(PODS)} pods created in ${fmt((created - t0) / 1000, 1)} s, all Ready after ${seconds(t0)}`,
  );
}

/** `GET …/state`: starts the dashboard's watches and waits for their first lists. */
async function warmUp(dashboard: DashboardProcess): Promise<void> {
  const r = await expectOk(call(dashboard.url, 'GET', `/api/clusters/${CLUSTER}/state`), 'state');
  const pods = json<{ pods: unknown[] }>(r).pods.length;
  if (pods !== PODS) throw new Error(`the dashboard's first state holds ${pods} pods, not ${PODS}`);
  print(
    `dashboard: first GET /state (lists of every watched kind) ${int(r.ms)} ms, ${int(r.body.length)} bytes, ${int(pods)} pods`,
  );
}

async function openBaseline(sim: SimProcess): Promise<WatchClient> {
  const head = json<{ metadata: { resourceVersion: string } }>(
    await call(sim.url, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods?limit=1`),
  );
  return WatchClient.connect(sim.url, NAMESPACE, head.metadata.resourceVersion);
}

async function measure(sim: SimProcess, dashboard: DashboardProcess): Promise<PhaseResult[]> {
  await warmUp(dashboard);
  const monitor = new TreeMonitor(dashboard.pid);
  monitor.start();
  const baseline = await openBaseline(sim);
  const changer = new Changer(sim.url, NAMESPACE, PODS, CHANGES_PER_SECOND);
  changer.start();
  const ctx = {
    dashboard,
    monitor,
    simPid: sim.proc.pid ?? 0,
    streamPath: STREAM_PATH,
    changer,
    baseline,
    windowMs: WINDOW_MS,
    graceMs: GRACE_MS,
  };
  const results: PhaseResult[] = [];
  try {
    for (const [i, n] of PHASES.entries()) {
      results.push(await runPhase(ctx, n));
      printPhase(i, results[i] as PhaseResult);
    }
  } finally {
    await changer.stop();
    baseline.close();
    monitor.stop();
  }
  return results;
}

async function main(): Promise<number> {
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';
  print(`dashboard stream benchmark — Node.js ${process.version}, ${platform()}/${arch()}`);
  print(
    `CPUs: ${cpus().length} × ${cpuModel}; load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')}`,
  );
  const built = wallNow();
  const reason = await ensureBuild(ROOT);
  print(
    reason === undefined
      ? 'build: .next is current'
      : `build: ${reason}; built in ${seconds(built)}`,
  );

  const dir = await mkdtemp(join(tmpdir(), 'drainboard-bench-stream-'));
  let sim: SimProcess | undefined;
  let dashboard: DashboardProcess | undefined;
  const cleanUp = async (): Promise<void> => {
    await dashboard?.stop();
    await sim?.stop();
    agent.destroy();
    await rm(dir, { recursive: true, force: true });
  };
  const hardStop = setTimeout(() => {
    console.error(`bench-stream: did not finish within ${DEADLINE_MS / 1000} s`);
    void cleanUp().finally(() => process.exit(1));
  }, DEADLINE_MS);
  hardStop.unref();
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const kubeconfig = join(dir, 'sim.kubeconfig');
    sim = await startSim(kubeconfig);
    await fillCluster(sim);
    dashboard = await startDashboard(ROOT, {
      KUBECONFIG: kubeconfig,
      DRAINBOARD_DEMO: 'off',
      DRAINBOARD_DATA_DIR: join(dir, 'data'),
      NEXT_TELEMETRY_DISABLED: '1',
    });
    print(`dashboard: next start (production build), pid ${dashboard.pid}, ${dashboard.url}`);
    print(
      `load: ${CHANGES_PER_SECOND} pod changes/s (merge PATCH of label bench-t); window ${WINDOW_MS / 1000} s per phase, after a warm-up`,
    );
    const results = await measure(sim, dashboard);
    printSummary(results);
    print(
      `load average at the end: ${loadavg()
        .map((l) => fmt(l, 2))
        .join(' ')}`,
    );
    const failures = failuresOf(results);
    for (const f of failures) console.error(`bench-stream: FAILED: ${f}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    clearTimeout(hardStop);
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench-stream:', err);
    process.exit(1);
  },
);
