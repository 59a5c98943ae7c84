import 'server-only';

/** The JSON body of every error answer of our API: a stable code and a sentence for people. */
export interface ApiErrorBody {
  error: string;
  message: string;
}

/** An error answer `{error, message}` with `status`; never cached. */
export function jsonError(status: number, error: string, message: string): Response {
  const body: ApiErrorBody = { error, message };
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** 404 for a cluster name the registry does not know (the name is only ever looked up). */
export function unknownCluster(name: string): Response {
  return jsonError(404, 'unknown-cluster', `no cluster named ${JSON.stringify(name)}`);
}

/** Route params may arrive percent-encoded; a malformed escape is kept as it is. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
