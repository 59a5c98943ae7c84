import type { KObject, ObjectMeta } from '../store/types';
import type { DeleteOptions } from './deletion';
import { badRequest } from './errors';
import { NAMESPACE_MISMATCH, namespaceMismatch } from './validation';

const EVICTION_VERSIONS = ['policy/v1', 'policy/v1beta1'];

/**
 * Step A of eviction-semantics.md §2: the body decodes as an Eviction in policy/v1 or
 * policy/v1beta1, or untyped (then policy/v1 is assumed); its namespace, if set, must be the
 * URL's. Throws 400 BadRequest with kube-apiserver's messages.
 */
export function decodeEviction(
  body: KObject,
  namespace: string,
): KObject & { deleteOptions?: DeleteOptions } {
  const { apiVersion, kind } = body as { apiVersion?: unknown; kind?: unknown };
  if (apiVersion !== undefined && !EVICTION_VERSIONS.includes(String(apiVersion))) {
    throw badRequest(
      `the API version in the data (${String(apiVersion)}) does not match the expected API version (policy/v1)`,
    );
  }
  if (kind !== undefined && kind !== 'Eviction') {
    throw badRequest(
      `the kind in the data (${String(kind)}) does not match the expected kind (Eviction)`,
    );
  }
  const metadata: unknown = body.metadata ?? {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw badRequest('metadata must be an object');
  }
  const opts = { namespaced: true, nameRule: 'subdomain' as const, requestNamespace: namespace };
  if (namespaceMismatch(metadata as ObjectMeta, opts)) throw badRequest(NAMESPACE_MISMATCH);
  return body;
}
