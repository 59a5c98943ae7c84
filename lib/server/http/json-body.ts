import 'server-only';
import type { z } from 'zod';

/** The largest body read: a request of ours is a few hundred bytes. */
const MAX_BODY_BYTES = 16_384;

/** A parsed request body, or why it was refused. */
export type BodyResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** The media type of a `Content-Type` header, lower-cased, without parameters. */
function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** zod's issues in one line: `field: problem; …`. */
export function issuesText(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Reads a JSON request body (at most 16 KiB) and validates it with `schema`. Only
 * `Content-Type: application/json` is accepted: a `text/plain` or form body is what a
 * cross-site page can send without a preflight.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<BodyResult<z.infer<S>>> {
  const type = mediaType(request.headers.get('content-type'));
  if (type !== 'application/json') {
    return { ok: false, message: `the body must be application/json, not ${JSON.stringify(type)}` };
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return { ok: false, message: `the body is larger than ${MAX_BODY_BYTES} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, message: `invalid body: ${issuesText(parsed.error)}` };
  return { ok: true, value: parsed.data };
}
