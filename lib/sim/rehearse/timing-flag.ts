import { parseDuration } from '../duration';
import type { Timings } from './manifests';
import type { WorkloadTimes } from './timings';

/** The fields of `--timing`, and the time each sets: a Map, so `constructor` is no field. */
const FIELDS = new Map<string, 'startMs' | 'readyMs' | 'shutdownMs'>([
  ['start', 'startMs'],
  ['ready', 'readyMs'],
  ['shutdown', 'shutdownMs'],
]);

/** The longest time `--timing` takes, as the route's 600 s. */
const MAX_MS = 10 * 60_000;

const LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const KEY = new RegExp(
  `^(${LABEL})/(Deployment|StatefulSet|DaemonSet|ReplicaSet)/(${LABEL}(?:\\.${LABEL})*)$`,
);

const USAGE = 'namespace/Kind/name=start:2s,ready:5s,shutdown:30s';

function keyOf(flag: string, key: string): string {
  const m = KEY.exec(key);
  if (m === null || (m[1]?.length ?? 0) > 63 || (m[3]?.length ?? 0) > 253)
    throw new Error(
      `--timing ${flag}: "${key}" is not namespace/Kind/name (Kind: Deployment, StatefulSet, DaemonSet or ReplicaSet); expected ${USAGE}`,
    );
  return key;
}

function timeOf(flag: string, field: string, value: string): number {
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch {
    throw new Error(`--timing ${flag}: ${field} "${value}" is not a duration such as 5s or 1m30s`);
  }
  if (ms > MAX_MS) throw new Error(`--timing ${flag}: ${field} ${value} is longer than 10m`);
  return ms;
}

function timesOf(flag: string, list: string): Partial<WorkloadTimes> {
  const out: Partial<WorkloadTimes> = {};
  for (const part of list.split(',')) {
    const [field = '', value, ...rest] = part.split(':');
    const time = FIELDS.get(field);
    if (time === undefined || value === undefined || rest.length > 0)
      throw new Error(`--timing ${flag}: "${part}" is not start:D, ready:D or shutdown:D`);
    if (out[time] !== undefined) throw new Error(`--timing ${flag}: ${field} is given twice`);
    out[time] = timeOf(flag, field, value);
  }
  return out;
}

/**
 * The `--timing` flags of `npm run sim -- --from-context` as a rehearsal's timings: each
 * `namespace/Kind/name=start:2s,ready:5s,shutdown:30s`, any of the three fields, Go durations
 * of at most 10 minutes. Throws, naming the flag, for anything else or a workload given twice.
 */
export function parseTimingFlags(flags: readonly string[]): Timings {
  const timings: Timings = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at < 0) throw new Error(`--timing ${flag}: expected ${USAGE}`);
    const key = keyOf(flag, flag.slice(0, at));
    if (timings[key] !== undefined) throw new Error(`--timing: ${key} is given twice`);
    timings[key] = timesOf(flag, flag.slice(at + 1));
  }
  return timings;
}
