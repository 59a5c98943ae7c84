import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time and resident memory of a process and its descendants, from Linux procfs
 * (proc(5): `/proc/<pid>/stat` fields 4 ppid, 14 utime, 15 stime in clock ticks;
 * `/proc/<pid>/status` VmRSS in KiB). CPU of descendants that exit is not counted: it moves to
 * their parent's cutime only once reaped, and the servers measured here keep their children.
 */

/** Clock ticks per second (`getconf CLK_TCK`; 100 on every mainstream Linux). */
const CLK_TCK = ((): number => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  ppid: number;
  ticks: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) is in parentheses and may hold spaces: split after the last ')'.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return undefined; // exited meanwhile
  }
}

function readRssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** `root` and every live descendant, with their stat. */
function tree(root: number): Map<number, Stat> {
  const all = new Map<number, Stat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat !== undefined) all.set(Number(name), stat);
  }
  const out = new Map<number, Stat>();
  const rootStat = all.get(root);
  if (rootStat === undefined) return out;
  out.set(root, rootStat);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, stat] of all) {
      if (!out.has(pid) && out.has(stat.ppid)) {
        out.set(pid, stat);
        grew = true;
      }
    }
  }
  return out;
}

/** A usage reading of a process tree. */
export interface Usage {
  /** user + system CPU seconds of the live processes. */
  cpuSeconds: number;
  rssBytes: number;
  processes: number;
}

/** Reads the CPU time and RSS of `root` and its descendants now. */
export function usageOf(root: number): Usage {
  const procs = tree(root);
  let ticks = 0;
  let rss = 0;
  for (const [pid, stat] of procs) {
    ticks += stat.ticks;
    rss += readRssBytes(pid);
  }
  return { cpuSeconds: ticks / CLK_TCK, rssBytes: rss, processes: procs.size };
}

/**
 * Samples a process tree's RSS every `intervalMs` to keep its peak; `cpuPercent` between two
 * readings is CPU time over wall time, in % of one core.
 */
export class TreeMonitor {
  peakRss = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly pid: number,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.peakRss = usageOf(this.pid).rssBytes;
    this.timer = setInterval(() => this.read(), this.intervalMs);
    this.timer.unref();
  }

  /** A reading now (also counted towards the peak). */
  read(): Usage {
    const u = usageOf(this.pid);
    this.peakRss = Math.max(this.peakRss, u.rssBytes);
    return u;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** % of one core used between two readings `wallMs` apart. */
export function cpuPercent(from: Usage, to: Usage, wallMs: number): number {
  return ((to.cpuSeconds - from.cpuSeconds) / (wallMs / 1000)) * 100;
}
