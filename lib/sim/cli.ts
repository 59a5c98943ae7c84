import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster } from './cluster';
import { scenarioNames } from './scenarios';

const HELP = `Usage: npm run sim -- [options]

Runs Drainboard's embedded Kubernetes cluster on 127.0.0.1 and writes a kubeconfig for it.

Options:
  --port N            port to listen on; 0 picks a free port (default 6443)
  --kubeconfig FILE   where to write the kubeconfig (default ./sim.kubeconfig)
  --scenario NAME     starting state: ${scenarioNames().join(' | ')} (default demo)
  --manifests FILE    multi-document YAML to create after the scenario; repeatable
  -h, --help          show this help

Stop it with Ctrl-C (SIGINT) or SIGTERM.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6443' },
      kubeconfig: { type: 'string', default: './sim.kubeconfig' },
      scenario: { type: 'string', default: 'demo' },
      manifests: { type: 'string', multiple: true, default: [] },
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
  const manifests = await Promise.all(values.manifests.map((f) => readFile(f, 'utf8')));
  const cluster = await startCluster({ port, scenario: values.scenario, manifests });
  const kubeconfig = resolve(values.kubeconfig);
  await cluster.writeKubeconfig(kubeconfig);
  console.log(`Embedded cluster (scenario ${values.scenario}) at ${cluster.url}`);
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
