import { z } from 'zod';

/**
 * Why the stream is not delivering: the cluster does not exist (404, final), the server
 * answered another error status, the data could not be read, or the server is unreachable.
 */
export interface StreamProblem {
  readonly kind: 'not-found' | 'http' | 'unreadable' | 'unreachable';
  /** The HTTP status, for `not-found` and `http`. */
  readonly status: number | null;
  readonly message: string;
}

/** What a probe of the stream URL found: it answers now, or the problem. */
export type ProbeResult =
  { readonly ok: true } | { readonly ok: false; readonly problem: StreamProblem };

/** The JSON error body of the dashboard's routes. */
const ErrorBodySchema = z.object({ error: z.string(), message: z.string() });

async function errorMessage(res: Response): Promise<string> {
  const body = ErrorBodySchema.safeParse(await res.json().catch(() => null));
  return body.success ? body.data.message : `the server answered ${res.status} ${res.statusText}`;
}

/**
 * An EventSource reports a failed connection only as an `error` event, without the status.
 * This asks the same URL once with fetch to learn why: a 404 means the cluster is unknown (no
 * point retrying), anything else is worth another try. A 200 body is not read.
 */
export async function probeStream(url: string, signal: AbortSignal): Promise<ProbeResult> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'text/event-stream' } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { kind: 'unreachable', status: null, message } };
  }
  if (res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: true };
  }
  const kind = res.status === 404 ? 'not-found' : 'http';
  return { ok: false, problem: { kind, status: res.status, message: await errorMessage(res) } };
}
