import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startApp, type AppServer } from './support/app';
import { kubectlFor, type Kubectl } from './support/kubectl';
import { Sim, SIM_CONTEXT } from './support/sim';

export { expect };
export { SIM_CONTEXT };

/** Shared by every test of one file (one Playwright worker at a time). */
interface WorkerFixtures {
  /** A temporary folder, removed at the end. */
  workDir: string;
  /** The file's embedded cluster (`demo`), also reachable over its control API. */
  sim: Sim;
  /** `next start` of the built app, watching only {@link sim}. */
  app: AppServer;
  /** The real kubectl against {@link sim}. */
  kubectl: Kubectl;
}

interface TestFixtures {
  /** Attaches the server's output to a failing test. */
  serverLogOnFailure: void;
}

/**
 * Each test file gets its own embedded cluster and its own dashboard server, so a file's
 * faults and outages never reach another file.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  workDir: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
    async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'drainboard-e2e-'));
      await use(dir);
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  sim: [
    async ({ workDir }, use) => {
      const sim = await Sim.start(workDir);
      await use(sim);
      await sim.stop();
    },
    { scope: 'worker' },
  ],
  app: [
    async ({ sim, workDir }, use) => {
      const app = await startApp({ kubeconfigPath: sim.kubeconfigPath, dataDir: workDir });
      await use(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  kubectl: [
    async ({ sim, workDir }, use) => use(kubectlFor(sim.kubeconfigPath, workDir)),
    { scope: 'worker' },
  ],
  baseURL: async ({ app }, use) => use(app.url),
  serverLogOnFailure: [
    async ({ app }, use, testInfo) => {
      const before = app.log().length;
      await use();
      if (testInfo.status !== testInfo.expectedStatus) {
        const body = app.log().slice(before) || '(no output during the test)';
        await testInfo.attach('next-start.log', { body, contentType: 'text/plain' });
      }
    },
    { auto: true },
  ],
});
