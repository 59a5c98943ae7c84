import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { wallNow } from './http';
import { onExit, print, RUN_TIMEOUT_MS, seconds, type RunContext } from './retries-run';
import { DRAINED_NODE, REPLICAS } from './retries-scenario';

/**
 * `kubectl drain` as an operator runs it, against the cluster behind the proxy: the real
 * `/usr/bin/kubectl`, its own HOME and cache directory, only PATH from our environment. It
 * cordons the node, then evicts every pod at once and retries each refused one every 5 s
 * (kubectl/pkg/drain: a fixed `time.Sleep(5 * time.Second)` on 429).
 */

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface KubectlRun {
  /** The process's pid, to stop it with if the run is abandoned. */
  pid: number | undefined;
  /** Resolves when kubectl exits, with its code and output. */
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  kill(): void;
}

/** Starts `kubectl drain` of the drained node with `kubeconfig`; `dir` is its HOME. */
export function startDrain(kubeconfig: string, dir: string): KubectlRun {
  const args = [
    ...['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache')],
    ...['drain', DRAINED_NODE, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=5m'],
  ];
  const child = spawn(KUBECTL, args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      child.once('error', (e) =>
        reject(new Error(`cannot run ${KUBECTL} (set KUBECTL to another path): ${e.message}`)),
      );
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    },
  );
  return {
    pid: child.pid,
    done,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The kubectl run: `kubectl drain`, done when it exits 0 after every eviction was accepted. */
export async function runKubectl(ctx: RunContext): Promise<void> {
  const { kubeconfig, observer, dir, cleanups, start } = ctx;
  start();
  const t0 = wallNow();
  const run = startDrain(kubeconfig, dir);
  onExit.add(run.kill);
  cleanups.add(() => {
    run.kill();
    onExit.delete(run.kill);
  });
  print(
    `  kubectl drain ${DRAINED_NODE} --ignore-daemonsets --delete-emptydir-data, pid ${run.pid}`,
  );
  const exited = run.done.then((r) => {
    if (observer.accepted.size < REPLICAS)
      throw new Error(`kubectl exited (${r.code}) before all evictions:\n${r.stderr}`);
    return r;
  });
  exited.catch(() => undefined); // awaited below, unless the watch fails first
  await Promise.race([observer.allAccepted(RUN_TIMEOUT_MS), exited]);
  print(`  all ${REPLICAS} evictions accepted after ${seconds(t0)}`);
  const r = await exited;
  const refusals = (r.stderr.match(/will retry after 5s/g) ?? []).length;
  if (r.code !== 0) throw new Error(`kubectl drain exited ${r.code}:\n${r.stderr}`);
  print(
    `  kubectl exited 0 after ${seconds(t0)}; it printed ${refusals} refusals ("will retry after 5s")`,
  );
}
