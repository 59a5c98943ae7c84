import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster, type SimCluster } from './cluster';
import { parseTimingFlags, sourceKubeConfig, startRehearsal } from './rehearse';
import { scenarioNames } from './scenarios';

const HELP = `Usage: npm run sim -- [options]

Runs Drainboard's embedded Kubernetes cluster on 127.0.0.1 and writes a kubeconfig for it.

Options:
  --port N            port to listen on; 0 picks a free port (default 6443)
  --kubeconfig FILE   where to write the kubeconfig (default ./sim.kubeconfig)
  --scenario NAME     starting state: ${scenarioNames().join(' | ')} (default demo)
  --manifests FILE    multi-document YAML to create after the scenario; repeatable
  --from-context NAME rehearsal: copy the cluster of this kubeconfig context (read-only:
                      nodes, workloads, Services, PodDisruptionBudgets; no Secrets,
                      ConfigMaps or pods) instead of a scenario; not with --scenario
                      or --manifests
  --source-kubeconfig FILE
                      the kubeconfig holding that context (default $KUBECONFIG,
                      else ~/.kube/config)
  --timing namespace/Kind/name=start:2s,ready:5s,shutdown:30s
                      with --from-context: a workload's times in the copy (from
                      binding to Running, Running to Ready, SIGTERM to exit; Go
                      durations up to 10m, any of the three); Kind is Deployment,
                      StatefulSet, DaemonSet or ReplicaSet; repeatable. Times not
                      given are what the workload's pods show, else the defaults
  -h, --help          show this help

Stop it with Ctrl-C (SIGINT) or SIGTERM.`;

interface StartFlags {
  scenario?: string;
  manifests: string[];
  'from-context'?: string;
  'source-kubeconfig'?: string;
  timing: string[];
}

/** A scenario with its manifests, or a rehearsal of `--from-context`. */
async function start(
  flags: StartFlags,
  port: number,
): Promise<{ cluster: SimCluster; what: string }> {
  const context = flags['from-context'];
  if (context === undefined) {
    if (flags['source-kubeconfig'] !== undefined || flags.timing.length > 0)
      throw new Error('--source-kubeconfig and --timing need --from-context');
    const scenario = flags.scenario ?? 'demo';
    const manifests = await Promise.all(flags.manifests.map((f) => readFile(f, 'utf8')));
    return {
      cluster: await startCluster({ port, scenario, manifests }),
      what: `scenario ${scenario}`,
    };
  }
  if (flags.scenario !== undefined || flags.manifests.length > 0)
    throw new Error(
      '--from-context copies a cluster: it cannot be combined with --scenario or --manifests',
    );
  const timings = parseTimingFlags(flags.timing);
  const kc = sourceKubeConfig(context, flags['source-kubeconfig']);
  return {
    cluster: await startRehearsal(kc, { port, timings }),
    what: `rehearsal of context ${context}`,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6443' },
      kubeconfig: { type: 'string', default: './sim.kubeconfig' },
      scenario: { type: 'string' },
      manifests: { type: 'string', multiple: true, default: [] },
      'from-context': { type: 'string' },
      'source-kubeconfig': { type: 'string' },
      timing: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0 to 65535, not "${values.port}"`);
  const { cluster, what } = await start(values, port);
  const kubeconfig = resolve(values.kubeconfig);
  await cluster.writeKubeconfig(kubeconfig);
  console.log(`Embedded cluster (${what}) at ${cluster.url}`);
  console.log(`kubeconfig: ${kubeconfig}`);
  console.log(`Try: kubectl --kubeconfig ${kubeconfig} get pods -A`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await cluster.stop();
  console.log('Embedded cluster stopped.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`sim: ${(err as Error).message}`);
    process.exit(2);
  },
);
