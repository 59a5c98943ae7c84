import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (toolchain.md §6). There is no webServer: each test
 * file starts its own embedded cluster and `next start` of the build (e2e/fixtures.ts), so run
 * `npm run build` first (`npm test` does).
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two cores: one browser, one dashboard server and one embedded cluster at a time.
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
