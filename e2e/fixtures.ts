import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startApp, type AppServer } from './support/app';
import { kubectlFor, type Kubectl } from './support/kubectl';
import { Sim, SIM_CONTEXT } from './support/sim';

export { expect };
export { SIM_CONTEXT };

/** One test file's world: its own cluster, dashboard server and kubectl. */
interface FileEnv {
  file: string;
  /** A temporary folder, removed with the env. */
  workDir: string;
  /** The file's embedded cluster (`demo`), also reachable over its control API. */
  sim: Sim;
  /** `next start` of the built app, watching only {@link sim}. */
  app: AppServer;
  /** The real kubectl against {@link sim}. */
  kubectl: Kubectl;
}

/**
 * Keeps the env of the file being run. Playwright runs several files in one worker when
 * their worker fixtures match, so a worker-scoped cluster would be shared between files;
 * this starts a fresh env whenever the file changes and stops the previous one.
 */
class FileEnvs {
  private current: FileEnv | undefined;

  async for(file: string, env: Readonly<Record<string, string>>): Promise<FileEnv> {
    if (this.current?.file === file) return this.current;
    await this.close();
    const workDir = await mkdtemp(join(tmpdir(), 'drainboard-e2e-'));
    const sim = await Sim.start(workDir);
    const app = await startApp({ kubeconfigPath: sim.kubeconfigPath, dataDir: workDir, env });
    this.current = { file, workDir, sim, app, kubectl: kubectlFor(sim.kubeconfigPath, workDir) };
    return this.current;
  }

  async close(): Promise<void> {
    const env = this.current;
    this.current = undefined;
    if (env === undefined) return;
    await env.app.stop();
    await env.sim.stop();
    await rm(env.workDir, { recursive: true, force: true });
  }
}

interface WorkerFixtures {
  envs: FileEnvs;
  /** More environment for the file's dashboard server (`test.use({ appEnv })` at file level). */
  appEnv: Readonly<Record<string, string>>;
}

interface TestFixtures {
  env: FileEnv;
  sim: Sim;
  app: AppServer;
  kubectl: Kubectl;
  /** Attaches the server's output to a failing test. */
  serverLogOnFailure: void;
}

/**
 * Each test file gets its own embedded cluster and its own dashboard server, so a file's
 * faults, outages and cached answers never reach another file.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  appEnv: [{}, { option: true, scope: 'worker' }],
  envs: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
    async ({}, use) => {
      const envs = new FileEnvs();
      await use(envs);
      await envs.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  env: [
    async ({ envs, appEnv }, use, testInfo) => use(await envs.for(testInfo.file, appEnv)),
    { timeout: 60_000 },
  ],
  sim: async ({ env }, use) => use(env.sim),
  app: async ({ env }, use) => use(env.app),
  kubectl: async ({ env }, use) => use(env.kubectl),
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
