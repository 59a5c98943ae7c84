import { each } from './support/metrics';
import { openStream, type StreamClient } from './support/stream';
import { Shell } from './pages/shell';
import { expect, SIM_CONTEXT, test } from './fixtures';

const STREAM_CLIENTS = 50;

test('every tab and stream client of a cluster shares one watch per kind', async ({
  context,
  sim,
  baseURL,
}) => {
  const tabs = await Promise.all([1, 2, 3].map(() => context.newPage()));
  for (const tab of tabs) {
    const shell = new Shell(tab);
    await shell.open('overview');
    await shell.expectLive();
  }
  await expect.poll(() => sim.openWatches()).toEqual(each(1));
  const listsBefore = await sim.successfulLists();

  const url = `${baseURL}/api/clusters/${SIM_CONTEXT}/stream`;
  const clients: StreamClient[] = Array.from({ length: STREAM_CLIENTS }, () => openStream(url));
  await Promise.all(clients.map((c) => c.snapshot));
  await expect.poll(() => sim.openWatches()).toEqual(each(1));
  // The clients were served from the model: nothing was listed again for them.
  expect(await sim.successfulLists()).toEqual(listsBefore);

  for (const c of clients) c.close();
  await Promise.all(tabs.map((tab) => tab.close()));
  // DRAINBOARD_WATCH_LINGER_SECONDS=5: the watches end a few seconds after the last client.
  await expect.poll(() => sim.openWatches(), { timeout: 15_000 }).toEqual(each(0));
});
