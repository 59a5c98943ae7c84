import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it, onTestFinished } from 'vitest';

import {
  TimelineDetailSchema,
  TimelineSummarySchema,
  type TimelineDetail,
} from '@/lib/domain/timeline-summary';
import type { TimelineFact } from '@/lib/domain/timelines';
import { eventually } from '@/lib/sim/testing';

import { realClock } from '../k8s/clock';
import { evict } from '../evictions/evict';
import { nameOf, uidOf, useRouteKit } from '../evictions/route-testkit';
import type { ClusterWatch } from '../live/cluster-watch';
import { LiveClusters } from '../live/live-clusters';
import { EvictionStore } from '../store/eviction-store';
import type { StoredTimeline } from '../store/timeline-store';
import { TimelineRecorder } from './recorder';
import {
  timelineExportRoute,
  timelineRoute,
  timelinesRoute,
  type TimelineRouteDeps,
} from './routes';

/**
 * The timeline recorder against the embedded cluster over real HTTP: the facts of an eviction
 * from the request to the replacement Ready, with the cluster's own times; a kill at the
 * deadline; an eviction by another client; a finalizer; and a restart in the middle.
 */

const kit = useRouteKit();
const DAY = 86_400_000;

/** A recorder (and its live watches) on `store`, closed when the test ends. */
async function recorderOn(
  store: EvictionStore,
): Promise<TimelineRecorder & { watch: ClusterWatch }> {
  const live = new LiveClusters(kit.registry, { lingerMs: 0 });
  const recorder = new TimelineRecorder(store.timelines, realClock, DAY);
  await live.observe((w) => recorder.attach(w));
  const watch = await live.get('sim');
  if (watch === undefined) throw new Error('no watch');
  onTestFinished(watch.acquire());
  expect(await watch.whenSynced(15_000)).toBe(true);
  onTestFinished(async () => {
    recorder.close();
    await live.close();
  });
  return Object.assign(recorder, { watch });
}

/** A Deployment of one fast pod (shutdown and grace as given); its pod once Ready. */
async function deployment(
  ns: string,
  opts: { shutdown?: string; grace?: number; finalizers?: string[]; replicas?: number } = {},
): Promise<V1Pod> {
  await kit.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    metadata: { name: 'app' },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: { app: 'app' } },
      template: {
        metadata: {
          labels: { app: 'app' },
          annotations: {
            'sim.drainboard.dev/start-after': '100ms',
            'sim.drainboard.dev/ready-after': '100ms',
            'sim.drainboard.dev/shutdown-after': opts.shutdown ?? '100ms',
          },
          ...(opts.finalizers ? { finalizers: opts.finalizers } : {}),
        },
        spec: {
          terminationGracePeriodSeconds: opts.grace ?? 30,
          containers: [{ name: 'app', image: 'nginx' }],
        },
      },
    },
  });
  return eventually(async () => {
    const list = await kit.api<{ items: V1Pod[] }>('GET', `/api/v1/namespaces/${ns}/pods`);
    const ready = list.items.find((p) =>
      p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    );
    return ready ?? false;
  }, 20_000);
}

/** The pod's timeline once `done` holds of it. */
function timeline(
  store: EvictionStore,
  uid: string,
  done: (t: StoredTimeline) => boolean,
): Promise<StoredTimeline> {
  return eventually(
    () => {
      const t = store.timelines.get('sim', uid);
      return t !== undefined && done(t) ? t : false;
    },
    30_000,
    `timeline of ${uid}`,
  );
}

/** The routes on `store`, their clock `aheadMs` in the future. */
function routes(store: EvictionStore, aheadMs = 0): TimelineRouteDeps {
  return {
    registry: kit.registry,
    timelines: store.timelines,
    clock: { now: () => Date.now() + aheadMs },
  };
}

async function detailOf(uid: string, deps = routes(kit.store)): Promise<TimelineDetail> {
  const res = await timelineRoute(deps, { cluster: 'sim', uid });
  expect(res.status).toBe(200);
  return TimelineDetailSchema.parse(await res.json());
}

const kinds = (t: StoredTimeline) => t.facts.map((f) => f.kind);
const find = <K extends TimelineFact['kind']>(t: StoredTimeline, kind: K) =>
  t.facts.find((f): f is Extract<TimelineFact, { kind: K }> => f.kind === kind);

describe('the timeline recorder', () => {
  it('gives each evicted pod its own replacement, one evicted just after another', async () => {
    const ns = await kit.namespace();
    await deployment(ns, { replicas: 2 });
    const pods = await eventually(async () => {
      const list = await kit.api<{ items: V1Pod[] }>('GET', `/api/v1/namespaces/${ns}/pods`);
      const ready = list.items.filter((p) =>
        p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return ready.length === 2 && ready;
    }, 20_000);
    const recorder = await recorderOn(kit.store);
    const deps = {
      ...kit.deps(),
      onAttempt: (id: number) => {
        const a = kit.store.attempt(id);
        if (a) recorder.attempt(a);
      },
    };
    const replacementOf = async (pod: V1Pod) => {
      const request = { uid: uidOf(pod) };
      const target = { cluster: 'sim', namespace: ns, pod: nameOf(pod), request };
      expect((await evict(deps, target)).outcome).toBe('evicted');
      const t = await timeline(kit.store, uidOf(pod), (x) => x.done);
      return find(t, 'replacement-ready')?.uid;
    };
    // The second goes within a second of the first's replacement: same-second timestamps.
    const first = await replacementOf(pods[0] as V1Pod);
    const second = await replacementOf(pods[1] as V1Pod);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('records an eviction through Drainboard from the request to the replacement Ready', async () => {
    const ns = await kit.namespace();
    const pod = await deployment(ns);
    const recorder = await recorderOn(kit.store);
    const deps = {
      ...kit.deps(),
      onAttempt: (id: number) => {
        const a = kit.store.attempt(id);
        if (a) recorder.attempt(a);
      },
    };
    const answer = await evict(deps, {
      cluster: 'sim',
      namespace: ns,
      pod: nameOf(pod),
      request: { uid: uidOf(pod) },
    });
    expect(answer.outcome).toBe('evicted');
    const terminating = await kit.read(ns, nameOf(pod));
    const t = await timeline(kit.store, uidOf(pod), (x) => x.done);
    expect(t).toMatchObject({ namespace: ns, pod: nameOf(pod), done: true });
    expect(t.owner?.kind).toBe('ReplicaSet');
    expect(kinds(t)).toEqual(
      expect.arrayContaining([
        'requested',
        'disruption-target',
        'deletion-started',
        'not-ready',
        'container-terminated',
        'terminal-phase',
        'deleted',
        'replacement-created',
        'replacement-scheduled',
        'replacement-running',
        'replacement-ready',
      ]),
    );
    expect(find(t, 'requested')).toMatchObject({ outcome: 'evicted', clusterCode: 201 });
    // The cluster's own times, exactly.
    const target = terminating.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    expect(find(t, 'disruption-target')).toMatchObject({
      reason: 'EvictionByEvictionAPI',
      source: 'cluster',
      time: String(target?.lastTransitionTime),
    });
    expect(find(t, 'deletion-started')).toMatchObject({
      source: 'cluster',
      deadline: String(terminating.metadata?.deletionTimestamp),
      gracePeriodSeconds: 30,
    });
    expect(find(t, 'container-terminated')).toMatchObject({ container: 'app', exitCode: 0 });
    expect(find(t, 'deleted')?.source).toBe('observed');

    const list = await timelinesRoute(
      routes(kit.store),
      new Request(`http://x/api/clusters/sim/timelines?namespace=${ns}`),
      'sim',
    );
    const [summary] = TimelineSummarySchema.array().parse(await list.json());
    expect(summary).toMatchObject({
      uid: uidOf(pod),
      attribution: 'drainboard',
      current: 'replacement-ready',
      inProgress: false,
      findings: [],
    });
    // The same summary went out on the stream.
    const streamed = recorder.watch.model.timelineSummaries().find((x) => x.uid === uidOf(pod));
    expect(streamed).toMatchObject({ current: 'replacement-ready', inProgress: false });
    const detail = await detailOf(uidOf(pod));
    expect(detail.phases.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['terminating', 'gone', 'replacement-starting', 'replacement-ready']),
    );
    // By second (the cluster's precision), our request first within its second.
    const seconds = detail.facts.map((f) => Math.floor(Date.parse(f.time ?? '') / 1000));
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(detail.facts[0]?.kind).toBe('requested');
    const file = await timelineExportRoute(routes(kit.store), { cluster: 'sim', uid: uidOf(pod) });
    expect(file.headers.get('Content-Disposition')).toBe(
      `attachment; filename="timeline-${ns}-${nameOf(pod)}-${uidOf(pod)}.json"`,
    );
    expect(TimelineDetailSchema.parse(await file.json()).uid).toBe(uidOf(pod));
  });

  it('answers 400 for an invalid query or UID and 404 for an unknown timeline or cluster', async () => {
    const deps = routes(kit.store);
    const list = (query: string, cluster = 'sim') =>
      timelinesRoute(
        deps,
        new Request(`http://x/api/clusters/${cluster}/timelines${query}`),
        cluster,
      );
    expect((await list('?namespace=Bad_NS')).status).toBe(400);
    expect((await list('?since=yesterday')).status).toBe(400);
    expect((await list('?limit=0')).status).toBe(400);
    expect((await list('?unknown=1')).status).toBe(400);
    expect((await list('', 'nope')).status).toBe(404);
    expect((await timelineRoute(deps, { cluster: 'sim', uid: '../x' })).status).toBe(400);
    expect((await timelineRoute(deps, { cluster: 'sim', uid: 'no-such-uid' })).status).toBe(404);
  });

  it('shows a container killed at the deadline (exit 137) when shutdown outlasts the grace period', async () => {
    const ns = await kit.namespace();
    const pod = await deployment(ns, { shutdown: '5s', grace: 1 });
    await recorderOn(kit.store);
    await kit.api('POST', `/api/v1/namespaces/${ns}/pods/${nameOf(pod)}/eviction`, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: nameOf(pod), namespace: ns },
    });
    const t = await timeline(kit.store, uidOf(pod), (x) => kinds(x).includes('deleted'));
    const killed = find(t, 'container-terminated');
    expect(killed).toMatchObject({ exitCode: 137, source: 'cluster' });
    const deadline = find(t, 'deletion-started')?.deadline ?? '';
    expect(Date.parse(killed?.time ?? '')).toBeGreaterThanOrEqual(Date.parse(deadline) - 1000);
    // Not through Drainboard: no request of ours, and the cluster says who.
    expect(kinds(t)).not.toContain('requested');
    expect(find(t, 'disruption-target')?.reason).toBe('EvictionByEvictionAPI');
    const detail = await detailOf(uidOf(pod));
    expect(detail.attribution).toBe('eviction-api');
    expect(detail.findings.map((f) => f.code)).toContain('killed-at-deadline');
  });

  it('names the finalizer that holds a pod after its containers stopped', async () => {
    const ns = await kit.namespace();
    const pod = await kit.readyPod(ns, 'held', ['example.com/hold']);
    await recorderOn(kit.store);
    await kit.api('DELETE', `/api/v1/namespaces/${ns}/pods/held`);
    const t = await timeline(kit.store, uidOf(pod), (x) => kinds(x).includes('finalizers'));
    expect(find(t, 'finalizers')?.finalizers).toEqual(['example.com/hold']);
    expect(kinds(t)).not.toContain('deleted');
    // A minute past its 30 s grace period: stuck terminating, the finalizer named.
    const later = await detailOf(uidOf(pod), routes(kit.store, 60_000));
    const stuck = later.findings.find((f) => f.code === 'past-deadline');
    expect(stuck?.text).toContain('example.com/hold');
    await kit.api(
      'PATCH',
      `/api/v1/namespaces/${ns}/pods/held`,
      { metadata: { finalizers: null } },
      'application/merge-patch+json',
    );
  });

  it('after a restart, completes a timeline from what the cluster shows, marking what it could not see', async () => {
    const ns = await kit.namespace();
    const pod = await deployment(ns, { shutdown: '1s' });
    const recorder = await recorderOn(kit.store);
    await kit.api('POST', `/api/v1/namespaces/${ns}/pods/${nameOf(pod)}/eviction`, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: nameOf(pod), namespace: ns },
    });
    await timeline(kit.store, uidOf(pod), (x) => kinds(x).includes('deletion-started'));
    recorder.close();
    // The dashboard is away while the pod goes and its replacement starts.
    await eventually(async () => {
      const list = await kit.api<{ items: V1Pod[] }>('GET', `/api/v1/namespaces/${ns}/pods`);
      return list.items.length === 1 && list.items[0]?.metadata?.uid !== uidOf(pod);
    }, 20_000);
    const reopened = EvictionStore.open(kit.dataDir);
    onTestFinished(() => reopened.close());
    await recorderOn(reopened);
    const t = await timeline(reopened, uidOf(pod), (x) => x.done);
    expect(find(t, 'deleted')).toMatchObject({ source: 'not-observed', time: null });
    expect(find(t, 'replacement-ready')?.source).toBe('cluster');
    expect(find(t, 'deletion-started')?.source).toBe('cluster');
  });
});
