import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { kubectlEnv } from '../../lib/sim/testing';

const KUBECTL = '/usr/bin/kubectl';

/** Runs the real kubectl against the test file's cluster; resolves with its stdout. */
export type Kubectl = (...args: string[]) => Promise<string>;

/**
 * kubectl with `--kubeconfig` and a `--cache-dir` of its own (discovery is cached there after
 * the first call), HOME in `dir`. Rejects with the exit code and stderr when it fails.
 */
export function kubectlFor(kubeconfigPath: string, dir: string): Kubectl {
  const flags = ['--kubeconfig', kubeconfigPath, '--cache-dir', join(dir, 'kube-cache')];
  return (...args) =>
    new Promise((resolve, reject) => {
      const opts = { env: kubectlEnv(dir), timeout: 30_000 };
      execFile(KUBECTL, [...flags, ...args], opts, (err, stdout, stderr) => {
        if (err) reject(new Error(`kubectl ${args.join(' ')}: ${err.message}\n${stderr}`));
        else resolve(stdout);
      });
    });
}
