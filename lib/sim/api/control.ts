import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESOURCES } from '../store/resources';
import { parseAccess, type AccessRules } from './access';
import { ApiError, badRequest } from './errors';
import {
  jsonObject,
  parseExpiry,
  parseFaults,
  type FaultSnapshot,
  type FaultState,
} from './faults';
import { readBody, sendJson } from './http';
import type { WatchHub } from './watch';

/**
 * The control API of the embedded cluster under `/sim/v1/`: JSON in and out, outside the
 * Kubernetes paths, never faulted. Tests and demos use it to pause the disruption
 * controller, break watches, inject faults, deny permissions in access reviews and reset to a
 * scenario.
 */

/** The disruption controller's pause switch. */
export interface DisruptionSwitch {
  pause(): void;
  resume(): void;
  readonly paused: boolean;
}

/** What the control API acts on; the cluster implements it. */
export interface ControlDeps {
  disruption: DisruptionSwitch;
  watches: WatchHub;
  faults: FaultState;
  /** Deny rules that SelfSubjectAccessReviews answer by. */
  access: AccessRules;
  /** Replaces the cluster's objects with a named scenario; throws for an unknown name (400). */
  reset(scenario: string): Promise<void>;
}

/** `GET /sim/v1/state`. */
export interface ControlState {
  paused: boolean;
  faults: FaultSnapshot;
  /** Open watch streams: the total and, by resource key (`pods`, `apps/deployments`), those open. */
  watches: { total: number; byResource: Record<string, number> };
}

export const CONTROL_PREFIX = '/sim/';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Handler = (deps: ControlDeps, body: () => Promise<unknown>) => unknown;

const ROUTES: Record<string, Partial<Record<Method, Handler>>> = {
  '/sim/v1/state': { GET: (d) => controlState(d) },
  '/sim/v1/disruption-controller/pause': {
    POST: (d) => {
      d.disruption.pause();
      return { paused: d.disruption.paused };
    },
  },
  '/sim/v1/disruption-controller/resume': {
    POST: (d) => {
      d.disruption.resume();
      return { paused: d.disruption.paused };
    },
  },
  '/sim/v1/watches/close': {
    POST: (d) => {
      const closed = d.watches.count();
      d.watches.closeAll();
      return { closed };
    },
  },
  '/sim/v1/watches/expire': {
    POST: async (d, body) => {
      d.faults.expireWatches(parseExpiry(await body()));
      return { pendingWatchExpiries: d.faults.pendingWatchExpiries };
    },
  },
  '/sim/v1/faults': {
    GET: (d) => d.faults.snapshot(),
    PUT: async (d, body) => {
      d.faults.set(parseFaults(await body()));
      return d.faults.snapshot();
    },
    DELETE: (d) => {
      d.faults.clear();
      return d.faults.snapshot();
    },
  },
  '/sim/v1/access': {
    GET: (d) => d.access.snapshot(),
    PUT: async (d, body) => {
      d.access.set(parseAccess(await body()));
      return d.access.snapshot();
    },
    DELETE: (d) => {
      d.access.clear();
      return d.access.snapshot();
    },
  },
  '/sim/v1/reset': {
    POST: async (d, body) => {
      const scenario = parseScenario(await body());
      try {
        await d.reset(scenario);
      } catch (e) {
        throw badRequest(e instanceof Error ? e.message : String(e));
      }
      return { scenario };
    },
  },
};

/** True for the paths {@link handleControl} answers (all of `/sim/…`, 404 included). */
export function isControlPath(pathname: string): boolean {
  return pathname === '/sim' || pathname.startsWith(CONTROL_PREFIX);
}

/**
 * Serves one control request. Errors are `{"error": message}` with 400 (bad input),
 * 404 (unknown path), 405 (wrong method, with `Allow`) or 413 (body over 3 MiB).
 */
export async function handleControl(
  deps: ControlDeps,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  let bodyRead = false;
  const body = async (): Promise<unknown> => {
    bodyRead = true;
    return readJson(req);
  };
  try {
    const methods = ROUTES[pathname];
    if (!methods) throw new ApiError(404, 'NotFound', `no control endpoint at ${pathname}`);
    const handler = methods[req.method as Method];
    if (!handler) {
      const allow = Object.keys(methods).join(', ');
      throw new ApiError(
        405,
        'MethodNotAllowed',
        `${req.method ?? ''} not allowed; use ${allow}`,
        {},
        {
          Allow: allow,
        },
      );
    }
    const result = await handler(deps, body);
    sendJson(res, 200, result);
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', String(e));
    if (res.headersSent) res.destroy();
    else sendJson(res, err.code, { error: err.message }, err.headers);
  } finally {
    // Unread bodies would otherwise stall a keep-alive connection.
    if (!bodyRead) req.resume();
  }
}

/** The current pause, fault and watch state. */
export function controlState(deps: ControlDeps): ControlState {
  const byResource: Record<string, number> = {};
  for (const rt of RESOURCES) {
    const n = deps.watches.count(rt.key);
    if (n > 0) byResource[rt.key] = n;
  }
  return {
    paused: deps.disruption.paused,
    faults: deps.faults.snapshot(),
    watches: { total: deps.watches.count(), byResource },
  };
}

/** The body as JSON whatever its Content-Type, so that a plain `curl -d '{…}'` works. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') throw badRequest('a JSON object body is required');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`invalid JSON: ${(e as Error).message}`);
  }
}

function parseScenario(body: unknown): string {
  const { scenario } = jsonObject(body, ['scenario']);
  if (typeof scenario !== 'string' || scenario === '')
    throw badRequest('scenario must be a non-empty string, e.g. {"scenario": "demo"}');
  return scenario;
}
