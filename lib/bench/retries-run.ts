import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { fmt } from '../sim/bench/bench-kit';
import { ensureBuild } from './dashboard';
import { wallNow } from './http';
import type { ClusterObserver } from './retries-watch';

/** What the retry benchmark's runs share: output helpers, clean-up, and a tool's driver. */

/** Each run must end within this; a perfect one takes about 10 cycles. */
export const RUN_TIMEOUT_MS = 240_000;

export const print = (s = ''): void => console.log(s);
export const seconds = (since: number): string => `${fmt((wallNow() - since) / 1000, 1)} s`;

/**
 * Synchronous last resorts for the children we started (by pid), run when this process exits
 * however it exits: a hard stop or Ctrl-C must not leave `next start` or kubectl behind.
 */
export const onExit = new Set<() => void>();
process.once('exit', () => {
  for (const kill of onExit) kill();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
}

/** SIGKILL to a process group we started; quiet if it is gone. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** Stops what a run started, newest first; never throws. */
export class Cleanups {
  private readonly steps: (() => Promise<void> | void)[] = [];
  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      await Promise.resolve()
        .then(step)
        .catch((e: unknown) => console.error('bench-retries: cleanup:', e));
    }
  }
}

/** What a tool's run is given: the cluster behind the proxy and our watch on it. */
export interface RunContext {
  /** A kubeconfig whose context `drainboard-sim` points at the proxy. */
  kubeconfig: string;
  /** The cluster itself, for our own requests (cordon). */
  clusterUrl: string;
  /** The original pods, name → UID. */
  pods: Map<string, string>;
  observer: ClusterObserver;
  /** An empty directory of this run's own. */
  dir: string;
  cleanups: Cleanups;
  /** Called just before the tool's first eviction request. */
  start: () => void;
}

/** Builds the dashboard if needed (unless `noBuild`); returns why it cannot run, if it cannot. */
export async function prepareBuild(root: string, noBuild: boolean): Promise<string | undefined> {
  if (noBuild) {
    if (existsSync(join(root, '.next', 'BUILD_ID'))) {
      print('build: --no-build, .next used as it is');
      return undefined;
    }
    return 'there is no production build: run `npm run build` first, or drop --no-build';
  }
  const built = wallNow();
  try {
    const reason = await ensureBuild(root);
    print(
      reason === undefined
        ? 'build: .next is current'
        : `build: ${reason}; built in ${seconds(built)}`,
    );
    return undefined;
  } catch (e) {
    return `cannot build the dashboard (npm run build): ${(e as Error).message}`;
  }
}
