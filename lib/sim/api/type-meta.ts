import type { ResourceType } from '../store/types';
import { apiVersionOf } from '../store/types';
import { badRequest } from './errors';

/**
 * Checks a request body's `apiVersion` and `kind` against the resource it was sent to, as
 * kube-apiserver's decoder does (400 on a mismatch; either may be left out), and fills them in.
 */
export function checkTypeMeta(rt: ResourceType, obj: Record<string, unknown>): void {
  const want = apiVersionOf(rt);
  if (obj.apiVersion !== undefined && obj.apiVersion !== want) {
    throw badRequest(
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${want})`,
    );
  }
  if (obj.kind !== undefined && obj.kind !== rt.kind) {
    throw badRequest(
      `the kind in the data (${String(obj.kind)}) does not match the expected kind (${rt.kind})`,
    );
  }
  obj.apiVersion = want;
  obj.kind = rt.kind;
}

/** The JSON type a Go decoder names in `json: cannot unmarshal <type> into …`. */
export function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/**
 * 400 for a field of the wrong JSON type, as kube-apiserver's decoder reports it: `struct` is
 * the Go struct holding the field, `path` the field's JSON path from the root.
 */
export function wrongType(
  rt: ResourceType,
  v: unknown,
  struct: string,
  path: string,
  goType: string,
): never {
  throw badRequest(
    `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: json: cannot unmarshal ${jsonTypeName(v)} into Go struct field ${struct}.${path} of type ${goType}`,
  );
}
