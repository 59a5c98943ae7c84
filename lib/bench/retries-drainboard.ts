import { join } from 'node:path';

import { expectOk } from '../sim/bench/bench-kit';
import { startDashboard, type DashboardProcess } from './dashboard';
import { call, json, sleep, wallNow } from './http';
import { killGroup, onExit, print, RUN_TIMEOUT_MS, seconds, type RunContext } from './retries-run';
import { DRAINED_NODE, NAMESPACE, setCordon } from './retries-scenario';

/**
 * Drainboard's side of the retry benchmark, over its HTTP API as the browser uses it: one
 * `POST …/pods/{pod}/eviction` with `{uid, retry: true}` per pod, all at once, then nothing
 * more from us: the server retries the queued ones itself. The answers are 201 `evicted` or
 * 202 `queued` (with a `retryId`); anything else means the dashboard cannot run this scenario.
 */

/** The context name of the embedded cluster's kubeconfig, which the dashboard names it by. */
export const CLUSTER = 'drainboard-sim';

interface Answer {
  outcome: string;
  message?: string;
  retryId?: number;
}

interface RetryEntry {
  id: number;
  uid: string;
  state: string;
}

/** `GET …/state`: starts the dashboard's watches of the cluster and waits for their lists. */
export async function warmUp(dashboard: DashboardProcess): Promise<void> {
  await expectOk(call(dashboard.url, 'GET', `/api/clusters/${CLUSTER}/state`), 'dashboard state');
}

/** Asks the dashboard to evict each pod (name → UID) with retries; resolves with the answers. */
export async function evictAll(
  dashboard: DashboardProcess,
  pods: ReadonlyMap<string, string>,
): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  await Promise.all(
    [...pods].map(async ([name, uid]) => {
      const path = `/api/clusters/${CLUSTER}/namespaces/${NAMESPACE}/pods/${name}/eviction`;
      const r = await call(
        dashboard.url,
        'POST',
        path,
        { uid, retry: true },
        {
          Origin: dashboard.url,
        },
      );
      const body = json<Answer>(r);
      if (r.status !== 201 && r.status !== 202) {
        throw new Error(
          `the dashboard answered ${r.status} ${body.outcome} for ${name}: ${body.message ?? ''}` +
            (body.outcome === 'blocked' ? ' (no retry queue: is `retry` implemented?)' : ''),
        );
      }
      answers.set(name, body);
    }),
  );
  return answers;
}

/**
 * Waits until no entry of `uids` is pending in `GET …/retries` (an array of entries). Returns
 * false, without waiting, when the dashboard has no such route (404).
 */
export async function retriesSettled(
  dashboard: DashboardProcess,
  uids: ReadonlySet<string>,
  timeoutMs: number,
): Promise<{ route: boolean; states: Map<string, string> }> {
  const deadline = wallNow() + timeoutMs;
  for (;;) {
    const r = await call(dashboard.url, 'GET', `/api/clusters/${CLUSTER}/retries`);
    if (r.status === 404) return { route: false, states: new Map() };
    if (r.status !== 200) throw new Error(`GET …/retries: HTTP ${r.status}`);
    const entries = json<RetryEntry[]>(r).filter((e) => uids.has(e.uid));
    const states = new Map(entries.map((e) => [e.uid, e.state]));
    if (!entries.some((e) => e.state === 'pending')) return { route: true, states };
    if (wallNow() > deadline) {
      const pending = entries.filter((e) => e.state === 'pending').length;
      throw new Error(`${pending} retry entries still pending after ${timeoutMs / 1000} s`);
    }
    await sleep(250);
  }
}

/** `next start` on the run's kubeconfig, stopped by the run's clean-up (or at exit). */
export async function startFor(
  root: string,
  ctx: Pick<RunContext, 'kubeconfig' | 'dir' | 'cleanups'>,
): Promise<DashboardProcess> {
  const dashboard = await startDashboard(root, {
    KUBECONFIG: ctx.kubeconfig,
    DRAINBOARD_DEMO: 'off',
    DRAINBOARD_DATA_DIR: join(ctx.dir, 'data'),
    NEXT_TELEMETRY_DISABLED: '1',
  });
  const lastResort = (): void => killGroup(dashboard.pid);
  onExit.add(lastResort);
  ctx.cleanups.add(async () => {
    await dashboard.stop();
    onExit.delete(lastResort);
  });
  return dashboard;
}

/** `3 evicted, 7 gone`: how many entries ended in each state. */
function tally(states: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ') || 'none';
}

/**
 * The Drainboard run: the dashboard on the run's kubeconfig, the drained node cordoned through
 * the cluster's API, then {@link evictAll}; done when every eviction was accepted and no entry
 * is pending.
 */
export async function runDrainboard(root: string, ctx: RunContext): Promise<void> {
  const { pods, observer } = ctx;
  const dashboard = await startFor(root, ctx);
  await warmUp(dashboard);
  await setCordon(ctx.clusterUrl, DRAINED_NODE, true);
  print(
    `  dashboard: next start, pid ${dashboard.pid}, ${dashboard.url}; cordoned ${DRAINED_NODE}`,
  );
  ctx.start();
  const t0 = wallNow();
  const answers = [...(await evictAll(dashboard, pods)).values()];
  print(
    `  POST …/eviction {uid, retry: true} × ${pods.size}: ${tally(answers.map((a) => a.outcome))}, answered in ${seconds(t0)}`,
  );
  await observer.allAccepted(RUN_TIMEOUT_MS);
  print(`  all ${pods.size} evictions accepted after ${seconds(t0)}`);
  const settled = await retriesSettled(dashboard, new Set(pods.values()), 30_000);
  print(
    settled.route
      ? `  retry entries: ${tally(settled.states.values())}`
      : '  GET …/retries: 404 (no retry list yet), not waited for',
  );
}
