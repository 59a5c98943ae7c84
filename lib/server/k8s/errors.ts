import 'server-only';
import { ApiException } from '@kubernetes/client-node';

/**
 * What went wrong talking to a cluster. `status`: the API server answered with an error
 * `Status`; `unreachable` / `timeout`: no answer at all (transport), never given a fake HTTP
 * code; `unknown-cluster`: a name the registry does not know; `config`: the kubeconfig cannot
 * be used; `unknown`: anything else.
 */
export type ClusterErrorKind =
  'status' | 'unreachable' | 'timeout' | 'unknown-cluster' | 'config' | 'unknown';

/** One cause of a Kubernetes `Status` (e.g. `DisruptionBudget` on an eviction's 429). */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/**
 * The parts of a Kubernetes `Status` we keep, with defaults decided here.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#status
 */
export interface KubeStatus {
  /** The HTTP code the server answered with (never invented). */
  code: number;
  /** `NotFound`, `AlreadyExists`, `Conflict`, `TooManyRequests`, … */
  reason: string;
  message: string;
  causes: StatusCause[];
  /** From the `Retry-After` header, else `details.retryAfterSeconds`; undefined if neither. */
  retryAfterSeconds: number | undefined;
}

/** A typed failure of one cluster call; the browser switches on `kind`, never on text. */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';

  constructor(
    readonly kind: ClusterErrorKind,
    readonly cluster: string,
    message: string,
    /** Present exactly when `kind` is `status`. */
    readonly status?: KubeStatus,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The reasons apimachinery gives a non-Status error answer, by code (`NewGenericServerResponse`). */
const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Transport error codes that mean "no answer in time" rather than "nobody there". */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** Socket errors that mean the server could not be reached at all. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/**
 * Turns anything client-node or fetch throws for `cluster` into a {@link ClusterError}.
 * An `ApiException` keeps the server's `Status` (its `.body` is raw text in client-node 1.x,
 * parsed here and nowhere else); a body that is not a `Status` (APF's plain-text 429, a 401
 * without body) gets the reason apimachinery would give its code, as client-go does.
 * An abort is reported as `timeout`: our callers only abort on a deadline.
 */
export function toClusterError(cluster: string, err: unknown): ClusterError {
  if (err instanceof ClusterError) return err;
  if (err instanceof ApiException) return fromApiException(cluster, err);
  const transport = transportKind(err);
  const message = err instanceof Error ? err.message : String(err);
  if (transport !== undefined) {
    return new ClusterError(transport, cluster, `${cluster}: ${message}`, undefined, {
      cause: err,
    });
  }
  return new ClusterError('unknown', cluster, message, undefined, { cause: err });
}

function fromApiException(cluster: string, err: ApiException<unknown>): ClusterError {
  const status = parseStatus(err.code, err.body, err.headers);
  return new ClusterError('status', cluster, status.message, status, { cause: err });
}

/** Reads a `Status` out of a raw body; falls back to the code's generic reason. */
export function parseStatus(
  code: number,
  body: unknown,
  headers: Record<string, string> | undefined,
): KubeStatus {
  const obj = asRecord(typeof body === 'string' ? tryJson(body) : body);
  const isStatus = obj?.['kind'] === 'Status';
  const details = isStatus ? asRecord(obj['details']) : undefined;
  const text = typeof body === 'string' ? body.trim() : '';
  const reason = isStatus ? str(obj['reason']) : '';
  return {
    code,
    reason: reason || (REASON_BY_CODE[code] ?? 'Unknown'),
    message: (isStatus ? str(obj['message']) : '') || text || `the server answered ${code}`,
    causes: isStatus ? parseCauses(details?.['causes']) : [],
    retryAfterSeconds: retryAfter(headers) ?? num(details?.['retryAfterSeconds']),
  };
}

function parseCauses(raw: unknown): StatusCause[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((c: unknown) => {
    const r = asRecord(c);
    return { reason: str(r?.['reason']), message: str(r?.['message']), field: str(r?.['field']) };
  });
}

/** `Retry-After` in seconds (the API server only sends the delta-seconds form). */
function retryAfter(headers: Record<string, string> | undefined): number | undefined {
  if (headers === undefined) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'retry-after');
  const value = key === undefined ? undefined : headers[key];
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/** node-fetch's `FetchError`/`AbortError` and undici's `fetch failed` (code on `.cause`). */
function transportKind(err: unknown): 'unreachable' | 'timeout' | undefined {
  const e = asRecord(err);
  if (e === undefined) return undefined;
  const name = str(e['name']);
  if (name === 'AbortError' || name === 'TimeoutError') return 'timeout';
  if (name === 'FetchError' && e['type'] === 'request-timeout') return 'timeout';
  const code = str(e['code']) || str(asRecord(e['cause'])?.['code']);
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (name === 'FetchError' || NETWORK_CODES.has(code)) return 'unreachable';
  if (err instanceof TypeError && err.message === 'fetch failed') return 'unreachable';
  return undefined;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
