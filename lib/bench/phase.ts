import type { Changer } from './changer';
import { StreamClient, type WatchClient } from './clients';
import { dashboardMetric, type DashboardProcess } from './dashboard';
import { sleep, wallNow } from './http';
import { cpuPercent, usageOf, type TreeMonitor, type Usage } from './proc-stats';
import { summarise, type Summary } from './report';

/**
 * One phase of the stream benchmark: N stream clients connect and warm up, then the load runs
 * for a measuring window, then every change sent in the window is awaited (with a grace) and
 * counted per client.
 */

/** A pause after the warm-up, so that no backlog of it falls into the window. */
const SETTLE_MS = 1_000;

export interface PhaseContext {
  dashboard: DashboardProcess;
  monitor: TreeMonitor;
  simPid: number;
  streamPath: string;
  changer: Changer;
  baseline: WatchClient;
  windowMs: number;
  graceMs: number;
}

export interface PhaseResult {
  clients: number;
  snapshotBytes: number;
  snapshotPods: number[];
  /** Per client, ms from sending the request to the arrival of its snapshot's last chunk. */
  snapshotMs: Summary;
  windowMs: number;
  /** Changes sent in the window whose PATCH succeeded. */
  expected: number;
  failedPatches: number;
  patchReplyMs: Summary;
  /** ms from sending the PATCH to the event's arrival, every client and change. */
  delays: Summary;
  baseline: Summary;
  /** Per change, first to last client's arrival. */
  spread: Summary;
  /** Changes a client did not receive, for the clients that missed any. */
  missed: { client: number; count: number }[];
  dropped: { client: number; why: string }[];
  duplicates: number;
  /** Events received per second, all clients together. */
  eventsPerSecond: number;
  serverDeliveredPerSecond: number;
  serverDropped: number;
  cpu: { dashboard: number; sim: number; bench: number; processes: number };
  rss: { start: number; peak: number; end: number };
}

interface Reading {
  at: number;
  dashboard: Usage;
  sim: Usage;
  bench: NodeJS.CpuUsage;
  events: number[];
  delivered: number;
  dropped: number;
}

async function read(ctx: PhaseContext, clients: StreamClient[]): Promise<Reading> {
  const metric = (name: string) => dashboardMetric(ctx.dashboard.url, name);
  const [delivered, dropped] = await Promise.all([
    metric('drainboard_stream_events_delivered_total'),
    metric('drainboard_stream_clients_dropped_total'),
  ]);
  return {
    at: wallNow(),
    dashboard: ctx.monitor.read(),
    sim: usageOf(ctx.simPid),
    bench: process.cpuUsage(),
    events: clients.map((c) => c.events),
    delivered,
    dropped,
  };
}

/** Resolves once `done()` holds, or after `ms`. */
async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = wallNow() + ms;
  while (!done() && wallNow() < deadline) await sleep(50);
}

/** Per change, ms from its first to its last arrival among the clients that got it. */
function spreadsOf(clients: StreamClient[], ts: string[]): number[] {
  return ts.flatMap((t) => {
    const at = clients.flatMap((c) => c.received.get(t) ?? []);
    return at.length === 0 ? [] : [Math.max(...at) - Math.min(...at)];
  });
}

function delaysOf(reader: { received: Map<string, number> }, ts: string[]): number[] {
  return ts.flatMap((t) => {
    const at = reader.received.get(t);
    return at === undefined ? [] : [at - Number(t)];
  });
}

/** Runs one phase with `n` stream clients and closes them. */
export async function runPhase(ctx: PhaseContext, n: number): Promise<PhaseResult> {
  const rssStart = ctx.monitor.read().rssBytes;
  ctx.monitor.peakRss = rssStart;
  const clients = await Promise.all(
    Array.from({ length: n }, () => StreamClient.connect(ctx.dashboard.url, ctx.streamPath)),
  );
  try {
    const snapshotPods = clients.map((c) => c.snapshotPods());
    await Promise.race([
      Promise.all(clients.map((c) => c.nextChange())),
      sleep(10_000).then(() => Promise.reject(new Error('warm-up: no change within 10 s'))),
    ]);
    await sleep(SETTLE_MS);
    const r0 = await read(ctx, clients);
    await sleep(ctx.windowMs);
    const r1 = await read(ctx, clients);
    const sent = ctx.changer.sentBetween(r0.at, r1.at);
    await until(() => sent.every((c) => c.status !== undefined), ctx.graceMs);
    const ok = sent.filter((c) => c.status === 200).map((c) => c.t);
    const complete = (c: { received: Map<string, number> }) => ok.every((t) => c.received.has(t));
    await until(() => clients.every(complete) && complete(ctx.baseline), ctx.graceMs);
    const wallMs = r1.at - r0.at;
    const benchCpu = (r1.bench.user + r1.bench.system - r0.bench.user - r0.bench.system) / 1000;
    const received = r1.events.reduce((a, b) => a + b, 0) - r0.events.reduce((a, b) => a + b, 0);
    const first = clients[0] as StreamClient;
    return {
      clients: n,
      snapshotBytes: first.snapshotBytes,
      snapshotPods,
      snapshotMs: summarise(clients.map((c) => c.snapshotMs)),
      windowMs: wallMs,
      expected: ok.length,
      failedPatches: sent.length - ok.length,
      patchReplyMs: summarise(sent.flatMap((c) => (c.replyMs === undefined ? [] : [c.replyMs]))),
      delays: summarise(clients.flatMap((c) => delaysOf(c, ok))),
      baseline: summarise(delaysOf(ctx.baseline, ok)),
      spread: summarise(spreadsOf(clients, ok)),
      missed: clients
        .map((c, client) => ({ client, count: ok.filter((t) => !c.received.has(t)).length }))
        .filter((m) => m.count > 0),
      dropped: clients.flatMap((c, client) =>
        c.endedEarly === undefined ? [] : [{ client, why: c.endedEarly }],
      ),
      duplicates: clients.reduce((a, c) => a + c.duplicates, 0),
      eventsPerSecond: received / (wallMs / 1000),
      serverDeliveredPerSecond: (r1.delivered - r0.delivered) / (wallMs / 1000),
      serverDropped: r1.dropped - r0.dropped,
      cpu: {
        dashboard: cpuPercent(r0.dashboard, r1.dashboard, wallMs),
        sim: cpuPercent(r0.sim, r1.sim, wallMs),
        bench: (benchCpu / wallMs) * 100,
        processes: r1.dashboard.processes,
      },
      rss: { start: rssStart, peak: ctx.monitor.peakRss, end: r1.dashboard.rssBytes },
    };
  } finally {
    for (const c of clients) c.close();
  }
}
