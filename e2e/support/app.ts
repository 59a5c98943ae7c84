import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitForOk } from './ports';

const ROOT = join(import.meta.dirname, '..', '..');
const NEXT_BIN = join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
/** The server output kept for failure reports. */
const LOG_LIMIT = 256 * 1024;

/** The built dashboard under `next start`, in its own process group. */
export interface AppServer {
  url: string;
  /** The server's stdout and stderr so far (the last {@link LOG_LIMIT} characters). */
  log(): string;
  /** Ends the whole process group (next start and any child it has). */
  stop(): Promise<void>;
  /** SIGKILL to the whole group at once, as a crash would; resolves once it has exited. */
  kill(): Promise<void>;
}

export interface AppOptions {
  kubeconfigPath: string;
  /** DRAINBOARD_DATA_DIR and HOME of the server. */
  dataDir: string;
  /** More environment for the server (thresholds, rates). */
  env?: Readonly<Record<string, string>>;
  /** The port to listen on (default: a free one), e.g. to start again where a killed one was. */
  port?: number;
}

/** Starts `next start` on a free port with only the given kubeconfig; resolves once it is live. */
export async function startApp(opts: AppOptions): Promise<AppServer> {
  if (!existsSync(join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('there is no production build: run `npm run build` before the e2e tests');
  }
  const port = opts.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'],
        HOME: opts.dataDir,
        KUBECONFIG: opts.kubeconfigPath,
        DRAINBOARD_DEMO: 'off',
        DRAINBOARD_DATA_DIR: opts.dataDir,
        DRAINBOARD_WATCH_LINGER_SECONDS: '5',
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        ...opts.env,
      },
    },
  );
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-LOG_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const server: AppServer = {
    url,
    log: () => log,
    stop: () => stopGroup(child, exited),
    kill: async () => {
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      await exited;
    },
  };
  try {
    await waitForOk(`${url}/api/healthz`, 30_000, () => child.exitCode === null);
  } catch (e) {
    await server.stop();
    throw new Error(`${(e as Error).message}\n--- next start output ---\n${log}`);
  }
  return server;
}

/** SIGTERM to the group, SIGKILL after 5 s, then SIGKILL again for any stray child. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}
