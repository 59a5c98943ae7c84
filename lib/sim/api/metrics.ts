import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESOURCES } from '../store/resources';
import type { Route } from './routes';
import type { WatchHub } from './watch';

/**
 * `GET /metrics` of the embedded cluster in the Prometheus text exposition format (0.0.4),
 * with kube-apiserver's own metric names and labels where one exists
 * (k8s.io/apiserver/pkg/endpoints/metrics), so dashboards and queries written against a
 * real apiserver work here.
 */

/** The labels of `apiserver_request_total`, less `code`, in upstream's order. */
export interface RequestLabels {
  verb: string;
  dry_run: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  scope: string;
  component: string;
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Verbs upstream reports (`validRequestMethods`); anything else is `other`. */
const VERBS = new Set([
  'APPLY',
  'CONNECT',
  'CREATE',
  'DELETE',
  'DELETECOLLECTION',
  'GET',
  'LIST',
  'PATCH',
  'POST',
  'PROXY',
  'PUT',
  'UPDATE',
  'WATCH',
  'WATCHLIST',
]);

/**
 * What `apiserver_request_total` records of a request: the verb as kube-apiserver's
 * installer and `CleanVerb` name it (GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE,
 * DELETECOLLECTION), and for non-resource paths the path as `subresource`. Undefined for
 * paths that serve nothing, so that arbitrary URLs cannot grow the label set.
 */
export function requestLabels(
  req: IncomingMessage,
  pathname: string,
  r: Route | undefined,
  query: URLSearchParams,
): RequestLabels | undefined {
  const method = (req.method ?? 'GET').toUpperCase();
  if (!r) return undefined;
  if (r.kind !== 'resource') {
    const verb = method === 'HEAD' ? 'GET' : method;
    return labels(VERBS.has(verb) ? verb : 'other', query, '', '', '', pathname, '');
  }
  const sub = r.subresource;
  if (sub !== undefined && !r.rt.subresources.includes(sub as 'status')) return undefined;
  const verb = resourceVerb(method, r.name !== undefined, query, req.headers['content-type']);
  // CleanScope: a create addresses one object even when posted to the collection.
  const scope =
    r.name !== undefined || method === 'POST'
      ? 'resource'
      : r.namespace !== undefined
        ? 'namespace'
        : 'cluster';
  return labels(verb, query, r.rt.group, r.rt.version, r.rt.resource, sub ?? '', scope);
}

/** The labels in upstream's order, which is the order they are printed in. */
function labels(
  verb: string,
  query: URLSearchParams,
  group: string,
  version: string,
  resource: string,
  subresource: string,
  scope: string,
): RequestLabels {
  const dry_run = dryRun(query);
  return { verb, dry_run, group, version, resource, subresource, scope, component: 'apiserver' };
}

function resourceVerb(
  method: string,
  named: boolean,
  query: URLSearchParams,
  contentType: string | undefined,
): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (named) return 'GET';
      // The same test the handler uses to serve a watch, so the label says what was served.
      return isWatchQuery(query) ? 'WATCH' : 'LIST';
    case 'PATCH':
      return (contentType ?? '').startsWith('application/apply-patch') ? 'APPLY' : 'PATCH';
    case 'DELETE':
      return named ? 'DELETE' : 'DELETECOLLECTION';
    case 'POST':
    case 'PUT':
      return method;
    default:
      return 'other';
  }
}

/** `watch=true` or `watch=1`, as the collection handler reads it. */
export function isWatchQuery(query: URLSearchParams): boolean {
  const watch = query.get('watch');
  return watch === 'true' || watch === '1';
}

/** `cleanDryRun`: `""`, `All`, or `invalid`. */
function dryRun(query: URLSearchParams): string {
  const values = query.getAll('dryRun');
  if (values.length === 0) return '';
  return values.every((v) => v === 'All') ? 'All' : 'invalid';
}

type Labels = Record<string, string>;

/** A counter family: one value per distinct label set. */
class Counter {
  private readonly series = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels): void {
    const key = JSON.stringify(labels);
    const s = this.series.get(key);
    if (s) s.value++;
    else this.series.set(key, { labels, value: 1 });
  }

  get(labels: Labels): number {
    return this.series.get(JSON.stringify(labels))?.value ?? 0;
  }

  render(): string {
    return family(this.name, this.help, 'counter', [...this.series.values()]);
  }
}

/** The counters of one embedded API server. */
export class Metrics {
  readonly requests = new Counter(
    'apiserver_request_total',
    'Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
  );
  readonly evictions = new Counter(
    'drainboard_sim_evictions_total',
    'Eviction requests (POST pods/{name}/eviction) broken out by HTTP response code.',
  );
  /** Successful evictions (not dry run) of pods that already had a deletionTimestamp. */
  private repeatedEvictions = 0;

  /** Counts one answered request by its final status code. */
  observe(labels: RequestLabels, code: number): void {
    this.requests.inc({ ...labels, code: String(code) });
    if (labels.verb === 'POST' && labels.resource === 'pods' && labels.subresource === 'eviction') {
      this.evictions.inc({ code: String(code) });
    }
  }

  /**
   * Counts one eviction answered with success (not a dry run) of a pod that already had a
   * `deletionTimestamp`: its UID had been evicted or deleted before, and kube-apiserver lets it
   * through without the budgets (`canIgnorePDB`) and answers success again.
   */
  observeRepeatedEviction(): void {
    this.repeatedEvictions++;
  }

  /** The exposition text, with the open watches of `watches` as a gauge. */
  render(watches: WatchHub): string {
    return [
      this.requests.render(),
      openWatches(watches),
      this.evictions.render(),
      family(
        'drainboard_sim_evictions_repeated_total',
        'Evictions answered with success (not dry run) for a pod that already had a deletionTimestamp.',
        'counter',
        [{ labels: {}, value: this.repeatedEvictions }],
      ),
    ].join('');
  }
}

/**
 * Open watches as upstream's stable `apiserver_longrunning_requests{verb="WATCH"}` gauge.
 * Every served resource and scope is listed, zeros included, so a series never vanishes
 * when its last watch closes.
 */
function openWatches(watches: WatchHub): string {
  const open = watches.list();
  const series = RESOURCES.flatMap((rt) =>
    (rt.namespaced ? ['cluster', 'namespace'] : ['cluster']).map((scope) => ({
      labels: {
        verb: 'WATCH',
        group: rt.group,
        version: rt.version,
        resource: rt.resource,
        subresource: '',
        scope,
        component: 'apiserver',
      },
      value: open.filter(
        (w) => w.rt.key === rt.key && (w.namespace === undefined) === (scope === 'cluster'),
      ).length,
    })),
  );
  return family(
    'apiserver_longrunning_requests',
    'Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.',
    'gauge',
    series,
  );
}

function family(
  name: string,
  help: string,
  type: 'counter' | 'gauge',
  series: { labels: Labels; value: number }[],
): string {
  const lines = [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`];
  for (const s of series) lines.push(`${name}${formatLabels(s.labels)} ${s.value}`);
  return lines.join('\n') + '\n';
}

function formatLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/** Label values escape backslash, double quote and line feed (exposition format 0.0.4). */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed only. */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Serves `GET /metrics` (HEAD too); other methods get 405 with `Allow`. */
export function serveMetrics(req: IncomingMessage, res: ServerResponse, text: () => string): void {
  req.resume();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
    return;
  }
  const body = text();
  res.writeHead(200, {
    'Content-Type': METRICS_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, private',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
