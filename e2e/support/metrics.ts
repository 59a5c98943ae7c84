/** The resources the dashboard watches, by their Kubernetes names (one WATCH each). */
export const WATCHED_RESOURCES = [
  'pods',
  'poddisruptionbudgets',
  'nodes',
  'endpointslices',
  'replicasets',
  'deployments',
  'statefulsets',
  'daemonsets',
  'events',
] as const;
export type WatchedResource = (typeof WATCHED_RESOURCES)[number];

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the samples of the Prometheus text format 0.0.4 (comments and blank lines skipped). */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (m === null || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1] ?? ''] = l[2] ?? '';
    }
    samples.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return samples;
}

/** Sums the samples of `name` whose labels include `match`, grouped by their `resource` label. */
export function sumByResource(
  samples: readonly Sample[],
  name: string,
  match: Record<string, string>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== name) continue;
    if (!Object.entries(match).every(([k, v]) => s.labels[k] === v)) continue;
    const resource = s.labels['resource'] ?? '';
    out[resource] = (out[resource] ?? 0) + s.value;
  }
  return out;
}

/** Open WATCH streams per watched resource (`apiserver_longrunning_requests`). */
export function openWatches(samples: readonly Sample[]): Record<WatchedResource, number> {
  const all = sumByResource(samples, 'apiserver_longrunning_requests', { verb: 'WATCH' });
  return pick(all);
}

/** Successful LIST requests so far per watched resource (`apiserver_request_total`). */
export function successfulLists(samples: readonly Sample[]): Record<WatchedResource, number> {
  const all = sumByResource(samples, 'apiserver_request_total', { verb: 'LIST', code: '200' });
  return pick(all);
}

function pick(all: Record<string, number>): Record<WatchedResource, number> {
  return Object.fromEntries(WATCHED_RESOURCES.map((r) => [r, all[r] ?? 0])) as Record<
    WatchedResource,
    number
  >;
}

/** The same count for every watched resource, e.g. `{pods: 1, nodes: 1, …}`. */
export function each(n: number): Record<WatchedResource, number> {
  return Object.fromEntries(WATCHED_RESOURCES.map((r) => [r, n])) as Record<
    WatchedResource,
    number
  >;
}
