import { describe, expect, it } from 'vitest';

import { eventually } from '@/lib/sim/testing';

import { uidOf, useRouteKit } from '../evictions/route-testkit';
import { cordon, dashboardOn, post, read, start, stopDrain, until } from './drain-testkit';
import { startDrainRoute } from './routes';

/**
 * Drains against the embedded demo cluster over real HTTP: the three stages, safe to power
 * off, a budget that never reopens until the timeout, a stop halfway, and a restart mid-drain.
 * Every eviction goes through the retry queue; none is a direct delete or uses grace 0.
 */

const kit = useRouteKit();
const FLAGS = { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true };

async function unschedulable(node: string): Promise<boolean> {
  const n = await kit.api<{ spec?: { unschedulable?: boolean } }>('GET', `/api/v1/nodes/${node}`);
  return n.spec?.unschedulable === true;
}

/** Three bare pods on node-2 labelled `app=<app>` under a budget of minAvailable `min`. */
async function barePods(app: string, min: number): Promise<string> {
  const ns = await kit.namespace();
  for (const name of ['a', 'b', 'c']) {
    await kit.api('POST', `/api/v1/namespaces/${ns}/pods`, {
      metadata: {
        name,
        labels: { app },
        annotations: {
          'sim.drainboard.dev/start-after': '100ms',
          'sim.drainboard.dev/ready-after': '100ms',
          'sim.drainboard.dev/shutdown-after': '300ms',
        },
      },
      spec: { nodeName: 'node-2', containers: [{ name: 'app', image: 'nginx' }] },
    });
  }
  await kit.api('POST', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, {
    metadata: { name: app },
    spec: { minAvailable: min, selector: { matchLabels: { app } } },
  });
  await eventually(async () => {
    const b = await kit.api<{ status?: { currentHealthy?: number; expectedPods?: number } }>(
      'GET',
      `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/${app}`,
    );
    return b.status?.currentHealthy === 3 && b.status.expectedPods === 3;
  });
  return ns;
}

describe('drains', () => {
  it('drains node-3: accepted, gone, replacements Ready; safe to power off; uncordon', async () => {
    const d = dashboardOn(kit, kit.store);
    await kit.demoPods('web', 3);
    const before = await kit.counters();
    const begun = await start(d, { nodes: ['node-3'], ...FLAGS });
    expect(begun.state).toBe('running');
    expect(await unschedulable('node-3')).toBe(true);
    const total = begun.counts.total;
    expect(begun.pods.map((p) => p.name)).toEqual(
      expect.arrayContaining(['debug-shell', expect.stringMatching(/^web-/)]),
    );

    const drained = await until(d, begun.id, (v) => v.nodes[0]?.safeToPowerOff === true);
    expect(drained.counts).toMatchObject({ total, accepted: total, gone: total, failed: 0 });
    expect(drained.state).not.toBe('running');
    // web's replacement becomes Ready; checkout's and flaky's may never (the demo's stuck cases).
    const isWeb = (p: { name: string }) => p.name.startsWith('web-');
    const ready = await until(d, begun.id, (v) => v.pods.find(isWeb)?.stage === 'ready');
    expect(['drained', 'complete']).toContain(ready.state);
    expect(ready.pods.find(isWeb)?.replacement).toMatch(/^web-/);
    expect(ready.pods.find((p) => p.name === 'debug-shell')).toMatchObject({
      stage: 'gone',
      replaced: false,
    });
    for (const p of ready.pods.filter((p) => p.stage === 'ready')) {
      expect(Date.parse(p.readyAt ?? '')).toBeGreaterThanOrEqual(Date.parse(p.goneAt ?? '') - 5000);
    }

    // Every request was an Eviction with the pod's own grace: no DELETE, never grace 0.
    const after = await kit.counters();
    expect(after.deletes).toBe(before.deletes);
    expect(after.evictions - before.evictions).toBe(total);
    const attempts = kit.store.list({ cluster: 'sim', limit: 500 });
    const ours = attempts.filter((a) => begun.pods.some((p) => p.uid === a.uid));
    expect(ours).toHaveLength(total);
    for (const a of ours) {
      expect(a).toMatchObject({ action: 'evict', outcome: 'evicted' });
      expect(a.options.gracePeriodSeconds).toBeNull();
    }
    // The grace each pod got, as the cluster set it (deletionGracePeriodSeconds): its own.
    for (const p of ready.pods) {
      const facts = kit.store.timelines.get('sim', p.uid)?.facts ?? [];
      const started = facts.find((f) => f.kind === 'deletion-started');
      const grace = started && 'gracePeriodSeconds' in started ? started.gracePeriodSeconds : 0;
      expect(grace, p.name).toBe(30);
    }

    expect((await cordon(d, 'node-3', false)).code).toBe(200);
    expect(await unschedulable('node-3')).toBe(false);
  }, 90_000);

  it('waits on a budget that never reopens, with its reason, and ends at the timeout', async () => {
    const d = dashboardOn(kit, kit.store);
    const begun = await start(d, { nodes: ['node-1'], ...FLAGS, timeoutSeconds: 8 });
    const api = begun.pods.find((p) => p.name.startsWith('api-'));
    const search = begun.pods.find((p) => p.name.startsWith('search-'));
    if (api === undefined || search === undefined) throw new Error('no api or search pod');
    const waiting = await read(d, begun.id);
    expect(waiting.pods.find((p) => p.uid === api.uid)).toMatchObject({
      stage: 'waiting',
      message: expect.stringMatching(/Budget api allows 0 disruptions/),
    });

    const over = await until(d, begun.id, (v) => v.state === 'timed-out', 30_000);
    expect(over.reason).toMatch(/timeout of 8 s/);
    expect(over.left).toEqual(
      expect.arrayContaining([
        { namespace: 'shop', name: api.name, why: expect.stringMatching(/Budget api/) },
        {
          namespace: 'shop',
          name: search.name,
          why: expect.stringMatching(/more than one PodDisruptionBudget/),
        },
      ]),
    );
    expect(over.pods.find((p) => p.uid === api.uid)?.stage).toBe('cancelled');
    expect(over.pods.find((p) => p.uid === search.uid)?.stage).toBe('failed');
    const entry = kit.store.retries.get(over.pods.find((p) => p.uid === api.uid)?.retryId ?? 0);
    expect(entry?.state).toBe('expired');
    expect(await unschedulable('node-1')).toBe(true);
    await cordon(d, 'node-1', false);
  }, 60_000);

  it('stops halfway: nothing more is evicted, the node stays cordoned', async () => {
    const d = dashboardOn(kit, kit.store);
    const ns = await barePods('halt', 2);
    const begun = await start(d, { nodes: ['node-2'], force: true, podSelector: 'app=halt' });
    expect(begun.counts.total).toBe(3);
    await until(d, begun.id, (v) => v.counts.gone === 1);
    // One drain of a node at a time: a second one is refused and changes nothing.
    const again = await startDrainRoute(
      d.deps,
      post('/api/clusters/sim/drains', { nodes: ['node-2'], force: true, podSelector: 'app=halt' }),
      'sim',
    );
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      error: 'refused',
      message: `Drain #${begun.id} is already draining node-2: stop it, or wait until it is over.`,
    });
    const stopped = await stopDrain(d, begun.id);
    expect(stopped.code).toBe(200);
    expect(stopped.body).toMatchObject({ state: 'stopped', counts: { gone: 1, cancelled: 2 } });
    expect((await stopDrain(d, begun.id)).code).toBe(409);
    const evictions = (await kit.counters()).evictions;
    // The budget reopens: a running drain would evict the next pod now.
    await kit.api(
      'PATCH',
      `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/halt`,
      { spec: { minAvailable: 0 } },
      'application/merge-patch+json',
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect((await kit.counters()).evictions).toBe(evictions);
    const left = await kit.api<{ items: unknown[] }>('GET', `/api/v1/namespaces/${ns}/pods`);
    expect(left.items).toHaveLength(2);
    expect(await unschedulable('node-2')).toBe(true);
    await cordon(d, 'node-2', false);
  }, 60_000);

  it('leaves a retry entry the pod had before the drain to its owner at a stop', async () => {
    const d = dashboardOn(kit, kit.store);
    const ns = await barePods('own', 3);
    const mine = await kit.evict(
      { namespace: ns, pod: 'c' },
      { uid: uidOf(await kit.read(ns, 'c')), retry: true },
    );
    expect(mine.answer.outcome).toBe('queued');
    const begun = await start(d, { nodes: ['node-2'], force: true, podSelector: 'app=own' });
    expect(begun.pods.find((p) => p.name === 'c')?.retryId).toBe(mine.answer.retryId);
    const stopped = await stopDrain(d, begun.id);
    expect(stopped.body).toMatchObject({ state: 'stopped', counts: { cancelled: 3 } });
    expect(kit.store.retries.get(mine.answer.retryId ?? 0)?.state).toBe('pending');
    const others = begun.pods.filter((p) => p.name !== 'c');
    for (const p of others) expect(kit.store.retries.get(p.retryId ?? 0)?.state).toBe('cancelled');
    d.queue.cancel('sim', mine.answer.retryId ?? 0, 'tester');
    await cordon(d, 'node-2', false);
  });

  it('resumes after a restart of the dashboard and completes', async () => {
    const first = dashboardOn(kit, kit.store);
    const ns = await barePods('again', 2);
    const begun = await start(first, { nodes: ['node-2'], force: true, podSelector: 'app=again' });
    await until(first, begun.id, (v) => v.counts.gone === 1);
    await first.stop();

    const second = dashboardOn(kit, kit.store);
    await second.runner.start();
    await kit.api(
      'PATCH',
      `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/again`,
      { spec: { minAvailable: 0 } },
      'application/merge-patch+json',
    );
    const done = await until(second, begun.id, (v) => v.state === 'complete');
    expect(done.counts).toMatchObject({ total: 3, gone: 3, replacements: 0, failed: 0 });
    expect(done.nodes[0]?.safeToPowerOff).toBe(true);
    const attempts = kit.store.list({ cluster: 'sim', namespace: ns, limit: 50 });
    expect(attempts.filter((a) => a.outcome === 'evicted')).toHaveLength(3);
    await cordon(second, 'node-2', false);
  }, 60_000);
});
