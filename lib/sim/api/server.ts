import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { AccessRules } from './access';
import { apiGroupDoc, apiGroupList, apiResourceList, apiVersions, VERSION } from './discovery';
import { handleControl, isControlPath, type ControlDeps } from './control';
import { ApiError, internal, methodNotAllowed, unknownResource } from './errors';
import { applyFaults, setFlowControlHeaders, type FaultState } from './faults';
import { handleResource } from './handlers';
import { Metrics, requestLabels, serveMetrics } from './metrics';
import { openApiGroupVersion, openApiRoot } from './openapi';
import { sendError, sendJson, wantsTable } from './http';
import type { Registry } from './registry';
import { route, type Route } from './routes';
import type { WatchHub } from './watch';

export interface ApiServerDeps {
  registry: Registry;
  watches: WatchHub;
  clock: Clock;
  /** Faults injected into Kubernetes paths (never into `/sim/` or `/metrics`). */
  faults?: FaultState;
  /** The control API under `/sim/v1/`; without it those paths are 404 like any unknown path. */
  control?: ControlDeps;
  /** Deny rules that SelfSubjectAccessReviews answer by (set through the control API). */
  access: AccessRules;
  /** The counters `GET /metrics` serves; a fresh set when omitted. */
  metrics?: Metrics;
}

/** The Kubernetes HTTP API of the embedded cluster on node:http. */
export function createApiServer(deps: ApiServerDeps): Server {
  const metrics = deps.metrics ?? new Metrics();
  const server = createServer((req, res) => {
    void serve(deps, metrics, req, res).catch((err: unknown) => {
      sendError(
        res,
        err instanceof ApiError ? err : internal(String((err as Error)?.message ?? err)),
      );
    });
  });
  // Watches stay open for up to an hour; Node's defaults would cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  return server;
}

async function serve(
  deps: ApiServerDeps,
  metrics: Metrics,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const raw = req.url ?? '/';
  // A fixed origin, so that a path starting `//` is a path (as in Go), not an authority.
  const url = new URL(`http://localhost${raw.startsWith('/') ? '' : '/'}${raw}`);
  // Route on the path as sent: URL parsing resolves `%2E%2E` segments, which would turn
  // `…/pods/%2E%2E` into the namespace itself; kube-apiserver reads a pod named "..".
  const pathname = raw.split(/[?#]/)[0] ?? '/';
  // The simulator's own endpoints: never faulted or counted, so they stay usable to undo faults.
  if (pathname === '/metrics') return serveMetrics(req, res, () => metrics.render(deps.watches));
  if (deps.control && isControlPath(pathname)) {
    return handleControl(deps.control, req, res, pathname);
  }
  const r = route(pathname);
  const labels = requestLabels(req, pathname, r, url.searchParams);
  if (labels) countOnFinish(res, (code) => metrics.observe(labels, code));
  // APF classifies every request and says so in these headers, on success and failure alike.
  setFlowControlHeaders(res);
  if (deps.faults) {
    const expireWatch =
      labels?.verb === 'WATCH'
        ? () =>
            deps.watches.expire(
              res,
              url.searchParams.get('resourceVersion') ?? '',
              wantsTable(req.headers.accept),
            )
        : undefined;
    if (await applyFaults(deps.faults, deps.clock, res, expireWatch)) return;
  }
  if (!r) throw unknownResource();
  if (r.kind === 'resource') {
    await handleResource({ ...deps, metrics }, { req, res, query: url.searchParams, route: r });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // A discovery path that serves nothing is 404 whatever the method.
    if (!discoveryServed(r)) throw unknownResource();
    throw methodNotAllowed();
  }
  serveDiscovery(res, r, req.headers.host ?? '127.0.0.1');
}

/**
 * Calls `count` once with the response's final status code: on 'finish', or on 'close' for a
 * stream the client ended (a watch), as kube-apiserver records a watch when it ends.
 */
function countOnFinish(res: ServerResponse, count: (code: number) => void): void {
  let counted = false;
  const done = (): void => {
    if (counted || !res.headersSent) return;
    counted = true;
    count(res.statusCode);
  };
  res.once('finish', done);
  res.once('close', done);
}

function discoveryServed(r: Exclude<Route, { kind: 'resource' }>): boolean {
  if (r.kind === 'group') return apiGroupDoc(r.group) !== undefined;
  if (r.kind === 'groupVersion') return apiResourceList(r.groupVersion) !== undefined;
  if (r.kind === 'openapi') return r.path === '' || openApiGroupVersion(r.path) !== undefined;
  return true;
}

function serveDiscovery(
  res: ServerResponse,
  r: Exclude<Route, { kind: 'resource' }>,
  host: string,
): void {
  switch (r.kind) {
    case 'version':
      return sendJson(res, 200, VERSION);
    case 'health':
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    case 'api':
      return sendJson(res, 200, apiVersions(host));
    case 'apis':
      return sendJson(res, 200, apiGroupList());
    case 'group':
    case 'groupVersion': {
      const doc = r.kind === 'group' ? apiGroupDoc(r.group) : apiResourceList(r.groupVersion);
      if (!doc) throw unknownResource();
      return sendJson(res, 200, doc);
    }
    case 'openapi': {
      const doc = r.path === '' ? openApiRoot() : openApiGroupVersion(r.path);
      if (!doc) throw unknownResource();
      return sendJson(res, 200, doc);
    }
    default: {
      const never: never = r;
      throw new Error(`unhandled route ${JSON.stringify(never)}`);
    }
  }
}
