import 'server-only';

import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * Why a list or watch request failed. Transport failures are their own kinds, never fake
 * HTTP codes; an answer from the API server keeps its `Status` code, reason and message, and
 * `tooLargeResourceVersion` when the server has not reached the resourceVersion asked for.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#status-codes
 */
export type ReflectorError =
  | { kind: 'config'; message: string }
  | { kind: 'unreachable'; message: string }
  | ({ kind: 'status'; code: number; retryAfterSeconds?: number } & StatusFields)
  | { kind: 'parse'; message: string };

/** What a reflector keeps of a Kubernetes `Status`. */
export interface StatusFields {
  reason: string;
  message: string;
  /** Present (true) when client-go's `isTooLargeResourceVersionError` holds. */
  tooLargeResourceVersion?: true;
}

/** A value or the reason there is none. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ReflectorError };

/** Wraps a value as a successful {@link Result}. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** Wraps an error as a failed {@link Result}. */
export const fail = <T>(error: ReflectorError): Result<T> => ({ ok: false, error });

/** Builds the request options of `GET path?query` for the kubeconfig's current cluster. */
async function requestOptions(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
): Promise<Result<{ url: URL; opts: https.RequestOptions }>> {
  const server = kc.getCurrentCluster()?.server;
  if (server === undefined) return fail({ kind: 'config', message: 'no current cluster' });
  const url = new URL(server.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const opts: https.RequestOptions = {
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port,
    path: url.pathname + url.search,
    headers: { Accept: 'application/json' },
  };
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (e) {
    return fail({ kind: 'config', message: e instanceof Error ? e.message : String(e) });
  }
  return ok({ url, opts });
}

/**
 * Sends `GET path?query` and resolves with the response once its status is 200, or with a
 * {@link ReflectorError} (the server's `Status` for any other code). No client-side timeout:
 * watches must not have one (kubernetes PR #101108); `signal` ends the request.
 */
export async function openRequest(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
  signal: AbortSignal,
): Promise<Result<IncomingMessage>> {
  const built = await requestOptions(kc, path, query);
  if (!built.ok) return fail(built.error);
  if (signal.aborted) return fail({ kind: 'unreachable', message: 'aborted' });
  const { url, opts } = built.value;
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    const req = send({ ...opts, signal }, (res) => {
      if (res.statusCode === 200) resolve(ok(res));
      else void readBody(res).then((body) => resolve(fail(statusError(res, body))));
    });
    req.on('error', (e) => resolve(fail({ kind: 'unreachable', message: e.message })));
    req.end();
  });
}

/** Reads a whole response body as text; a transport failure is an error value. */
export function readBody(res: IncomingMessage): Promise<Result<string>> {
  return new Promise((resolve) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => resolve(ok(text)));
    res.on('error', (e) => resolve(fail({ kind: 'unreachable', message: e.message })));
    res.on('close', () => {
      if (!res.complete) resolve(fail({ kind: 'unreachable', message: 'response cut short' }));
    });
  });
}

/** Turns a non-200 answer into a `status` error, keeping the Kubernetes `Status` if any. */
function statusError(res: IncomingMessage, body: Result<string>): ReflectorError {
  const code = res.statusCode ?? 0;
  const retryAfter = Number(res.headers['retry-after']);
  const base = {
    kind: 'status' as const,
    code,
    reason: res.statusMessage ?? '',
    message: body.ok ? body.value.trim() : body.error.message,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
  if (!body.ok) return base;
  const status = parseStatus(body.value);
  return status === undefined ? base : { ...base, ...status, code };
}

/** Reads a `Status` object's JSON, if it is one. */
function parseStatus(text: string): (StatusFields & { code?: number }) | undefined {
  try {
    return statusFields(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Reads a `Status` object (as an HTTP body or an `ERROR` watch event carries it).
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/
 */
export function statusFields(value: unknown): (StatusFields & { code?: number }) | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as StatusJson;
  if (s.kind !== 'Status') return undefined;
  const fields = {
    ...(typeof s.code === 'number' ? { code: s.code } : {}),
    reason: typeof s.reason === 'string' ? s.reason : '',
    message: typeof s.message === 'string' ? s.message : '',
  };
  return isTooLargeResourceVersion(fields, s.details)
    ? { ...fields, tooLargeResourceVersion: true }
    : fields;
}

interface StatusJson {
  kind?: unknown;
  code?: unknown;
  reason?: unknown;
  message?: unknown;
  details?: unknown;
}

const TOO_LARGE = 'Too large resource version';

/**
 * client-go's `isTooLargeResourceVersionError`: a cause `ResourceVersionTooLarge`; or, from
 * servers before 1.18.6, a `Timeout` with details whose cause or message says "Too large
 * resource version". The reflector then relists with resourceVersion "", as for 410.
 *
 * @see https://github.com/kubernetes/client-go/blob/master/tools/cache/reflector.go
 */
function isTooLargeResourceVersion(s: StatusFields, details: unknown): boolean {
  if (typeof details !== 'object' || details === null) return false;
  const causes = (details as { causes?: unknown }).causes;
  const list = Array.isArray(causes) ? (causes as { reason?: unknown; message?: unknown }[]) : [];
  if (list.some((c) => c.reason === 'ResourceVersionTooLarge')) return true;
  if (s.reason !== 'Timeout') return false;
  return list.some((c) => c.message === TOO_LARGE) || s.message.includes(TOO_LARGE);
}
