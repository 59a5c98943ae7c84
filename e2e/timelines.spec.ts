import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import type { Page } from '@playwright/test';
import {
  TimelineDetailSchema,
  TimelineSummarySchema,
  type TimelineDetail,
  type TimelineSummary,
} from '../lib/domain/timeline-summary';
import { EvictPage, evictDialog } from './pages/evict';
import { OverviewPage } from './pages/overview';
import { TimelinesPage } from './pages/timelines';
import { watchPods } from './support/pod-watch';
import { startApp } from './support/app';
import type { Sim } from './support/sim';
import { expect, SIM_CONTEXT, test } from './fixtures';

/**
 * Termination timelines recorded from the live model: evictions by another client (kubectl
 * drain) attributed to the Eviction API, a kill at the deadline, a finalizer past the deadline,
 * and timelines that survive a restart of the dashboard, completed with what it could not see
 * marked as not observed.
 */

// A pod past its grace deadline is stuck 2 s later (default 30 s), so the finalizer case is quick.
test.use({ appEnv: { DRAINBOARD_STUCK_TERMINATING_SECONDS: '2' } });

const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/** An operator has Drainboard open (so the cluster is watched and its timelines recorded). */
async function dashboardOpen(page: Page): Promise<void> {
  const overview = new OverviewPage(page);
  await overview.openOverview();
  await overview.expectLive();
}

async function summaries(url: string, query = ''): Promise<TimelineSummary[]> {
  const res = await fetch(`${url}/api/clusters/${SIM_CONTEXT}/timelines${query}`);
  expect(res.status).toBe(200);
  return TimelineSummarySchema.array().parse(await res.json());
}

async function detail(url: string, uid: string): Promise<TimelineDetail> {
  const res = await fetch(`${url}/api/clusters/${SIM_CONTEXT}/timelines/${uid}`);
  expect(res.status).toBe(200);
  return TimelineDetailSchema.parse(await res.json());
}

/** A Deployment of one fast pod in its own namespace; the pod once Ready. */
async function onePod(
  sim: Sim,
  kubectl: (...args: string[]) => Promise<string>,
  dir: string,
  name: string,
  opts: { shutdown: string; grace: number },
): Promise<V1Pod> {
  const manifest = join(dir, `${name}.yaml`);
  await writeFile(
    manifest,
    `apiVersion: v1
kind: Namespace
metadata: {name: ${name}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${name}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
      annotations:
        sim.drainboard.dev/start-after: 200ms
        sim.drainboard.dev/ready-after: 300ms
        sim.drainboard.dev/shutdown-after: ${opts.shutdown}
    spec:
      terminationGracePeriodSeconds: ${opts.grace}
      containers: [{name: app, image: nginx}]
`,
  );
  await kubectl('apply', '-f', manifest);
  let pod: V1Pod | undefined;
  await expect
    .poll(async () => {
      pod = (await sim.list<V1Pod>(`/api/v1/namespaces/${name}/pods`)).find(isReady);
      return pod !== undefined;
    })
    .toBe(true);
  if (pod === undefined) throw new Error('no pod');
  return pod;
}

test('an eviction through Drainboard: its timeline runs live and ends with the replacement Ready', async ({
  page,
  app,
  env,
  sim,
  kubectl,
}) => {
  test.setTimeout(90_000);
  const pod = await onePod(sim, kubectl, env.workDir, 'tl', { shutdown: '3s', grace: 30 });
  const name = pod.metadata?.name ?? '';
  const uid = pod.metadata?.uid ?? '';
  const watch = watchPods(sim.url, 'tl');
  try {
    const pods = new EvictPage(page);
    await pods.openPods({ namespace: 'tl' });
    await pods.expectLive();
    await pods.evictButton('tl', name).click();
    const dialog = pods.dialog('tl', name);
    await evictDialog.submit(dialog).click();
    await expect(evictDialog.result(dialog)).toContainText('Evicted');

    await evictDialog.close(dialog).click();
    // While the pod is still shutting down (3 s), its timeline is on screen, in progress.
    const timelines = new TimelinesPage(page);
    await timelines.openTimelines({ namespace: 'tl' });
    await expect(timelines.row('tl', name)).toBeVisible({ timeout: 2_500 });
    await expect.poll(() => timelines.phase('tl', name), { timeout: 2_500 }).toBe('Terminating');
    expect(await timelines.attribution('tl', name)).toBe('Drainboard');
    await timelines.openDetail('tl', name);
    await expect(timelines.detailHeading('tl', name)).toBeVisible();
    await expect(timelines.graceCountdown).toBeVisible();
    // It ends with the pod gone and its replacement Ready, without a reload.
    await expect
      .poll(
        async () => {
          const facts = (await timelines.facts()).map((r) => r.fact);
          return (
            facts.some((f) => /^Replacement .*Ready/.test(f)) &&
            facts.some((f) => /deleted/i.test(f))
          );
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.screenshot({ path: 'test-results/timeline-detail.png', fullPage: true });
    const rows = await timelines.facts();
    expect(rows.every((r) => r.source !== 'not observed')).toBe(true);
    // In order: the cluster writes whole seconds, within which the steps go in their order.
    const shown = rows.map((r) => Math.floor(Date.parse(r.datetime ?? '') / 1000));
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(rows[0]?.fact).toMatch(/^Eviction requested by Drainboard/);

    const summary = async () =>
      (await summaries(app.url, '?namespace=tl')).find((s) => s.uid === uid);
    await expect.poll(summary, { timeout: 30_000 }).toMatchObject({
      inProgress: false,
      current: 'replacement-ready',
      attribution: 'drainboard',
    });
    // The pod's own page links to its timeline.
    await pods.openPod('tl', name);
    await timelines.podPageTimelineLink.click();
    await expect(timelines.detailHeading('tl', name)).toBeVisible();

    const d = await detail(app.url, uid);
    expect(d.facts.map((f) => f.kind)).toEqual(
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
    const times = d.facts.map((f) => Date.parse(f.time ?? ''));
    expect(times.every(Number.isFinite)).toBe(true);
    const seconds = times.map((ms) => Math.floor(ms / 1000));
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(d.facts[0]?.kind).toBe('requested');

    // Each fact against the cluster's own record of it.
    const seen = watch.events;
    const mine = seen.filter((e) => e.pod.metadata?.uid === uid).map((e) => e.pod);
    const last = mine.at(-1);
    const target = last?.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    const notReady = last?.status?.conditions?.find((c) => c.type === 'Ready');
    const finished = last?.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt;
    const replacement = seen
      .map((e) => e.pod)
      .filter((p) => p.metadata?.uid !== uid)
      .at(-1);
    const ready = replacement?.status?.conditions?.find((c) => c.type === 'Ready');
    const deletedAt = seen.find((e) => e.type === 'DELETED' && e.pod.metadata?.uid === uid)?.at;
    const at = (kind: string) => Date.parse(d.facts.find((f) => f.kind === kind)?.time ?? '');
    const cluster = (value: unknown) => Date.parse(String(value));
    const within = (kind: string, expected: number) =>
      expect(Math.abs(at(kind) - expected), kind).toBeLessThanOrEqual(100);
    within('disruption-target', cluster(target?.lastTransitionTime));
    // The kubelet's final delete (grace 0) moves the deletion timestamp back to the start: the
    // first terminating version has the deadline the eviction set.
    const going = mine.find((p) => p.metadata?.deletionTimestamp !== undefined);
    within('deletion-started', cluster(going?.metadata?.deletionTimestamp) - 30_000);
    within('not-ready', cluster(notReady?.lastTransitionTime));
    within('container-terminated', cluster(finished));
    within('replacement-created', cluster(replacement?.metadata?.creationTimestamp));
    within('replacement-ready', cluster(ready?.lastTransitionTime));
    within('deleted', deletedAt ?? NaN);
  } finally {
    watch.close();
  }
});

test('kubectl drain: a timeline for each evicted pod, attributed to the Eviction API', async ({
  page,
  app,
  sim,
  kubectl,
}) => {
  test.setTimeout(120_000);
  // Drained in a terminal while Drainboard is open.
  await dashboardOpen(page);
  const onNode = (await sim.list<V1Pod>('/api/v1/pods')).filter(
    (p) =>
      p.spec?.nodeName === 'node-3' &&
      p.metadata?.ownerReferences?.[0]?.kind !== 'DaemonSet' &&
      !p.metadata?.deletionTimestamp,
  );
  expect(onNode.length).toBeGreaterThan(2);
  await kubectl(
    'drain',
    'node-3',
    '--ignore-daemonsets',
    '--delete-emptydir-data',
    '--force',
    '--timeout=90s',
  );
  const uids = onNode.map((p) => p.metadata?.uid ?? '');
  let found: TimelineSummary[] = [];
  await expect
    .poll(async () => {
      found = (await summaries(app.url, '?node=node-3')).filter((s) => uids.includes(s.uid));
      return found.length;
    })
    .toBe(uids.length);
  for (const s of found) {
    // debug-shell has no controller: kubectl --force evicts it all the same.
    expect(s.attribution, `${s.namespace}/${s.pod}`).toBe('eviction-api');
    const d = await detail(app.url, s.uid);
    expect(d.facts.find((f) => f.kind === 'disruption-target')).toMatchObject({
      reason: 'EvictionByEvictionAPI',
      source: 'cluster',
    });
    expect(d.facts.map((f) => f.kind)).not.toContain('requested');
  }
  // On screen: every drained pod, started by the Eviction API; two of them on one time axis.
  const timelines = new TimelinesPage(page);
  await timelines.openTimelines({ node: 'node-3' });
  for (const s of found) {
    await expect
      .poll(() => timelines.attribution(s.namespace, s.pod))
      .toBe('Eviction API (another client)');
  }
  const [one, two] = found;
  if (one === undefined || two === undefined) throw new Error('fewer than two timelines');
  await timelines.compare([one, two]);
  await expect(timelines.factsTable(`Facts of ${one.namespace}/${one.pod}`)).toBeVisible();
  await expect(timelines.factsTable(`Facts of ${two.namespace}/${two.pod}`)).toBeVisible();
  await page.screenshot({ path: 'test-results/timeline-compare.png', fullPage: true });
  await kubectl('uncordon', 'node-3');
});

test('a shutdown longer than the grace period: killed at the deadline (exit 137)', async ({
  app,
  env,
  page,
  sim,
  kubectl,
}) => {
  test.setTimeout(60_000);
  await dashboardOpen(page);
  const pod = await onePod(sim, kubectl, env.workDir, 'slow', { shutdown: '6s', grace: 2 });
  const uid = pod.metadata?.uid ?? '';
  await kubectl('delete', 'pod', '-n', 'slow', pod.metadata?.name ?? '', '--wait=false');
  await expect
    .poll(async () => (await summaries(app.url, '?namespace=slow')).find((s) => s.uid === uid))
    .toMatchObject({ findings: expect.arrayContaining(['killed-at-deadline']) });
  const d = await detail(app.url, uid);
  const killed = d.facts.find((f) => f.kind === 'container-terminated');
  expect(killed).toMatchObject({ exitCode: 137, source: 'cluster' });
  expect(d.findings.find((f) => f.code === 'killed-at-deadline')?.text).toContain('exit 137');
  const timelines = new TimelinesPage(page);
  await timelines.openTimelines({ namespace: 'slow' });
  await expect
    .poll(() => timelines.findings('slow', pod.metadata?.name ?? ''))
    .toContain('Killed at deadline');
  await timelines.openDetail('slow', pod.metadata?.name ?? '');
  expect((await timelines.findingTexts()).join('\n')).toContain('exit 137');
});

test('a pod held by a finalizer past its deadline: stuck terminating, the finalizer named', async ({
  app,
  env,
  page,
  sim,
  kubectl,
}) => {
  test.setTimeout(60_000);
  await dashboardOpen(page);
  const manifest = join(env.workDir, 'held.yaml');
  await writeFile(
    manifest,
    `apiVersion: v1
kind: Pod
metadata:
  name: held
  namespace: shop
  finalizers: [example.com/hold]
  annotations:
    sim.drainboard.dev/start-after: 100ms
    sim.drainboard.dev/ready-after: 100ms
    sim.drainboard.dev/shutdown-after: 100ms
spec:
  terminationGracePeriodSeconds: 1
  containers: [{name: app, image: nginx}]
`,
  );
  await kubectl('apply', '-f', manifest);
  let uid = '';
  await expect
    .poll(async () => {
      const pod = (await sim.list<V1Pod>('/api/v1/namespaces/shop/pods')).find(
        (p) => p.metadata?.name === 'held' && isReady(p),
      );
      uid = pod?.metadata?.uid ?? '';
      return uid;
    })
    .not.toBe('');
  await kubectl('delete', 'pod', '-n', 'shop', 'held', '--wait=false');
  try {
    // The file's dashboard flags a pod 2 s past its deadline (DRAINBOARD_STUCK_TERMINATING_SECONDS).
    await expect
      .poll(
        async () => {
          const res = await fetch(`${app.url}/api/clusters/${SIM_CONTEXT}/stuck`);
          const items = (await res.json()) as {
            kind: string;
            name: string;
            diagnoses: { code: string; text: string }[];
          }[];
          const item = items.find((i) => i.kind === 'terminating' && i.name === 'held');
          return item?.diagnoses.find((d) => d.code === 'finalizer')?.text ?? '';
        },
        { timeout: 20_000 },
      )
      .toContain('example.com/hold');
    const d = await detail(app.url, uid);
    expect(d.facts.find((f) => f.kind === 'finalizers')).toMatchObject({
      finalizers: ['example.com/hold'],
    });
    expect(d.facts.map((f) => f.kind)).not.toContain('deleted');
  } finally {
    await kubectl(
      'patch',
      'pod',
      '-n',
      'shop',
      'held',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    );
  }
});

// Last in the file: it kills the file's dashboard.
test('timelines survive a restart; one recorded across the outage is completed, not invented', async ({
  app,
  env,
  page,
  sim,
  kubectl,
}) => {
  test.setTimeout(90_000);
  await dashboardOpen(page);
  const pod = await onePod(sim, kubectl, env.workDir, 'away', { shutdown: '2s', grace: 30 });
  const uid = pod.metadata?.uid ?? '';
  await kubectl('delete', 'pod', '-n', 'away', pod.metadata?.name ?? '', '--wait=false');
  await expect
    .poll(async () => (await summaries(app.url, '?namespace=away')).map((s) => s.uid))
    .toContain(uid);

  await page.close();
  await app.kill();
  // While the dashboard is down, the pod goes and its replacement becomes Ready.
  await expect
    .poll(async () => {
      const pods = await sim.list<V1Pod>('/api/v1/namespaces/away/pods');
      const [only] = pods;
      return pods.length === 1 && only !== undefined && only.metadata?.uid !== uid && isReady(only);
    })
    .toBe(true);

  const port = Number(new URL(app.url).port);
  const again = await startApp({ kubeconfigPath: sim.kubeconfigPath, dataDir: env.workDir, port });
  try {
    // Watching again (as a browser would), the recorder catches up.
    const stream = await fetch(`${again.url}/api/clusters/${SIM_CONTEXT}/state`);
    expect(stream.status).toBe(200);
    await expect
      .poll(async () => (await summaries(again.url, '?namespace=away')).find((s) => s.uid === uid))
      .toMatchObject({ current: 'replacement-ready', inProgress: false });
    const d = await detail(again.url, uid);
    expect(d.facts.find((f) => f.kind === 'deleted')).toMatchObject({
      source: 'not-observed',
      time: null,
    });
    expect(d.facts.find((f) => f.kind === 'replacement-ready')?.source).toBe('cluster');
    expect(d.findings.map((f) => f.code)).toContain('not-observed');
  } finally {
    await again.stop();
  }
});
