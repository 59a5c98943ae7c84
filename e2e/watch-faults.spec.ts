import { Shell } from './pages/shell';
import { expectConverged } from './support/converge';
import { WATCHED_RESOURCES, type WatchedResource } from './support/metrics';
import { expect, SIM_CONTEXT, test } from './fixtures';

/** Every request of the Kubernetes API fails with 503 until the faults are cleared. */
const API_DOWN = { errorRate: 1, errorCode: 503 } as const;

test.beforeEach(async ({ page, sim, baseURL }) => {
  const shell = new Shell(page);
  await shell.open('overview');
  await shell.expectLive();
  await expectConverged(sim, baseURL ?? '', SIM_CONTEXT);
});

test.afterEach(async ({ sim }) => {
  await sim.clearFaults();
});

test('after every watch is closed, the dashboard catches up on what it missed', async ({
  page,
  sim,
  baseURL,
}) => {
  const shell = new Shell(page);
  await sim.setFaults(API_DOWN);
  const { closed } = await sim.control<{ closed: number }>('POST', 'watches/close');
  expect(closed).toBeGreaterThanOrEqual(WATCHED_RESOURCES.length);
  await shell.expectReconnecting();

  // While nothing reaches the dashboard, every object is replaced (new UIDs).
  await sim.control('POST', 'reset', { scenario: 'demo' });
  await sim.clearFaults();

  await shell.expectLive();
  await expectConverged(sim, baseURL ?? '', SIM_CONTEXT);
});

test('after a forced 410 Expired, the dashboard lists again and converges', async ({
  page,
  sim,
  baseURL,
}) => {
  const shell = new Shell(page);
  const listsBefore = await sim.successfulLists();
  // A watch closed in its first second with no events is an error (client-go's "very short
  // watch") and is followed by a relist, not a re-watch, so no expiry would be consumed: let
  // the watches opened by the previous test's recovery age past that second first.
  await page.waitForTimeout(1_100);
  // Each re-watch gets one 410 (expiries come before errors); the relists then fail with 503
  // until the faults are cleared, which holds the dashboard in "Reconnecting".
  await sim.setFaults(API_DOWN);
  await sim.control('POST', 'watches/expire', { count: WATCHED_RESOURCES.length });
  await sim.control('POST', 'watches/close');
  await shell.expectReconnecting();
  await expect
    .poll(async () => (await sim.control<PendingExpiries>('GET', 'faults')).pendingWatchExpiries)
    .toBe(0);

  await sim.control('POST', 'reset', { scenario: 'demo' });
  await sim.clearFaults();

  await shell.expectLive();
  // Exactly one more LIST per kind: the relist the 410 demands, and no other.
  expect(await sim.successfulLists()).toEqual(plusOne(listsBefore));
  await expectConverged(sim, baseURL ?? '', SIM_CONTEXT);
});

interface PendingExpiries {
  pendingWatchExpiries: number;
}

function plusOne(counts: Record<WatchedResource, number>): Record<WatchedResource, number> {
  return Object.fromEntries(WATCHED_RESOURCES.map((r) => [r, counts[r] + 1])) as Record<
    WatchedResource,
    number
  >;
}
