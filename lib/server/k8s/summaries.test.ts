import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ClusterListSchema } from '@/lib/domain/clusters';
import { startTestCluster, type TestCluster } from '@/lib/sim/testing';
import { ClusterRegistry } from './clusters';
import { listClusterSummaries } from './summaries';

let live: TestCluster;
let tmp: string;

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

beforeAll(async () => {
  live = await startTestCluster();
  tmp = await mkdtemp(join(tmpdir(), 'drainboard-summaries-'));
});
afterAll(async () => {
  await live?.stop();
  await rm(tmp, { recursive: true, force: true });
});

it('lists every cluster with its reachability, the dead one with a reason, in the API shape', async () => {
  const dead = `http://127.0.0.1:${await closedPort()}`;
  const cluster = (name: string, server: string) =>
    `- name: ${name}\n  cluster: {server: "${server}", insecure-skip-tls-verify: true}\n`;
  const context = (name: string) => `- name: ${name}\n  context: {cluster: ${name}, user: u}\n`;
  const path = join(tmp, 'kubeconfig');
  await writeFile(
    path,
    `apiVersion: v1\nkind: Config\nclusters:\n${cluster('live', live.cluster.url)}${cluster('dead', dead)}` +
      `contexts:\n${context('live')}${context('dead')}current-context: live\nusers:\n- name: u\n  user: {token: t}\n`,
  );
  const registry = new ClusterRegistry({
    env: { KUBECONFIG: path, DRAINBOARD_DEMO: 'off' },
    homeDir: tmp,
    cwd: tmp,
    reachabilityTimeoutMs: 1_000,
  });
  try {
    const summaries = ClusterListSchema.parse(await listClusterSummaries(registry));
    expect(summaries.map((s) => [s.name, s.default, s.reachable, s.reason])).toEqual([
      ['live', true, true, undefined],
      ['dead', false, false, 'unreachable'],
    ]);
    expect(summaries[0]?.server).toBe(live.cluster.url);
  } finally {
    await registry.close();
  }
});
