/**
 * Benchmark of retries on a budget, `npm run bench:retries` (`-- --only drainboard|kubectl` for
 * one tool, `-- --no-build` to use `.next` as it is, `-- --timeline` to print each run's
 * answers in order): how soon an eviction blocked by a PodDisruptionBudget goes through once
 * the budget allows it, and how many requests the waiting costs — for Drainboard's retry queue
 * and, in the same run, for `kubectl drain`'s fixed 5 s loop.
 *
 * Scenario (retries-scenario.ts), fresh for each tool: an embedded cluster in this process;
 * the Deployment `web` (10 replicas) Ready on node-1 with the budget `web` (maxUnavailable 1);
 * node-2 and node-3 take the replacements, each Ready about 7.5 s after its predecessor's
 * eviction, which is when the budget reopens. The tools reach the cluster through a
 * pass-through proxy (retries-proxy.ts) that notes each Eviction POST's pod, code and time.
 *
 * - Drainboard: `next start` (built first if `.next` is missing or stale), KUBECONFIG of the
 *   cluster, DRAINBOARD_DEMO=off, a temporary DRAINBOARD_DATA_DIR. We cordon node-1 through the
 *   cluster's API, then POST `{uid, retry: true}` for the 10 pods at once; the server retries
 *   the queued ones by itself. Done when all 10 evictions are accepted and no entry of
 *   `GET …/retries` is pending.
 * - kubectl: `/usr/bin/kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data`
 *   (it cordons); done when it exits.
 *
 * Measured the same way for both (retries-figures.ts): reopen → the next accepted eviction,
 * both seen by our own watches of the cluster (retries-watch.ts); eviction requests from the
 * cluster's `/metrics`; blocked pod-minutes and the retries sent while blocked from the proxy.
 * Exits 1 if a run does not complete or a pod is evicted twice; a goal missed is only printed.
 */
import { fileURLToPath } from 'node:url';

import { fmt, int } from '../sim/bench/bench-kit';
import {
  checkedRequests,
  freshRun,
  parseBenchArgs,
  printMachine,
  runEach,
  runnableTools,
  simCounters,
  type Tool,
} from './bench-cli';
import { counterDelta } from './drain-figures';
import { wallNow } from './http';
import { runDrainboard } from './retries-drainboard';
import { figures } from './retries-figures';
import { runKubectl } from './retries-kubectl';
import { printGoals, printSummary, printTimeline, type ToolResult } from './retries-report';
import { Cleanups, print, RUN_TIMEOUT_MS, type RunContext } from './retries-run';
import { CYCLE_S, DRAINED_NODE, REPLICAS, startScenario } from './retries-scenario';
import { ClusterObserver } from './retries-watch';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The hard stop if something hangs, counted after any build. */
const DEADLINE_MS = 2 * RUN_TIMEOUT_MS + 120_000;

/** One tool's run on its own cluster, measured; everything it started is stopped after. */
async function runTool(tool: Tool, dir: string, timeline: boolean): Promise<ToolResult> {
  const cleanups = new Cleanups();
  try {
    const { clusterUrl, pods, proxy, kubeconfig, toolDir } = await freshRun(
      tool,
      dir,
      cleanups,
      startScenario,
    );
    const before = await simCounters(clusterUrl);
    const observer = await ClusterObserver.open(clusterUrl, pods);
    cleanups.add(() => observer.close());
    let startedAt = NaN;
    const ctx: RunContext = {
      ...{ kubeconfig, clusterUrl, pods, observer, dir: toolDir, cleanups },
      start: () => (startedAt = wallNow()),
    };
    await (tool === 'Drainboard' ? runDrainboard(ROOT, ctx) : runKubectl(ctx));
    const counters = counterDelta(await simCounters(clusterUrl), before);
    const observed = { startedAt, reopens: observer.reopens, accepted: observer.accepted };
    const o = { ...observed, answers: proxy.answers };
    if (timeline) printTimeline(o);
    return {
      tool,
      figures: figures(o),
      requests: checkedRequests(counters, proxy),
      repeated: counters.repeated,
    };
  } finally {
    await cleanups.run();
  }
}

function printHeader(): void {
  printMachine('retry');
  print(
    `scenario: Deployment web (${REPLICAS} replicas) on ${DRAINED_NODE}, budget maxUnavailable 1; ` +
      `replacements on node-2/node-3, Ready ≈ ${fmt(CYCLE_S, 1)} s after each eviction`,
  );
}

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  printHeader();
  const failures: string[] = [];
  const tools = await runnableTools(ROOT, options, failures);
  const results = await runEach('retries', tools, DEADLINE_MS, failures, (tool, dir) =>
    runTool(tool, dir, options.timeline),
  );
  if (results.length > 0) printSummary(results);
  if (options.tools.includes('Drainboard')) printGoals(results, 'Drainboard');
  for (const r of results.filter((x) => x.repeated > 0))
    failures.push(`${r.tool}: ${int(r.repeated)} evictions of pods that were already terminating`);
  for (const f of failures) console.error(`bench-retries: FAILED: ${f}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench-retries:', err);
    process.exit(1);
  },
);
