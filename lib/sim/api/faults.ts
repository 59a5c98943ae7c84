import type { ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import { ApiError, badRequest, internal } from './errors';
import { sendError } from './http';

/**
 * Fault injection for the Kubernetes paths of the embedded API server: a slow apiserver,
 * failing requests, API Priority and Fairness throttling and expired watches, so that clients'
 * retry, back-off and relist paths can be exercised on demand (reliability-security.md §2).
 */

/** The faults injected into every Kubernetes request. */
export interface FaultConfig {
  /** Milliseconds added before every request is served. */
  latencyMs: number;
  /** Share (0..1) of requests answered with an error Status of {@link FaultConfig.errorCode}. */
  errorRate: number;
  errorCode: 500 | 503;
  /** Share (0..1) of requests refused with API Priority and Fairness's 429. */
  throttleRate: number;
  /** The `Retry-After` of those 429s. */
  retryAfterSeconds: number;
}

/** The fault state as the control API reports it. */
export interface FaultSnapshot extends FaultConfig {
  /** How many of the next watch requests will get an ERROR 410 event. */
  pendingWatchExpiries: number;
}

/** No faults: what `DELETE /sim/v1/faults` restores. */
export const NO_FAULTS: Readonly<FaultConfig> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  errorCode: 500,
  throttleRate: 0,
  retryAfterSeconds: 1,
});

export const MAX_LATENCY_MS = 60_000;
/** APF's Retry-After starts at 1 s and doubles under sustained rejection up to 32 s (dropped_requests_tracker.go). */
export const MAX_RETRY_AFTER_SECONDS = 32;
export const MAX_WATCH_EXPIRIES = 1000;

/**
 * The UIDs APF reports of the FlowSchema and PriorityLevelConfiguration that classified a
 * request. Fixed here (one `global-default` pair), as a real cluster's are fixed per object.
 */
export const FLOW_SCHEMA_UID = '3c5c6a0e-7a0b-4c25-9f6e-0d5e8c1f2a11';
export const PRIORITY_LEVEL_UID = '8f1d2b7c-4e3a-4b9d-a6c2-5e7f9a0b1c22';

/** The body of APF's 429: `http.Error`'s plain text, with Fprintln's newline. */
export const APF_REJECTION_BODY = 'Too many requests, please try again later.\n';

/** The mutable fault state of one embedded cluster. */
export class FaultState {
  private current: FaultConfig = { ...NO_FAULTS };
  private expiries = 0;

  /** @param random a source in [0, 1), injectable so that shares are deterministic in tests. */
  constructor(private readonly random: () => number = Math.random) {}

  get config(): Readonly<FaultConfig> {
    return this.current;
  }

  get pendingWatchExpiries(): number {
    return this.expiries;
  }

  /** Replaces the faults (PUT semantics): fields left out are off. Watch expiries are kept. */
  set(config: Partial<FaultConfig>): void {
    this.current = { ...NO_FAULTS, ...config };
  }

  /** Turns every fault off, pending watch expiries included. */
  clear(): void {
    this.current = { ...NO_FAULTS };
    this.expiries = 0;
  }

  /** The next `count` watch requests get an ERROR 410 event (0 cancels). */
  expireWatches(count: number): void {
    this.expiries = count;
  }

  /** Consumes one pending watch expiry; true when this watch must be answered with 410. */
  takeWatchExpiry(): boolean {
    if (this.expiries <= 0) return false;
    this.expiries--;
    return true;
  }

  /**
   * Draws whether one request is throttled or failed. APF runs before the handler in
   * kube-apiserver's filter chain, so the error share applies to the requests APF let through.
   */
  draw(): 'throttle' | 'error' | undefined {
    const { throttleRate, errorRate } = this.current;
    // Only draw for a share that is on, so that one fault's draws never shift another's.
    if (throttleRate > 0 && this.random() < throttleRate) return 'throttle';
    if (errorRate > 0 && this.random() < errorRate) return 'error';
    return undefined;
  }

  snapshot(): FaultSnapshot {
    return { ...this.current, pendingWatchExpiries: this.expiries };
  }
}

/**
 * Applies the faults to one Kubernetes request before it is routed. `expireWatch` is given
 * for watch requests and answers one with an expired stream. True when the request was
 * answered here.
 */
export async function applyFaults(
  state: FaultState,
  clock: Clock,
  res: ServerResponse,
  expireWatch?: () => void,
): Promise<boolean> {
  const { latencyMs } = state.config;
  if (latencyMs > 0) {
    await new Promise<void>((resolve) => clock.setTimeout(resolve, latencyMs));
    // The client gave up while we were slow: there is nobody left to answer.
    if (res.destroyed) return true;
  }
  if (expireWatch && state.takeWatchExpiry()) {
    expireWatch();
    return true;
  }
  switch (state.draw()) {
    case 'throttle':
      sendApfRejection(res, state.config.retryAfterSeconds);
      return true;
    case 'error':
      sendError(res, injectedError(state.config.errorCode));
      return true;
    default:
      return false;
  }
}

/**
 * Sets the headers APF puts on every request it classifies, served or rejected
 * (priority-and-fairness.go `setResponseHeaders`).
 */
export function setFlowControlHeaders(res: ServerResponse): void {
  res.setHeader('X-Kubernetes-PF-FlowSchema-UID', FLOW_SCHEMA_UID);
  res.setHeader('X-Kubernetes-PF-PriorityLevel-UID', PRIORITY_LEVEL_UID);
}

/**
 * APF's rejection exactly as `tooManyRequests` writes it: `http.Error`, so a plain-text body
 * rather than a Status, with `Retry-After`. client-go retries it after that many seconds.
 */
export function sendApfRejection(res: ServerResponse, retryAfterSeconds: number): void {
  setFlowControlHeaders(res);
  res.writeHead(429, {
    'Cache-Control': 'no-cache, private',
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Retry-After': String(retryAfterSeconds),
    'Content-Length': Buffer.byteLength(APF_REJECTION_BODY),
  });
  res.end(APF_REJECTION_BODY);
}

/** The Status of an injected failure: `errors.NewInternalError` or `errors.NewServiceUnavailable`. */
export function injectedError(code: 500 | 503): ApiError {
  if (code === 500) return internal('injected fault (sim errorRate)');
  return new ApiError(
    503,
    'ServiceUnavailable',
    'the server is currently unable to handle the request (injected fault, sim errorRate)',
  );
}

const FIELDS: readonly (keyof FaultConfig)[] = [
  'latencyMs',
  'errorRate',
  'errorCode',
  'throttleRate',
  'retryAfterSeconds',
];

/** Validates a `PUT /sim/v1/faults` body; 400 BadRequest naming the field otherwise. */
export function parseFaults(body: unknown): Partial<FaultConfig> {
  const obj = jsonObject(body, FIELDS);
  const out: Partial<FaultConfig> = {};
  if (obj.latencyMs !== undefined) out.latencyMs = integer(obj, 'latencyMs', 0, MAX_LATENCY_MS);
  if (obj.errorRate !== undefined) out.errorRate = share(obj, 'errorRate');
  if (obj.throttleRate !== undefined) out.throttleRate = share(obj, 'throttleRate');
  if (obj.errorCode !== undefined) {
    if (obj.errorCode !== 500 && obj.errorCode !== 503)
      throw badRequest(`errorCode must be 500 or 503, got ${JSON.stringify(obj.errorCode)}`);
    out.errorCode = obj.errorCode;
  }
  if (obj.retryAfterSeconds !== undefined) {
    out.retryAfterSeconds = integer(obj, 'retryAfterSeconds', 1, MAX_RETRY_AFTER_SECONDS);
  }
  return out;
}

/** Validates a `POST /sim/v1/watches/expire` body: `{"count": N}`. */
export function parseExpiry(body: unknown): number {
  const obj = jsonObject(body, ['count']);
  if (obj.count === undefined) throw badRequest('count is required');
  return integer(obj, 'count', 0, MAX_WATCH_EXPIRIES);
}

/** A JSON object with only the known fields, or 400. */
export function jsonObject(body: unknown, known: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('the request body must be a JSON object');
  const obj = body as Record<string, unknown>;
  const unknown = Object.keys(obj).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    throw badRequest(`unknown field ${JSON.stringify(unknown)}; known: ${known.join(', ')}`);
  }
  return obj;
}

function integer(obj: Record<string, unknown>, field: string, min: number, max: number): number {
  const v = obj[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badRequest(`${field} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function share(obj: Record<string, unknown>, field: string): number {
  const v = obj[field];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
    throw badRequest(`${field} must be a number from 0 to 1, got ${JSON.stringify(v)}`);
  }
  return v;
}
