import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, tmpdir } from 'node:os';
import { join } from 'node:path';

import { expectOk, fmt } from '../sim/bench/bench-kit';
import { evictionRequests, parseSimCounters, type SimCounters } from './drain-figures';
import { agent, call, wallNow } from './http';
import { EvictionProxy } from './retries-proxy';
import { onExit, prepareBuild, print, seconds, type Cleanups } from './retries-run';
import { DRAINED_NODE } from './retries-scenario';

/**
 * What `bench:retries` and `bench:drain` share: the two tools compared, the command line, the
 * machine line, running each tool in turn on its own fresh cluster, and the cluster's counters.
 */

export const TOOLS = ['Drainboard', 'kubectl'] as const;
export type Tool = (typeof TOOLS)[number];

/** The command line of a benchmark. */
export interface BenchOptions {
  tools: Tool[];
  /** Use `.next` as it is, stale or not (it must exist). */
  noBuild: boolean;
  /** Print every event of each run (reopens, answers, acceptances, deletions). */
  timeline: boolean;
}

/** `[--only drainboard|kubectl] [--no-build] [--timeline]`. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const flags = { noBuild: argv.includes('--no-build'), timeline: argv.includes('--timeline') };
  const i = argv.indexOf('--only');
  const rest = argv.filter(
    (a, j) => !['--no-build', '--timeline'].includes(a) && (i < 0 || (j !== i && j !== i + 1)),
  );
  if (rest.length > 0) throw new Error(`unknown arguments: ${rest.join(' ')}`);
  if (i < 0) return { tools: [...TOOLS], ...flags };
  const want = (argv[i + 1] ?? '').toLowerCase();
  const tool = TOOLS.find((t) => t.toLowerCase() === want);
  if (tool === undefined) throw new Error(`--only takes drainboard or kubectl, not "${want}"`);
  return { tools: [tool], ...flags };
}

/** The benchmark's first lines: Node.js, the platform, the CPUs and the load. */
export function printMachine(name: string): void {
  const load = loadavg()
    .map((l) => fmt(l, 2))
    .join(' ');
  print(`${name} benchmark — Node.js ${process.version}, ${platform()}/${arch()}`);
  print(
    `CPUs: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}; load average ${load}`,
  );
}

/** The tools that can run: without a build Drainboard cannot (why goes to `failures`). */
export async function runnableTools(
  root: string,
  options: BenchOptions,
  failures: string[],
): Promise<Tool[]> {
  if (!options.tools.includes('Drainboard')) return options.tools;
  const problem = await prepareBuild(root, options.noBuild);
  if (problem === undefined) return options.tools;
  failures.push(`Drainboard: ${problem}`);
  return options.tools.filter((t) => t !== 'Drainboard');
}

/**
 * Runs each tool in turn (each on its own fresh cluster, in a temporary folder); a failed run
 * does not stop the next. Exits the process if all of it takes longer than `deadlineMs`.
 */
export async function runEach<R>(
  name: string,
  tools: readonly Tool[],
  deadlineMs: number,
  failures: string[],
  run: (tool: Tool, dir: string) => Promise<R>,
): Promise<R[]> {
  const dir = await mkdtemp(join(tmpdir(), `drainboard-bench-${name}-`));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  onExit.add(removeDir);
  const hardStop = setTimeout(() => {
    console.error(`bench-${name}: did not finish within ${deadlineMs / 1000} s`);
    process.exit(1); // the exit handler ends the children
  }, deadlineMs);
  hardStop.unref();
  const results: R[] = [];
  try {
    for (const [i, tool] of tools.entries()) {
      print();
      print(`run ${i + 1}: ${tool}`);
      try {
        results.push(await run(tool, dir));
      } catch (e) {
        failures.push(`${tool}: ${(e as Error).message}`);
        print(`  FAILED: ${(e as Error).message}`);
      }
    }
  } finally {
    clearTimeout(hardStop);
    agent.destroy();
    await rm(dir, { recursive: true, force: true });
    onExit.delete(removeDir);
  }
  return results;
}

/** What a run's scenario gives: its cluster and the pods Ready on the drained node. */
interface Scenario<P> {
  cluster: { url: string; kubeconfig(): string; stop(): Promise<void> };
  pods: P;
}

/**
 * A fresh scenario (`start`) behind a new eviction proxy, with a kubeconfig of the proxy's
 * address and a directory of the tool's own; all stopped by `cleanups`.
 */
export async function freshRun<P extends { size: number }>(
  tool: Tool,
  dir: string,
  cleanups: Cleanups,
  start: () => Promise<Scenario<P>>,
) {
  const t0 = wallNow();
  const { cluster, pods } = await start();
  cleanups.add(() => cluster.stop());
  const proxy = await EvictionProxy.start(cluster.url);
  cleanups.add(() => proxy.stop());
  const kubeconfig = join(dir, `${tool}.kubeconfig`);
  await writeFile(kubeconfig, cluster.kubeconfig().replace(cluster.url, proxy.url), {
    mode: 0o600,
  });
  print(
    `  fresh cluster ${cluster.url} (proxy ${proxy.url}); ${pods.size} pods Ready on ${DRAINED_NODE} after ${seconds(t0)}`,
  );
  const toolDir = join(dir, tool);
  await mkdir(toolDir, { recursive: true });
  return { clusterUrl: cluster.url, pods, proxy, kubeconfig, toolDir };
}

/** The cluster's counters now, from its `/metrics`. */
export async function simCounters(url: string): Promise<SimCounters> {
  const r = await expectOk(call(url, 'GET', '/metrics'), 'GET /metrics');
  return parseSimCounters(r.body.toString('utf8'));
}

/**
 * The eviction requests of a run's counters (`counterDelta`), with a note if the proxy saw
 * another number.
 */
export function checkedRequests(counters: SimCounters, proxy: EvictionProxy): number {
  const requests = evictionRequests(counters);
  if (proxy.total() !== requests)
    print(`  note: the proxy saw ${proxy.total()} eviction requests, /metrics ${requests}`);
  return requests;
}
