import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Walkthrough } from '@/lib/domain/walkthroughs/types';
import { eventually } from '@/lib/sim/testing';

import { realClock } from '../k8s/clock';
import { ClusterRegistry } from '../k8s/clusters';
import { LiveClusters } from '../live/live-clusters';
import { EvictionStore } from '../store/eviction-store';
import { TimelineRecorder } from '../timelines/recorder';
import { WalkthroughManager } from './manager';
import { finishWalkthroughRoute, startWalkthroughRoute, walkthroughRoute } from './routes';

/**
 * The walkthroughs' runs against real embedded clusters: a walkthrough gets a cluster of its
 * own named after it, its steps tick in order from the live model, the ticks survive a
 * restart, a reset starts afresh, and finishing removes the cluster.
 */

const text = (en: string) => ({ en, ja: `${en}（ja）` });
const step = (id: string, check: Walkthrough['steps'][number]['check']) => ({
  id,
  title: text(id),
  action: { kind: 'kubectl' as const, args: ['get', 'pods', '-n', 'learn'] },
  expect: text('it happens'),
  why: text('because'),
  docs: [],
  check,
});
const solo = (s: Parameters<Walkthrough['steps'][number]['check']>[0]) =>
  s.snapshot.pods.find((p) => p.namespace === 'learn' && p.name === 'solo');

/** A walkthrough of two steps: see the pod Ready, then delete it. */
const TINY: Walkthrough = {
  id: 'tiny',
  title: text('Tiny'),
  summary: text('A pod comes and goes.'),
  manifests: () => `apiVersion: v1
kind: Namespace
metadata: {name: learn}
---
apiVersion: v1
kind: Pod
metadata:
  name: solo
  namespace: learn
  annotations: {sim.drainboard.dev/start-after: 100ms, sim.drainboard.dev/ready-after: 100ms, sim.drainboard.dev/shutdown-after: 100ms}
spec:
  containers: [{name: app, image: nginx}]
`,
  steps: [
    step('ready', (s) => solo(s)?.isReady === true),
    step('gone', (s) => solo(s) === undefined),
  ],
};

let dir: string;
let registry: ClusterRegistry;
let live: LiveClusters;
let store: EvictionStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drainboard-walk-'));
  const env = { KUBECONFIG: join(dir, 'none'), DRAINBOARD_DEMO: 'off', DRAINBOARD_DATA_DIR: dir };
  registry = new ClusterRegistry({ env, homeDir: dir, cwd: dir });
  live = new LiveClusters(registry, { lingerMs: 0 });
  store = EvictionStore.open(dir);
});
afterAll(async () => {
  await live.close();
  await registry.close();
  store.close();
  await rm(dir, { recursive: true, force: true });
});

function manager(): WalkthroughManager {
  return new WalkthroughManager({
    walkthroughs: [TINY],
    registry,
    live,
    store,
    drains: () => Promise.resolve([]),
    clock: realClock,
  });
}

const ORIGIN = 'http://127.0.0.1:3000';
const change = (method: string, path: string) =>
  new Request(`${ORIGIN}${path}`, {
    method,
    headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
  });

describe('walkthroughs', () => {
  it('runs on a cluster of its own, ticks in order, keeps its ticks, resets and finishes', async () => {
    const first = manager();
    const deps = { manager: first };
    const res = await startWalkthroughRoute(
      deps,
      change('POST', '/api/walkthroughs/tiny/start'),
      'tiny',
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'tiny', state: 'running', cluster: 'tiny' });
    expect(registry.has('tiny')).toBe(true);
    expect((await registry.list()).find((c) => c.name === 'tiny')?.embedded).toEqual({
      kind: 'walkthrough',
      title: 'Tiny',
    });

    await eventually(async () => (await first.current('tiny')).done['ready'] !== undefined, 15_000);
    expect((await first.current('tiny')).done['gone']).toBeUndefined();
    const kc = await registry.kubeConfig('tiny');
    await kc.makeApiClient(CoreV1Api).deleteNamespacedPod({ name: 'solo', namespace: 'learn' });
    await eventually(async () => (await first.current('tiny')).done['gone'] !== undefined, 15_000);

    // A restart: the ticks are kept; the cluster is gone with the old process.
    first.close();
    await live.forget('tiny');
    await registry.removeEmbedded('tiny');
    const second = manager();
    const after = await (await walkthroughRoute({ manager: second }, 'tiny')).json();
    expect(after).toMatchObject({ state: 'interrupted', cluster: null });
    expect(Object.keys((after as { done: object }).done).sort()).toEqual(['gone', 'ready']);

    const again = await second.start(TINY);
    expect(again).toMatchObject({ state: 'running', cluster: 'tiny' });
    expect(again.done['gone']).toBeUndefined();

    const finished = await finishWalkthroughRoute(
      { manager: second },
      change('DELETE', '/api/walkthroughs/tiny'),
      'tiny',
    );
    expect(await finished.json()).toMatchObject({ state: 'finished', cluster: null });
    expect(registry.has('tiny')).toBe(false);
  }, 60_000);

  it('after a reset, records the timelines of the new cluster under the same name', async () => {
    const recorder = new TimelineRecorder(store.timelines, realClock, 86_400_000);
    await live.observe((w) => recorder.attach(w));
    const m = manager();
    const podOf = async () => {
      const kc = await registry.kubeConfig('tiny');
      const api = kc.makeApiClient(CoreV1Api);
      const pod = await eventually(async () => {
        const p = await api.readNamespacedPod({ name: 'solo', namespace: 'learn' });
        return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && p;
      }, 15_000);
      await api.deleteNamespacedPod({ name: 'solo', namespace: 'learn' });
      return pod.metadata?.uid ?? '';
    };
    try {
      await m.start(TINY);
      const first = await podOf();
      await eventually(() => store.timelines.get('tiny', first) !== undefined, 15_000);
      await m.start(TINY);
      const second = await podOf();
      expect(second).not.toBe(first);
      await eventually(() => store.timelines.get('tiny', second) !== undefined, 15_000);
    } finally {
      recorder.close();
      await m.finish('tiny');
    }
  }, 60_000);

  it('404 for an unknown walkthrough, 400 for a cross-site start', async () => {
    const deps = { manager: manager() };
    expect((await walkthroughRoute(deps, 'nope')).status).toBe(404);
    const cross = new Request(`${ORIGIN}/api/walkthroughs/tiny/start`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect((await startWalkthroughRoute(deps, cross, 'tiny')).status).toBe(400);
    expect(registry.has('tiny')).toBe(false);
  });
});
