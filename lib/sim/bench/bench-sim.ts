/**
 * Benchmark of the embedded cluster's API server (`npm run bench:sim`):
 *
 * 1. create 10,000 pods with POST (32 in flight) and wait for the scheduler and kubelet to
 *    bind, start and ready them;
 * 2. LIST them: unpaginated JSON, unpaginated Table (kubectl's server-side printing), and
 *    paginated with limit=500;
 * 3. the delay from one PATCH to its MODIFIED event at 100 concurrent watchers, 20 times.
 *
 * The cluster (scenario `empty`, controllers running) runs in a child process (sim-child.ts)
 * so that this client's own work does not share the server's event loop; the client is plain
 * node:http with a keep-alive Agent. Everything talks to 127.0.0.1 only.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request, type IncomingMessage } from 'node:http';
import { cpus, arch, platform } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { expectOk, fmt, httpClient, int, mib, quantile, table } from './bench-kit';
import type { ChildMessage, Milestone, ParentMessage } from './sim-child';

const NAMESPACE = 'bench';
const PODS = 10_000;
const CONCURRENCY = 32;
const LIST_RUNS = 5;
const PAGE_LIMIT = 500;
const WATCHERS = 100;
const WATCH_ROUNDS = 20;
const EXTRA_NODE = 'node-4';
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io';
/** The whole run must end by itself; this is the hard stop if something hangs. */
const DEADLINE_MS = 170_000;

// ---------------------------------------------------------------------------------------
// HTTP client and statistics

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const { call, mergePatch } = httpClient(agent);

interface Summary {
  min: number;
  median: number;
  p95: number;
  max: number;
}

function summarise(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  return {
    min: s[0] ?? NaN,
    median: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    max: s[s.length - 1] ?? NaN,
  };
}

// ---------------------------------------------------------------------------------------
// The cluster in a child process

class Child {
  private readonly waiters = new Map<string, ((m: ChildMessage) => void)[]>();
  readonly milestones = new Map<Milestone, number>();
  private milestoneWaiters: (() => void)[] = [];

  constructor(readonly proc: ChildProcess) {
    proc.on('message', (raw) => {
      const m = raw as ChildMessage;
      if (m.type === 'milestone') {
        // Wall clock in the child → this process's performance.now() timeline.
        this.milestones.set(m.name, m.at - performance.timeOrigin);
        for (const w of this.milestoneWaiters.splice(0)) w();
        return;
      }
      const list = this.waiters.get(m.type);
      list?.shift()?.(m);
    });
  }

  send(m: ParentMessage): void {
    this.proc.send(m);
  }

  next<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(type) ?? [];
      list.push((m) => resolve(m as Extract<ChildMessage, { type: T }>));
      this.waiters.set(type, list);
      this.proc.once('exit', (code) =>
        reject(new Error(`cluster process exited (${code}) awaiting ${type}`)),
      );
    });
  }

  async waitMilestones(names: Milestone[], timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!names.every((n) => this.milestones.has(n))) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.milestoneWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

async function startChild(): Promise<{ child: Child; url: string }> {
  // Under tsx, execArgv carries its loader, so the child runs TypeScript as well.
  const proc = fork(fileURLToPath(new URL('./sim-child.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const child = new Child(proc);
  const ready = await child.next('ready');
  return { child, url: ready.url };
}

async function waitNodeReady(url: string, name: string): Promise<void> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    const r = await expectOk(call(url, 'GET', `/api/v1/nodes/${name}`), `GET node ${name}`);
    const node = JSON.parse(r.body.toString('utf8')) as {
      status?: { conditions?: { type: string; status: string }[] };
    };
    if (node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return;
    if (performance.now() > deadline) throw new Error(`node ${name} did not become Ready`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ---------------------------------------------------------------------------------------
// 1. Create

function podBody(i: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `bench-${String(i).padStart(5, '0')}`, labels: { app: 'bench' } },
    spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] },
  };
}

interface CreateResult {
  seconds: number;
  latencies: number[];
  bound?: number;
  running?: number;
  ready?: number;
}

async function createPods(url: string, child: Child): Promise<CreateResult> {
  child.send({ type: 'track', namespace: NAMESPACE, total: PODS });
  const latencies: number[] = new Array<number>(PODS);
  let nextIndex = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    for (let i = nextIndex++; i < PODS; i = nextIndex++) {
      const r = await expectOk(
        call(url, 'POST', `/api/v1/namespaces/${NAMESPACE}/pods`, podBody(i)),
        `create pod ${i}`,
      );
      latencies[i] = r.ms;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const t1 = performance.now();
  // Defaults: Running 1 s after binding, Ready 2 s after that; allow generous slack.
  await child.waitMilestones(['bound', 'running', 'ready'], 60_000);
  const since = (m: Milestone): number | undefined => {
    const at = child.milestones.get(m);
    return at === undefined ? undefined : (at - t0) / 1000;
  };
  return {
    seconds: (t1 - t0) / 1000,
    latencies,
    bound: since('bound'),
    running: since('running'),
    ready: since('ready'),
  };
}

// ---------------------------------------------------------------------------------------
// 2. List

interface ListResult {
  label: string;
  ms: number[];
  bytes: number;
  note: string;
}

async function listOnce(
  url: string,
  path: string,
  accept: string,
): Promise<{ ms: number; bytes: number; json: Record<string, unknown> }> {
  const r = await expectOk(call(url, 'GET', path, undefined, { Accept: accept }), `GET ${path}`);
  return {
    ms: r.ms,
    bytes: r.body.length,
    json: JSON.parse(r.body.toString('utf8')) as Record<string, unknown>,
  };
}

async function listPods(url: string): Promise<ListResult[]> {
  const base = `/api/v1/namespaces/${NAMESPACE}/pods`;
  const json: ListResult = { label: 'JSON, unpaginated', ms: [], bytes: 0, note: '' };
  const tbl: ListResult = { label: 'Table, unpaginated', ms: [], bytes: 0, note: '' };
  const paged: ListResult = { label: `JSON, limit=${PAGE_LIMIT}`, ms: [], bytes: 0, note: '' };
  for (let run = 0; run < LIST_RUNS; run++) {
    const a = await listOnce(url, base, 'application/json');
    const n = (a.json.items as unknown[]).length;
    if (n !== PODS) throw new Error(`JSON list returned ${n} items, not ${PODS}`);
    json.ms.push(a.ms);
    json.bytes = a.bytes;
    json.note = `${int(n)} items`;

    const b = await listOnce(url, base, `${TABLE_ACCEPT}, application/json`);
    const rows = (b.json.rows as unknown[]).length;
    if (rows !== PODS) throw new Error(`Table list returned ${rows} rows, not ${PODS}`);
    tbl.ms.push(b.ms);
    tbl.bytes = b.bytes;
    tbl.note = `${int(rows)} rows`;

    let cont: string | undefined;
    let total = 0;
    let bytes = 0;
    let pages = 0;
    let ms = 0;
    do {
      const q = `?limit=${PAGE_LIMIT}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
      const p = await listOnce(url, base + q, 'application/json');
      total += (p.json.items as unknown[]).length;
      bytes += p.bytes;
      ms += p.ms;
      pages++;
      cont = (p.json.metadata as { continue?: string }).continue || undefined;
    } while (cont);
    if (total !== PODS) throw new Error(`paginated list returned ${total} items, not ${PODS}`);
    paged.ms.push(ms);
    paged.bytes = bytes;
    paged.note = `${pages} pages, ${fmt(ms / pages, 1)} ms/page`;
  }
  return [json, tbl, paged];
}

// ---------------------------------------------------------------------------------------
// 3. Watch

interface Watcher {
  req: ReturnType<typeof request>;
  /** Called with each MODIFIED pod event and the time it was parsed. */
  onModified?: (pod: { metadata: { name?: string; labels?: Record<string, string> } }) => void;
  errors: number;
}

function openWatch(url: string, path: string, watchAgent: Agent): Promise<Watcher> {
  return new Promise((resolve, reject) => {
    const w = {} as Watcher;
    w.errors = 0;
    w.req = request(
      new URL(path, url),
      { method: 'GET', agent: watchAgent, headers: { Accept: 'application/json' } },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) {
          reject(new Error(`watch: HTTP ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (chunk: string) => {
          buf += chunk;
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (line.trim() === '') continue;
            const ev = JSON.parse(line) as { type: string; object: unknown };
            if (ev.type === 'MODIFIED') w.onModified?.(ev.object as never);
            else if (ev.type === 'ERROR') w.errors++;
          }
        });
        res.on('error', () => undefined);
        resolve(w);
      },
    );
    w.req.on('error', (e) => {
      if (!w.req.destroyed) reject(e);
    });
    w.req.end();
  });
}

interface WatchRound {
  delays: number[];
  patchMs: number;
}

async function watchFanOut(url: string): Promise<WatchRound[]> {
  const base = `/api/v1/namespaces/${NAMESPACE}/pods`;
  const head = await listOnce(url, `${base}?limit=1`, 'application/json');
  const rv = (head.json.metadata as { resourceVersion: string }).resourceVersion;
  // One socket per watch stream, apart from the request agent's 32.
  const watchAgent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const watchers = await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      openWatch(url, `${base}?watch=true&resourceVersion=${rv}`, watchAgent),
    ),
  );
  const rounds: WatchRound[] = [];
  try {
    for (let round = 0; round < WATCH_ROUNDS; round++) {
      const name = `bench-${String((round * 487) % PODS).padStart(5, '0')}`;
      const mark = `r${round}`;
      const delays: number[] = [];
      let sent = 0;
      let resolveAll!: () => void;
      const all = new Promise<void>((r) => (resolveAll = r));
      for (const w of watchers) {
        let seen = false;
        w.onModified = (pod) => {
          if (seen || pod.metadata.name !== name || pod.metadata.labels?.['bench-mark'] !== mark)
            return;
          seen = true;
          delays.push(performance.now() - sent);
          if (delays.length === WATCHERS) resolveAll();
        };
      }
      const patch = mergePatch(url, `${base}/${name}`, {
        metadata: { labels: { 'bench-mark': mark } },
      });
      sent = patch.sentAt;
      const patchDone = patch.status.then((status) => {
        if (status !== 200) throw new Error(`PATCH ${name}: HTTP ${status}`);
        return performance.now() - sent;
      });
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
      const [patchMs] = await Promise.all([patchDone, Promise.race([all, timeout])]);
      if (delays.length < WATCHERS)
        throw new Error(`round ${round}: only ${delays.length}/${WATCHERS} watchers saw it`);
      rounds.push({ delays, patchMs });
      for (const w of watchers) w.onModified = undefined;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    for (const w of watchers) w.req.destroy();
    watchAgent.destroy();
  }
  const errors = watchers.reduce((n, w) => n + w.errors, 0);
  if (errors > 0) throw new Error(`${errors} watch ERROR events`);
  return rounds;
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const out: string[] = [];
  const print = (s = ''): void => {
    out.push(s);
    console.log(s);
  };
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';
  print(`sim API benchmark — Node.js ${process.version}, ${platform()}/${arch()}`);
  print(`CPUs: ${cpus().length} × ${cpuModel}`);
  print(
    `cluster: startCluster({scenario: 'empty'}) with all controllers, in a child process; client: node:http, keep-alive Agent`,
  );

  const { child, url } = await startChild();
  let stopped = false;
  const stopChild = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const done = child.next('stopped').catch(() => undefined);
    child.send({ type: 'stop' });
    await Promise.race([done, new Promise((r) => setTimeout(r, 5_000).unref())]);
    if (child.proc.exitCode === null) {
      await Promise.race([
        new Promise((r) => child.proc.once('exit', r)),
        new Promise((r) => setTimeout(r, 3_000).unref()),
      ]);
    }
    if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill();
  };
  const hardStop = setTimeout(() => {
    console.error(`bench-sim: did not finish within ${DEADLINE_MS / 1000} s`);
    child.proc.kill('SIGKILL');
    process.exit(1);
  }, DEADLINE_MS);
  hardStop.unref();

  try {
    await expectOk(
      call(url, 'POST', '/api/v1/namespaces', { metadata: { name: NAMESPACE } }),
      'create namespace',
    );

    // The simulated kubelet hands out 12 × 254 pod IPs per node, so the scenario's three
    // nodes run at most 9,144 pods: one more node (registered by the in-process kubelet)
    // lets all 10,000 start.
    await expectOk(
      call(url, 'POST', '/api/v1/nodes', {
        metadata: { name: EXTRA_NODE, labels: { 'topology.kubernetes.io/zone': 'zone-d' } },
      }),
      'create node',
    );
    await waitNodeReady(url, EXTRA_NODE);

    // 1. Create
    print();
    print(
      `1. create ${int(PODS)} pods: POST /api/v1/namespaces/${NAMESPACE}/pods, ${CONCURRENCY} in flight`,
    );
    print(
      `   pods use the default behaviour annotations (Running 1 s after binding, Ready 2 s later);`,
    );
    print(
      `   nodes: the scenario's node-1..3 plus ${EXTRA_NODE} created through the API (3 nodes hold ≤ 9,144 pod IPs)`,
    );
    const c = await createPods(url, child);
    const lat = summarise(c.latencies);
    const since = (s: number | undefined): string => (s === undefined ? 'not reached' : fmt(s, 2));
    print(
      table(
        ['', 's since first POST', 'pods/s'],
        [
          ['all 10,000 created (201)', fmt(c.seconds, 2), int(PODS / c.seconds)],
          ['all bound (spec.nodeName)', since(c.bound), ''],
          ['all Running', since(c.running), ''],
          ['all Ready', since(c.ready), ''],
        ],
      ),
    );
    print(
      `   POST latency ms: min ${fmt(lat.min, 2)}, median ${fmt(lat.median, 2)}, p95 ${fmt(lat.p95, 2)}, max ${fmt(lat.max, 2)}`,
    );

    // 2. List
    print();
    print(`2. list all ${int(PODS)} pods of namespace ${NAMESPACE} (${LIST_RUNS} runs each)`);
    const lists = await listPods(url);
    print(
      table(
        ['', 'median ms', 'min ms', 'max ms', 'bytes', ''],
        lists.map((l) => {
          const s = summarise(l.ms);
          return [l.label, fmt(s.median), fmt(s.min), fmt(s.max), int(l.bytes), l.note];
        }),
      ),
    );

    // 3. Watch
    print();
    print(
      `3. PATCH (merge, one label) of one pod → MODIFIED at ${WATCHERS} watchers of namespace ${NAMESPACE}`,
    );
    print(`   delay from sending the PATCH to parsing the event, ms; ${WATCH_ROUNDS} rounds`);
    const rounds = await watchFanOut(url);
    const rows = rounds.map((r, i) => {
      const s = summarise(r.delays);
      return [
        String(i + 1),
        fmt(s.min, 2),
        fmt(s.median, 2),
        fmt(s.p95, 2),
        fmt(s.max, 2),
        fmt(r.patchMs, 2),
      ];
    });
    const all = summarise(rounds.flatMap((r) => r.delays));
    const patches = summarise(rounds.map((r) => r.patchMs));
    const medians = summarise(rounds.map((r) => summarise(r.delays).median));
    const maxes = summarise(rounds.map((r) => summarise(r.delays).max));
    rows.push(
      [
        `all ${int(WATCHERS * WATCH_ROUNDS)}`,
        fmt(all.min, 2),
        fmt(all.median, 2),
        fmt(all.p95, 2),
        fmt(all.max, 2),
        fmt(patches.median, 2),
      ],
      [
        'per-round median',
        fmt(medians.min, 2),
        fmt(medians.median, 2),
        fmt(medians.p95, 2),
        fmt(medians.max, 2),
        '',
      ],
      [
        'per-round max',
        fmt(maxes.min, 2),
        fmt(maxes.median, 2),
        fmt(maxes.p95, 2),
        fmt(maxes.max, 2),
        '',
      ],
    );
    print(table(['round', 'min', 'median', 'p95', 'max', 'PATCH reply'], rows));

    child.send({ type: 'stats' });
    const stats = await child.next('stats');
    print();
    print(
      `peak RSS: cluster process ${mib(stats.maxRssKiB * 1024)} (now ${mib(stats.rssBytes)}, heap ${mib(stats.heapUsedBytes)}); benchmark client ${mib(process.resourceUsage().maxRSS * 1024)}`,
    );
  } finally {
    agent.destroy();
    await stopChild();
    clearTimeout(hardStop);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('bench-sim:', err);
    process.exit(1);
  },
);
