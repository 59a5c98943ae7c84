import 'server-only';
import { join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
// The one place the dashboard imports the embedded cluster (architecture.md): it is started
// here (the demo, a walkthrough's, a rehearsal) and reached only over HTTP through a KubeConfig.
import { startCluster, type SimCluster } from '@/lib/sim/cluster';
import { readCopy, startCopy, type RehearsalCopy, type Timings } from '@/lib/sim/rehearse';
import type { Env } from './kubeconfig';

export {
  UnknownWorkloadsError,
  type RehearsalCopy,
  type Timings as RehearsalTimings,
} from '@/lib/sim/rehearse';

/** The registry name of the embedded cluster. */
export const DEMO_NAME = 'demo';

/** A running embedded cluster (the demo, a walkthrough's, a rehearsal), as the dashboard sees it: a URL and a kubeconfig. */
export interface DemoCluster {
  server: string;
  kc: KubeConfig;
  /** Absolute path of its kubeconfig file, for a ready `kubectl --kubeconfig …` line. */
  kubeconfigPath: string;
  stop(): Promise<void>;
}

/** Starts a demo cluster whose kubeconfig goes under `dataDir`; injectable for tests. */
export type StartDemo = (dataDir: string) => Promise<DemoCluster>;

/** False when `DRAINBOARD_DEMO=off` (any case, surrounding blanks ignored). */
export function isDemoEnabled(env: Env): boolean {
  return (env['DRAINBOARD_DEMO'] ?? '').trim().toLowerCase() !== 'off';
}

/** `DRAINBOARD_DATA_DIR` (default `./.drainboard`), resolved against `cwd`. */
export function dataDirOf(env: Env, cwd: string): string {
  return resolve(cwd, env['DRAINBOARD_DATA_DIR'] || '.drainboard');
}

/** What an embedded cluster starts from: a scenario and more objects (multi-document YAML). */
export interface EmbeddedStart {
  scenario: string;
  manifests?: string[];
}

/**
 * Starts an embedded cluster in-process on a free 127.0.0.1 port and writes its kubeconfig
 * (mode 0600) to `<dataDir>/<name>.kubeconfig`. Rejects if the port cannot be bound or the file
 * cannot be written (the cluster is stopped again in the latter case).
 */
export function startEmbeddedCluster(
  dataDir: string,
  name: string,
  from: EmbeddedStart,
): Promise<DemoCluster> {
  return served(dataDir, name, startCluster({ port: 0, ...from }));
}

/**
 * Reads the cluster of `source` (its current context) for a rehearsal, with LISTs only, into
 * its copy's objects (lib/sim/rehearse), with the given per-workload `timings`; nothing starts.
 * `signal` aborts the read. Rejects with {@link UnknownWorkloadsError} for a `timings` key the
 * source does not have.
 */
export function readRehearsalCopy(
  source: KubeConfig,
  timings: Timings,
  signal: AbortSignal,
): Promise<RehearsalCopy> {
  return readCopy(source, { timings, signal });
}

/**
 * Starts an embedded cluster holding `copy` (see {@link readRehearsalCopy}): its workloads
 * recreated by its own controllers; its kubeconfig at `<dataDir>/<name>.kubeconfig`.
 */
export function startRehearsalCluster(
  dataDir: string,
  name: string,
  copy: RehearsalCopy,
): Promise<DemoCluster> {
  return served(dataDir, name, startCopy(copy));
}

/** A started embedded cluster with its kubeconfig written (stopped again if that fails). */
async function served(
  dataDir: string,
  name: string,
  starting: Promise<SimCluster>,
): Promise<DemoCluster> {
  const sim = await starting;
  const kubeconfigPath = join(dataDir, `${name}.kubeconfig`);
  try {
    await sim.writeKubeconfig(kubeconfigPath);
  } catch (e) {
    await sim.stop();
    throw e;
  }
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig());
  return { server: sim.url, kc, kubeconfigPath, stop: () => sim.stop() };
}

/** Starts the embedded `demo` cluster, its kubeconfig `<dataDir>/demo.kubeconfig`. */
export const startDemoCluster: StartDemo = (dataDir) =>
  startEmbeddedCluster(dataDir, DEMO_NAME, { scenario: 'demo' });
