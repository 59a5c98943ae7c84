import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { RetryListSchema, type RetryListItem } from '../lib/domain/retries';
import { expect, SIM_CONTEXT, test } from './fixtures';
import { startApp } from './support/app';

/**
 * Nothing is lost when the dashboard dies: five blocked evictions are pending when the server
 * is SIGKILLed; a new server on the same data directory resumes them without any browser, and
 * once the budget allows, all five are accepted with no eviction of any pod sent twice.
 */

const BATCH = `apiVersion: v1
kind: Namespace
metadata: {name: batch}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: batch, namespace: batch}
spec:
  replicas: 6
  selector: {matchLabels: {app: batch}}
  template:
    metadata:
      labels: {app: batch}
      annotations:
        sim.drainboard.dev/start-after: 200ms
        sim.drainboard.dev/ready-after: 200ms
        sim.drainboard.dev/shutdown-after: 200ms
    spec:
      containers: [{name: app, image: busybox}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: batch, namespace: batch}
spec:
  minAvailable: 6
  selector: {matchLabels: {app: batch}}
`;

const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

async function retries(url: string): Promise<RetryListItem[]> {
  const res = await fetch(`${url}/api/clusters/${SIM_CONTEXT}/retries`);
  expect(res.status).toBe(200);
  return RetryListSchema.parse(await res.json());
}

test('five pending retries survive a SIGKILL of the dashboard and complete once, each', async ({
  app,
  env,
  sim,
  kubectl,
}) => {
  test.setTimeout(120_000);
  const manifest = join(env.workDir, 'batch.yaml');
  await writeFile(manifest, BATCH);
  await kubectl('apply', '-f', manifest);
  let pods: V1Pod[] = [];
  await expect
    .poll(
      async () => {
        pods = (await sim.list<V1Pod>('/api/v1/namespaces/batch/pods')).filter(isReady);
        return pods.length;
      },
      { timeout: 30_000 },
    )
    .toBe(6);
  await expect
    .poll(
      async () =>
        await kubectl(
          'get',
          'pdb',
          '-n',
          'batch',
          'batch',
          '-o',
          'jsonpath={.status.currentHealthy}/{.status.disruptionsAllowed}',
        ),
      { timeout: 15_000 },
    )
    .toBe('6/0');

  const before = await sim.evictions();
  const chosen = pods.slice(0, 5);
  for (const pod of chosen) {
    const name = pod.metadata?.name ?? '';
    const res = await fetch(
      `${app.url}/api/clusters/${SIM_CONTEXT}/namespaces/batch/pods/${name}/eviction`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: app.url },
        body: JSON.stringify({ uid: pod.metadata?.uid, retry: true }),
      },
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ outcome: 'queued', budget: 'batch' });
  }
  const pending = (await retries(app.url)).filter((e) => e.namespace === 'batch');
  expect(pending.map((e) => e.state)).toEqual(Array(5).fill('pending'));

  await app.kill();
  await expect.poll(async () => (await sim.openWatches()).poddisruptionbudgets).toBe(0);
  const port = Number(new URL(app.url).port);
  const again = await startApp({ kubeconfigPath: sim.kubeconfigPath, dataDir: env.workDir, port });
  try {
    await kubectl(
      'patch',
      'pdb',
      'batch',
      '-n',
      'batch',
      '--type=merge',
      '-p',
      '{"spec":{"minAvailable":1}}',
    );
    await expect
      .poll(
        async () =>
          (await retries(again.url)).filter((e) => e.namespace === 'batch').map((e) => e.state),
        {
          timeout: 60_000,
        },
      )
      .toEqual(Array(5).fill('evicted'));
    const after = await sim.evictions();
    expect(after.repeated).toBe(before.repeated);
    expect((after.byCode['201'] ?? 0) - (before.byCode['201'] ?? 0)).toBe(5);
    const uids = new Set(chosen.map((p) => p.metadata?.uid));
    const left = (await sim.list<V1Pod>('/api/v1/namespaces/batch/pods')).filter(
      (p) => uids.has(p.metadata?.uid) && p.metadata?.deletionTimestamp === undefined,
    );
    expect(left).toEqual([]);
  } finally {
    await again.stop();
  }
});
