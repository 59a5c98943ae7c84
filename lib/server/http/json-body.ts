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

/** The refusal of a body of media type `type`. */
function wrongType(type: string): { ok: false; message: string } {
  return { ok: false, message: `the body must be application/json, not ${JSON.stringify(type)}` };
}

/** How {@link readJsonBody} reads a body. */
export interface JsonBodyOptions<T> {
  /** What an empty or blank body is, whatever its `Content-Type`; without it, one is refused. */
  emptyAs?: T;
}

/**
 * The body as text, or null once it is larger than {@link MAX_BODY_BYTES}: no more than that
 * is read, and the rest is cancelled.
 */
async function boundedText(request: Request): Promise<string | null> {
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(chunk.value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Reads a JSON request body (at most 16 KiB: no more of a larger one is read) and validates it
 * with `schema`. Only `Content-Type: application/json` is accepted: a `text/plain` or form body is
 * what a cross-site page can send without a preflight. An empty body is `options.emptyAs` when
 * given.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: JsonBodyOptions<z.infer<S>> = {},
): Promise<BodyResult<z.infer<S>>> {
  const type = mediaType(request.headers.get('content-type'));
  const { emptyAs } = options;
  if (type !== 'application/json' && emptyAs === undefined) return wrongType(type);
  const text = await boundedText(request);
  if (text === null) {
    return { ok: false, message: `the body is larger than ${MAX_BODY_BYTES} bytes` };
  }
  if (emptyAs !== undefined && text.trim() === '') return { ok: true, value: emptyAs };
  if (type !== 'application/json') return wrongType(type);
  return parse(text, schema);
}

/** `text` as JSON, validated with `schema`. */
function parse<S extends z.ZodType>(text: string, schema: S): BodyResult<z.infer<S>> {
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
