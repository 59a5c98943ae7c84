import { fmt, int, mib, table } from '../sim/bench/bench-kit';
import type { PhaseResult } from './phase';
import { DELAY_HEAD, delayRow } from './report';

/** The stream benchmark's output. */

const print = (s = ''): void => console.log(s);

/** Prints one phase's results. */
export function printPhase(i: number, r: PhaseResult): void {
  print();
  print(`phase ${i + 1}: ${r.clients} stream client${r.clients === 1 ? '' : 's'}`);
  const pods = new Set(r.snapshotPods);
  print(
    `  snapshot: ${int(r.snapshotBytes)} bytes (${[...pods].map(int).join('/')} pods); ` +
      `from request to its last byte p50 ${int(r.snapshotMs.p50)} ms, max ${int(r.snapshotMs.max)} ms`,
  );
  print(
    `  window: ${fmt(r.windowMs / 1000, 1)} s, ${int(r.expected)} changes (${fmt(r.expected / (r.windowMs / 1000), 1)}/s), ` +
      `PATCH reply p50 ${fmt(r.patchReplyMs.p50, 2)} ms, max ${fmt(r.patchReplyMs.max, 2)} ms`,
  );
  print(`  delay from sending the PATCH to the event's arrival, ms`);
  print(
    table(DELAY_HEAD, [
      delayRow(`dashboard stream, ${r.clients} client${r.clients === 1 ? '' : 's'}`, r.delays),
      delayRow('cluster watch (baseline)', r.baseline),
      ...(r.clients > 1 ? [delayRow('first to last client, per change', r.spread)] : []),
    ]),
  );
  print(
    `  events received ${fmt(r.eventsPerSecond, 1)}/s (${fmt(r.eventsPerSecond / r.clients, 1)}/s per client); ` +
      `server counter ${fmt(r.serverDeliveredPerSecond, 1)}/s; duplicates ${r.duplicates}`,
  );
  const missed = r.missed.reduce((a, m) => a + m.count, 0);
  print(
    `  expected ${int(r.expected)} per client: ${r.clients - r.missed.length}/${r.clients} clients got all; ` +
      `missed ${missed}; dropped ${r.dropped.length} (server counter ${r.serverDropped}); failed PATCHes ${r.failedPatches}`,
  );
  for (const d of r.dropped) print(`    client ${d.client} dropped: ${d.why}`);
  print(
    `  CPU, % of one core over the window: dashboard ${fmt(r.cpu.dashboard)} (${r.cpu.processes} process${r.cpu.processes === 1 ? '' : 'es'}), ` +
      `cluster ${fmt(r.cpu.sim)}, benchmark ${fmt(r.cpu.bench)}`,
  );
  print(
    `  dashboard RSS: ${mib(r.rss.start)} before connecting, peak ${mib(r.rss.peak)}, ${mib(r.rss.end)} at the window's end`,
  );
}

/** Prints the phases side by side. */
export function printSummary(results: PhaseResult[]): void {
  print();
  print('summary (delay ms from PATCH sent to event received; CPU % of one core; RSS MiB)');
  print(
    table(
      ['clients', 'p50', 'p95', 'p99', 'max', 'count', 'events/s', 'CPU %', 'RSS peak', 'RSS end'],
      results.map((r) => [
        String(r.clients),
        ...delayRow('', r.delays).slice(1),
        fmt(r.eventsPerSecond, 0),
        fmt(r.cpu.dashboard),
        fmt(r.rss.peak / 1024 / 1024),
        fmt(r.rss.end / 1024 / 1024),
      ]),
    ),
  );
}

/** Problems that fail the run: drops, missed changes, failed PATCHes. */
export function failuresOf(results: PhaseResult[]): string[] {
  return results.flatMap((r) => [
    ...(r.dropped.length > 0 || r.serverDropped > 0
      ? [`${r.clients} clients: ${Math.max(r.dropped.length, r.serverDropped)} dropped`]
      : []),
    ...r.missed.map((m) => `${r.clients} clients: client ${m.client} missed ${m.count} changes`),
    ...(r.failedPatches > 0 ? [`${r.clients} clients: ${r.failedPatches} PATCHes failed`] : []),
  ]);
}
