import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsBuild } from './build-state';

/**
 * `npm start`: builds the dashboard when the build is missing or stale, then serves it with
 * `next start` on HOST (default 127.0.0.1) and PORT (default 3000). Signals go to the server,
 * and this process exits with its code.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NEXT_BIN = join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** Conventional shell exit codes for a child killed by a signal. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

function listenAddress(env: NodeJS.ProcessEnv): { host: string; port: number } {
  const host = env['HOST'] || '127.0.0.1';
  const raw = env['PORT'] || '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`PORT must be 1 to 65535, not "${raw}"`);
  }
  return { host, port };
}

/** Runs `next <args>` in the foreground, forwarding SIGINT/SIGTERM; resolves with its exit code. */
function runNext(args: string[]): Promise<number> {
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of SIGNALS) process.on(s, forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const s of SIGNALS) process.off(s, forward);
      resolve(code ?? (signal ? (SIGNAL_EXIT[signal] ?? 1) : 1));
    });
  });
}

/** Prints the URL once the server answers its liveness check (gives up quietly when it exits). */
async function announceWhenReady(url: string, exited: Promise<number>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const ok = await fetch(`${url}/api/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      console.log(`\nDrainboard is ready: ${url}\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<number> {
  const { host, port } = listenAddress(process.env);
  const decision = await needsBuild(ROOT);
  if (decision.needed) {
    console.log(`Building Drainboard: ${decision.reason}.`);
    const code = await runNext(['build']);
    if (code !== 0) return code;
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  console.log(`Starting Drainboard on ${url}`);
  const exited = runNext(['start', '-H', host, '-p', String(port)]);
  void announceWhenReady(url, exited);
  return exited;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
