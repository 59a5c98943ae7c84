import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { needsBuild } from '../cli/build-state';
import { call, sleep } from './http';

/**
 * The dashboard as the stream benchmark runs it: the production server (`next start`) in its
 * own process group, so that stopping it stops every process it started
 * (toolchain.md §"killing servers").
 */

const nextBin = (root: string): string => join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
/** The last output kept, to show when the server fails. */
const OUTPUT_TAIL = 8_192;

/** Runs `next build` when the build is missing or stale; returns why it built, if it did. */
export async function ensureBuild(root: string): Promise<string | undefined> {
  const decision = await needsBuild(root);
  if (!decision.needed) return undefined;
  const child = spawn(process.execPath, [nextBin(root), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  return decision.reason;
}

/** A free TCP port on 127.0.0.1 (free when asked; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface DashboardProcess {
  url: string;
  /** The process group leader (`node …/next start`). */
  pid: number;
  proc: ChildProcess;
  /** Ends the whole process group: SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Starts `next start` on a free port with `env` added, and waits until /api/healthz answers. */
export async function startDashboard(
  root: string,
  env: Record<string, string>,
): Promise<DashboardProcess> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [nextBin(root), 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const pid = proc.pid;
  if (pid === undefined) throw new Error('next start did not start');
  const stop = async (): Promise<void> => {
    const signal = (s: NodeJS.Signals): void => {
      try {
        process.kill(-pid, s);
      } catch {
        // the group is gone already
      }
    };
    signal('SIGTERM');
    if (proc.exitCode === null && proc.signalCode === null) {
      await Promise.race([new Promise((r) => proc.once('exit', r)), sleep(5_000)]);
    }
    signal('SIGKILL'); // any process of the group that outlived its leader
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`next start exited (${proc.exitCode}):\n${output}`);
    const ok = await call(url, 'GET', '/api/healthz').then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { url, pid, proc, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer /api/healthz within 30 s:\n${output}`);
    }
    await sleep(100);
  }
}

/** The value of an unlabelled-by-resource counter of the dashboard's /api/metrics. */
export async function dashboardMetric(url: string, name: string): Promise<number> {
  const r = await call(url, 'GET', '/api/metrics', undefined, { Accept: 'text/plain' });
  const line = r.body
    .toString('utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}{`));
  return line === undefined ? NaN : Number(line.split(' ').at(-1));
}
