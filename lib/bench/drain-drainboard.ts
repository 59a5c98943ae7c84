import { isDrainOver, type DrainRequestInput, type DrainView } from '../domain/drains';
import type { DashboardProcess } from './dashboard';
import { DRAIN_TIMEOUT_MS, SETTLE_TIMEOUT_MS, type DrainContext, type ToolMark } from './drain-run';
import { call, json, sleep, wallNow } from './http';
import { CLUSTER, startFor, warmUp } from './retries-drainboard';
import { print, seconds } from './retries-run';
import { DRAINED_NODE } from './retries-scenario';

/**
 * Drainboard's side of the drain benchmark, over its HTTP API as the Drain view uses it: the
 * dashboard (`next start`) on the run's kubeconfig, its watches warmed up (`GET …/state`), then
 * one `POST …/drains` of the node with kubectl's options, and `GET …/drains/{id}` every 100 ms
 * until every node is safe to power off and then until the drain is `complete`. The server
 * cordons, evicts and retries by itself.
 */

const POLL_MS = 100;
export const COMPLETE_MARK = 'Drainboard API: complete';

export const DRAIN_REQUEST: DrainRequestInput = {
  nodes: [DRAINED_NODE],
  ignoreDaemonSets: true,
  deleteEmptyDirData: true,
  force: true,
};

const counts = (v: DrainView): string => {
  const c = v.counts;
  return `${c.accepted}/${c.total} accepted, ${c.gone} gone, ${c.ready}/${c.replacements} ready`;
};

/** The drain's POST; its answer must be a 202 with the drain. */
async function startDrainRun(dashboard: DashboardProcess): Promise<DrainView> {
  const path = `/api/clusters/${CLUSTER}/drains`;
  const r = await call(dashboard.url, 'POST', path, DRAIN_REQUEST, { Origin: dashboard.url });
  if (r.status !== 202)
    throw new Error(
      `POST ${path}: HTTP ${r.status}` +
        (r.status === 404 ? ' (no drain route in this build?)' : '') +
        `: ${r.body.toString('utf8').slice(0, 500)}`,
    );
  return json<DrainView>(r);
}

/**
 * Polls the drain until it is complete; notes when every node was first safe to power off
 * and when it was first complete (ms from `t0`). Throws if it ends otherwise.
 */
async function follow(
  dashboard: DashboardProcess,
  id: number,
  t0: number,
): Promise<{ safeMs: number; completeMs: number; last: DrainView }> {
  const path = `/api/clusters/${CLUSTER}/drains/${id}`;
  const deadline = t0 + DRAIN_TIMEOUT_MS + SETTLE_TIMEOUT_MS;
  let safeMs = NaN;
  for (;;) {
    const r = await call(dashboard.url, 'GET', path);
    const at = wallNow() - t0;
    if (r.status !== 200)
      throw new Error(`GET ${path}: HTTP ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
    const v = json<DrainView>(r);
    if (Number.isNaN(safeMs) && v.nodes.every((n) => n.safeToPowerOff)) {
      safeMs = at;
      print(`  API: every node safe to power off after ${seconds(t0)} (${v.state}; ${counts(v)})`);
    }
    if (v.state === 'complete') return { safeMs, completeMs: at, last: v };
    if (isDrainOver(v.state)) {
      const left = v.left.map((l) => `${l.namespace}/${l.name}: ${l.why}`).join('; ');
      throw new Error(`the drain ended ${v.state}: ${v.reason ?? ''} ${left}`);
    }
    if (wallNow() > deadline) throw new Error(`the drain is still ${v.state}: ${counts(v)}`);
    await sleep(POLL_MS);
  }
}

/** `name ← pod-a, pod-b` for each replacement the drain names for more than one of its pods. */
export function sharedReplacements(v: Pick<DrainView, 'pods'>): string[] {
  const byReplacement = new Map<string, string[]>();
  for (const p of v.pods) {
    if (p.replacement === null) continue;
    byReplacement.set(p.replacement, [...(byReplacement.get(p.replacement) ?? []), p.name]);
  }
  return [...byReplacement]
    .filter(([, pods]) => pods.length > 1)
    .map(([r, pods]) => `${r} ← ${pods.join(', ')}`);
}

/** The Drainboard run; returns the times its API reported. */
export async function runDrainboardDrain(root: string, ctx: DrainContext): Promise<ToolMark[]> {
  const { observer } = ctx;
  const dashboard = await startFor(root, ctx);
  await warmUp(dashboard);
  print(`  dashboard: next start, pid ${dashboard.pid}, ${dashboard.url}`);
  ctx.start();
  const t0 = wallNow();
  const created = await startDrainRun(dashboard);
  const answeredMs = wallNow() - t0;
  print(`  POST …/drains: 202 after ${seconds(t0)}, drain ${created.id} ${created.state}`);
  const { safeMs, completeMs, last } = await follow(dashboard, created.id, t0);
  print(`  API: complete after ${seconds(t0)} (${counts(last)})`);
  await observer.until(
    () => observer.allGone(),
    10_000,
    'every pod gone once the drain was complete',
  );
  await observer.until(() => observer.allReplaced(), SETTLE_TIMEOUT_MS, 'replacements Ready');
  const shared = sharedReplacements(last);
  if (shared.length > 0)
    print(`  note: replacements the drain gave to several pods: ${shared.join('; ')}`);
  const attempts = last.pods.reduce((n, p) => n + p.attempts, 0);
  print(`  attempts the drain counted: ${attempts} for ${last.pods.length} pods`);
  if (last.nodes.some((n) => !n.isCordoned))
    print('  note: the drain did not leave the node cordoned');
  return [
    { label: 'Drainboard: POST …/drains answered', ms: answeredMs },
    { label: 'Drainboard API: safe to power off', ms: safeMs },
    { label: COMPLETE_MARK, ms: completeMs },
  ];
}
