/**
 * PATCH bodies, applied the way kube-apiserver's patch handler
 * (k8s.io/apiserver/pkg/endpoints/handlers/patch.go) applies them: JSON patch (RFC 6902, with
 * the semantics of gopkg.in/evanphx/json-patch.v4), JSON merge patch (RFC 7386) and strategic
 * merge patch. Server-side apply is not served: it needs managed fields to be meaningful.
 */

import type { Json, KObject } from '../store/types';
import { ApiError, badRequest, unprocessableEntity, unsupportedMediaType } from './errors';
import { isObject, own, setKey, strategicMergePatch, type JsonObject } from './strategic-merge';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

/**
 * The patch media types served, in the order kube-apiserver's installer lists them. It would
 * add `application/apply-patch+yaml`; we answer that one 415 like any other unknown type.
 */
export const PATCH_TYPES: string[] = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH];

/** patch.go's `maxJSONPatchOperations`. */
const MAX_JSON_PATCH_OPERATIONS = 10000;

/**
 * Applies a PATCH body to the stored object and returns the patched copy; `target` is never
 * mutated and the result shares no structure with it or with `patch`. The media type's
 * parameters (`; charset=utf-8`) are ignored, as patch.go does; an unserved media type is
 * 415 `the body of the request was in an unknown format - accepted media types include: …`.
 *
 * @param kind the target's kind, which decides the strategic merge patch list strategies.
 */
export function applyPatch(
  target: Json | KObject,
  patch: unknown,
  contentType: string,
  kind: string,
): Json {
  const mediaType = (contentType.split(';')[0] ?? '').trim();
  if (!PATCH_TYPES.includes(mediaType)) throw unsupportedMediaType(PATCH_TYPES.join(', '));
  const doc = toJson(target);
  const body = toJson(patch);
  if (mediaType === JSON_PATCH) return applyJsonPatch(doc, body);
  if (mediaType === MERGE_PATCH) {
    // json-patch's MergePatch answers ErrBadJSONPatch for a patch that is not an object.
    if (!isObject(body)) throw badRequest('Invalid JSON Patch');
    return applyMergePatch(doc, body);
  }
  // Go decodes a `null` body into an empty map: a no-op patch.
  if (body === null) return doc;
  if (!isObject(body)) throw badRequest(cannotUnmarshal(body, 'map[string]interface {}'));
  if (!isObject(doc)) throw badRequest('invalid JSON document');
  return strategicMergePatch(doc, body, kind);
}

/**
 * RFC 6902 JSON patch. Every failure to apply an operation (a failed `test`, a path that
 * does not exist, an unknown `op`) is 422 Invalid with kube's fixed message, because patch.go
 * wraps it in `NewGenericServerResponse(422, …)`; a body that is not a list of operations is
 * 400 BadRequest, and more than 10000 operations 413.
 */
export function applyJsonPatch(doc: Json, operations: Json): Json {
  // Go decodes `null` into an empty list of operations.
  if (operations === null) return doc;
  if (!Array.isArray(operations)) {
    throw badRequest(cannotUnmarshal(operations, 'jsonpatch.Patch'));
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new ApiError(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  const ops = operations.map((op): JsonObject => {
    if (op === null) return {};
    if (!isObject(op)) throw badRequest(cannotUnmarshal(op, 'jsonpatch.Operation'));
    return op;
  });
  // Operations edit `doc` in place: it is the caller's private copy, and a failure part way
  // through throws, so no half-patched document escapes.
  return ops.reduce(applyOperation, doc);
}

/** RFC 7386 JSON merge patch: `null` deletes, objects merge recursively, anything else replaces. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setKey(result, key, applyMergePatch(own(result, key) ?? null, value));
  }
  return result;
}

function applyOperation(doc: Json, op: JsonObject): Json {
  const path = pointer(own(op, 'path'));
  switch (own(op, 'op')) {
    case 'add':
      return add(doc, path, valueOf(op));
    case 'remove':
      return remove(doc, path);
    case 'replace':
      return replace(doc, path, valueOf(op));
    case 'move': {
      const from = pointer(own(op, 'from'));
      // RFC 6902 §4.4: a location cannot be moved into one of its children.
      if (from.length < path.length && from.every((t, i) => path[i] === t)) throw rejected();
      const value = get(doc, from);
      return add(remove(doc, from), path, value);
    }
    case 'copy':
      // A copy, not a shared reference: later operations edit the document in place.
      return add(doc, path, toJson(get(doc, pointer(own(op, 'from')))));
    case 'test':
      test(doc, path, own(op, 'value'));
      return doc;
    default:
      throw rejected();
  }
}

/** RFC 6901: `/a~1b/~0c` → `["a/b", "~c"]`; `""` is the whole document. */
function pointer(value: Json | undefined): string[] {
  if (typeof value !== 'string' || (value !== '' && !value.startsWith('/'))) throw rejected();
  if (value === '') return [];
  return value
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueOf(op: JsonObject): Json {
  const value = own(op, 'value');
  if (value === undefined) throw rejected();
  return value;
}

type Container = Json[] | JsonObject;

/** The container holding the last token of `path`: it must already exist. */
function parentOf(doc: Json, path: string[]): { parent: Container; token: string } {
  const token = path[path.length - 1];
  const parent = path.slice(0, -1).reduce<Json>((node, t) => {
    const next = childOf(node, t);
    if (next === undefined) throw rejected();
    return next;
  }, doc);
  if (token === undefined || (!Array.isArray(parent) && !isObject(parent))) throw rejected();
  return { parent, token };
}

function childOf(node: Json, token: string): Json | undefined {
  if (Array.isArray(node)) return node[arrayIndex(token, node.length)];
  return isObject(node) ? own(node, token) : undefined;
}

/**
 * An index into an array of `size` slots as json-patch v4 reads it: `strconv.Atoi`, so leading
 * zeros pass where RFC 6901 would refuse them, and negative indices count from the end
 * (its `SupportNegativeIndices`).
 */
function arrayIndex(token: string, size: number): number {
  if (!/^[+-]?[0-9]+$/.test(token)) throw rejected();
  const raw = Number(token);
  const index = raw < 0 ? raw + size : raw;
  if (index < 0 || index >= size) throw rejected();
  return index;
}

function get(doc: Json, path: string[]): Json {
  if (path.length === 0) return doc;
  const { parent, token } = parentOf(doc, path);
  const value = Array.isArray(parent)
    ? parent[arrayIndex(token, parent.length)]
    : own(parent, token);
  if (value === undefined) throw rejected();
  return value;
}

function add(doc: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const { parent, token } = parentOf(doc, path);
  if (!Array.isArray(parent)) setKey(parent, token, value);
  // An insert may also go one past the end, hence `length + 1` slots.
  else
    parent.splice(token === '-' ? parent.length : arrayIndex(token, parent.length + 1), 0, value);
  return doc;
}

function remove(doc: Json, path: string[]): Json {
  const { parent, token } = parentOf(doc, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(token, parent.length), 1);
  else if (own(parent, token) === undefined) throw rejected();
  else delete parent[token];
  return doc;
}

/**
 * Unlike RFC 6902 §4.3, json-patch v4 replaces a missing object member as if adding it (its
 * `partialDoc.get` does not report missing keys); array elements must exist.
 */
function replace(doc: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const { parent, token } = parentOf(doc, path);
  if (Array.isArray(parent)) parent[arrayIndex(token, parent.length)] = value;
  else setKey(parent, token, value);
  return doc;
}

/**
 * json-patch v4 treats a missing member and `null` alike, on both sides: testing a member
 * that does not exist (in a parent that does) for `null` succeeds.
 */
function test(doc: Json, path: string[], expected: Json | undefined): void {
  let actual: Json | undefined = doc;
  if (path.length > 0) {
    const { parent, token } = parentOf(doc, path);
    actual = Array.isArray(parent) ? parent[arrayIndex(token, parent.length)] : own(parent, token);
  }
  if (!deepEqual(actual ?? null, expected ?? null)) throw rejected();
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i] ?? null));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const other = own(b, k);
    return other !== undefined && deepEqual(a[k] ?? null, other);
  });
}

function rejected(): ApiError {
  return unprocessableEntity();
}

/**
 * A deep, validated copy of a parsed body as `Json`, so that patching can never reach the
 * stored object or the caller's body through a shared reference.
 */
function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) setKey(out, key, toJson(item));
    }
    return out;
  }
  throw badRequest(`error decoding patch: unsupported value ${String(value)}`);
}

/** encoding/json's message for a JSON value of the wrong type, which patch.go answers as 400. */
function cannotUnmarshal(value: Json, goType: string): string {
  const jsonType = Array.isArray(value)
    ? 'array'
    : typeof value === 'boolean'
      ? 'bool'
      : typeof value === 'object'
        ? 'object'
        : typeof value;
  return `json: cannot unmarshal ${jsonType} into Go value of type ${goType}`;
}
