/**
 * Benchmark of a node drain, `npm run bench:drain` (`-- --only drainboard|kubectl` for one
 * tool, `-- --no-build` to use `.next` as it is, `-- --timeline` to print each run's events in
 * order): how long emptying a node takes with `kubectl drain` and with Drainboard's drain, in
 * the same run, against the physical limit of the scenario, and how many eviction requests each
 * sends (issue 8).
 *
 * Scenario (drain-scenario.ts, arithmetic in drain-limit.ts), fresh for each tool: an embedded
 * cluster in this process; the Deployments `api` (4), `cart` (4) and `web` (3) and the
 * StatefulSet `db` (2) Ready on node-1, all under one budget with maxUnavailable 1; node-2 and
 * node-3 take the replacements. The tools
 * reach the cluster through retries-proxy.ts's pass-through proxy, which notes each eviction's
 * answer (for `--timeline`).
 *
 * - kubectl: `/usr/bin/kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data`
 *   (drain-kubectl.ts); done when it exits.
 * - Drainboard: `next start` (built first if `.next` is missing or stale) on the cluster, its
 *   watches warmed up, then `POST …/drains` and polls of `GET …/drains/{id}` until it is
 *   complete (drain-drainboard.ts).
 *
 * Measured the same way for both from our own watches of the cluster (drain-watch.ts): from
 * the tool's start to every original pod gone (the node empty, what a drain waits for) and to
 * every replacement Ready; eviction requests by code, pod DELETEs and repeated evictions from
 * the cluster's `/metrics`. Exits 1 if a run fails; a goal missed is printed as FAIL only.
 */
import { fileURLToPath } from 'node:url';

import { fmt, int } from '../sim/bench/bench-kit';
import { COMPLETE_MARK, runDrainboardDrain } from './drain-drainboard';
import { counterDelta, drainFigures } from './drain-figures';
import { kubectlModel, physicalLimit } from './drain-limit';
import { runKubectlDrain } from './drain-kubectl';
import {
  budgetTable,
  goalLine,
  goals,
  limitLines,
  summaryTable,
  timelineLines,
  type ToolResult,
} from './drain-report';
import { DRAIN_TIMEOUT_MS, SETTLE_TIMEOUT_MS, type DrainContext } from './drain-run';
import { DRAINED_NODE, startDrainScenario, WORKLOADS } from './drain-scenario';
import { DrainObserver } from './drain-watch';
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
import { wallNow } from './http';
import { Cleanups, print } from './retries-run';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The hard stop if something hangs, counted after any build. */
const DEADLINE_MS = 2 * (DRAIN_TIMEOUT_MS + SETTLE_TIMEOUT_MS) + 120_000;

/** One tool's run on its own fresh cluster, measured; everything it started is stopped after. */
async function runTool(tool: Tool, dir: string, timeline: boolean): Promise<ToolResult> {
  const cleanups = new Cleanups();
  try {
    const { clusterUrl, pods, proxy, kubeconfig, toolDir } = await freshRun(
      tool,
      dir,
      cleanups,
      startDrainScenario,
    );
    const before = await simCounters(clusterUrl);
    const observer = await DrainObserver.open(clusterUrl, pods);
    cleanups.add(() => observer.close());
    let startedAt = NaN;
    const ctx: DrainContext = {
      ...{ kubeconfig, observer, dir: toolDir, cleanups },
      start: () => (startedAt = wallNow()),
    };
    const marks = await (tool === 'Drainboard'
      ? runDrainboardDrain(ROOT, ctx)
      : runKubectlDrain(ctx));
    const counters = counterDelta(await simCounters(clusterUrl), before);
    const o = observer.observations(startedAt);
    if (timeline) for (const line of timelineLines(o, proxy.answers)) print(line);
    checkedRequests(counters, proxy);
    const figures = drainFigures(o);
    const complete = marks.find((m) => m.label === COMPLETE_MARK)?.ms ?? NaN;
    if (complete < figures.completeMs - 50) {
      print(
        `  note: the API said complete at ${fmt(complete / 1000, 2)} s, before the cluster's last replacement was Ready (${fmt(figures.completeMs / 1000, 2)} s)`,
      );
    }
    return {
      tool,
      figures,
      counters,
      marks,
      onDrainedNode: observer.placedOn(DRAINED_NODE),
    };
  } finally {
    await cleanups.run();
  }
}

const limit = physicalLimit(WORKLOADS);
const model = kubectlModel(WORKLOADS);

function printHeader(): void {
  printMachine('drain');
  const workloads = WORKLOADS.map((w) => `${w.kind} ${w.name} × ${w.replicas}`).join(', ');
  print(`scenario: ${workloads} on ${DRAINED_NODE}, each budget maxUnavailable 1`);
  for (const line of limitLines(WORKLOADS, limit, model)) print(line);
}

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  printHeader();
  const failures: string[] = [];
  const tools = await runnableTools(ROOT, options, failures);
  const results = await runEach('drain', tools, DEADLINE_MS, failures, (tool, dir) =>
    runTool(tool, dir, options.timeline),
  );
  if (results.length > 0) {
    print();
    print('summary (s from the tool’s start, seen on the cluster by our watches; requests from');
    print('the cluster’s /metrics; the last rows are times the tools themselves reported)');
    print(summaryTable(results, limit, model));
    const k = results.find((r) => r.tool === 'kubectl');
    const d = results.find((r) => r.tool === 'Drainboard');
    if (k !== undefined && d !== undefined)
      print(`  kubectl / Drainboard, node empty: ${fmt(k.figures.goneMs / d.figures.goneMs, 2)}×`);
    print();
    print('each budget: its last pod gone, s from the start');
    print(budgetTable(results, limit));
  }
  if (options.tools.includes('Drainboard')) {
    print();
    print('goals (issue 8)');
    for (const g of goals(results, limit)) print(goalLine(g));
  }
  for (const r of results.filter((x) => x.counters.repeated > 0)) {
    failures.push(
      `${r.tool}: ${int(r.counters.repeated)} evictions of pods that were already terminating`,
    );
  }
  for (const f of failures) console.error(`bench-drain: FAILED: ${f}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench-drain:', err);
    process.exit(1);
  },
);
