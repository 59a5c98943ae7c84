import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureChromium } from './chromium';

/** `tsx lib/cli/ensure-chromium.ts`: run before Playwright (npm run test:e2e). */

function run(command: readonly string[]): Promise<number> {
  const [file = '', ...args] = command;
  const child = spawn(file, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return new Promise((resolve) => {
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

ensureChromium({
  exists: existsSync,
  isRoot: process.getuid?.() === 0,
  run,
  log: (line) => console.error(line),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`ensure-chromium: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
