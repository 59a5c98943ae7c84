import { Shell } from './pages/shell';
import { expectConverged } from './support/converge';
import { SIM_CONTEXT, test } from './fixtures';

/** How long the cluster stays down (the acceptance). */
const OUTAGE_MS = 20_000;
/**
 * The reflectors' backoff is capped at 30 s, so the first attempt after the restart may come
 * that late; it relists at once. The rest is margin for a loaded CI machine.
 */
const RECOVERY_MS = 75_000;

test('the dashboard recovers from a 20 s cluster outage without a restart', async ({
  page,
  sim,
  baseURL,
}) => {
  test.setTimeout(OUTAGE_MS + RECOVERY_MS + 30_000);
  const shell = new Shell(page);
  await shell.open('overview');
  await shell.expectLive();
  await expectConverged(sim, baseURL ?? '', SIM_CONTEXT);

  const lastResourceVersion = sim.resourceVersion;
  await sim.stop();
  const downAt = Date.now();
  await shell.expectReconnecting();
  // The outage itself is the input here, not a condition to wait for.
  await page.waitForTimeout(OUTAGE_MS - (Date.now() - downAt));
  await shell.expectReconnecting();

  // A new cluster on the same port and token: the same kubeconfig, all-new objects. Its
  // resourceVersion passes the old one at once, so a dashboard that resumed its watches from
  // their old versions would be answered, not refused, and would silently miss the new objects.
  await sim.start();
  sim.advanceResourceVersionPast(lastResourceVersion);
  const upAt = Date.now();
  await shell.expectLive(RECOVERY_MS);
  const recovered = `${Date.now() - upAt} ms`;
  test.info().annotations.push({ type: 'live again after', description: recovered });
  await expectConverged(sim, baseURL ?? '', SIM_CONTEXT);
});
