import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { DrainViewSchema, type DrainView } from '../lib/domain/drains';
import { expect, SIM_CONTEXT, test } from './fixtures';
import { startApp } from './support/app';

/**
 * A drain survives a SIGKILL of the dashboard: four pods on node-2 under a budget that lets one
 * go; the dashboard dies mid-drain; a new server on the same data directory resumes the drain
 * without any browser and, once the budget allows, completes it with each pod evicted once.
 */

const pod = (name: string) => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: hold
  labels: {app: hold}
  annotations:
    sim.drainboard.dev/start-after: 200ms
    sim.drainboard.dev/ready-after: 200ms
    sim.drainboard.dev/shutdown-after: 300ms
spec:
  nodeName: node-2
  containers: [{name: app, image: busybox}]
`;

const HOLD = `apiVersion: v1
kind: Namespace
metadata: {name: hold}
${['a', 'b', 'c', 'd'].map(pod).join('')}---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: hold, namespace: hold}
spec:
  minAvailable: 3
  selector: {matchLabels: {app: hold}}
`;

const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

async function drain(url: string, id: number): Promise<DrainView> {
  const res = await fetch(`${url}/api/clusters/${SIM_CONTEXT}/drains/${id}`);
  expect(res.status).toBe(200);
  return DrainViewSchema.parse(await res.json());
}

test('a drain survives a SIGKILL of the dashboard and completes, each pod evicted once', async ({
  app,
  env,
  sim,
  kubectl,
}) => {
  test.setTimeout(120_000);
  const manifest = join(env.workDir, 'hold.yaml');
  await writeFile(manifest, HOLD);
  await kubectl('apply', '-f', manifest);
  await expect
    .poll(
      async () => (await sim.list<V1Pod>('/api/v1/namespaces/hold/pods')).filter(isReady).length,
      {
        timeout: 30_000,
      },
    )
    .toBe(4);
  await expect
    .poll(
      async () =>
        await kubectl(
          'get',
          'pdb',
          'hold',
          '-n',
          'hold',
          '-o',
          'jsonpath={.status.disruptionsAllowed}',
        ),
      { timeout: 15_000 },
    )
    .toBe('1');

  const before = await sim.evictions();
  const res = await fetch(`${app.url}/api/clusters/${SIM_CONTEXT}/drains`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: app.url },
    body: JSON.stringify({ nodes: ['node-2'], force: true, podSelector: 'app=hold' }),
  });
  expect(res.status).toBe(202);
  const { id } = DrainViewSchema.parse(await res.json());
  await expect
    .poll(async () => (await drain(app.url, id)).counts.gone, { timeout: 20_000 })
    .toBe(1);
  expect((await drain(app.url, id)).state).toBe('running');

  await app.kill();
  const port = Number(new URL(app.url).port);
  const again = await startApp({ kubeconfigPath: sim.kubeconfigPath, dataDir: env.workDir, port });
  try {
    // The new server watches the cluster on its own: nobody has opened a page.
    await expect
      .poll(async () => (await sim.openWatches()).poddisruptionbudgets, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await kubectl(
      'patch',
      'pdb',
      'hold',
      '-n',
      'hold',
      '--type=merge',
      '-p',
      '{"spec":{"minAvailable":0}}',
    );
    await expect
      .poll(async () => (await drain(again.url, id)).state, { timeout: 60_000 })
      .toBe('complete');
    const done = await drain(again.url, id);
    expect(done.counts).toMatchObject({ total: 4, accepted: 4, gone: 4, failed: 0 });
    expect(done.nodes).toEqual([
      { name: 'node-2', isCordoned: true, left: 0, safeToPowerOff: true },
    ]);
    const after = await sim.evictions();
    expect((after.byCode['201'] ?? 0) - (before.byCode['201'] ?? 0)).toBe(4);
    expect(after.repeated).toBe(before.repeated);
    expect(await sim.list<V1Pod>('/api/v1/namespaces/hold/pods')).toEqual([]);
  } finally {
    await again.stop();
  }
});
