/**
 * Kubernetes strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch, as
 * `StrategicMergeMapPatch` runs it server-side) for the built-in kinds the embedded cluster
 * serves. It is JSON merge patch, except that lists whose Go field carries
 * `patchStrategy:"merge"` merge element by element on their `patchMergeKey`, and that the
 * `$patch`, `$retainKeys`, `$setElementOrder/…` and `$deleteFromPrimitiveList/…` directives
 * kubectl sends are honoured. Kube reads the strategies off Go struct tags; we have no Go
 * types, so {@link PATCH_MERGE_KEYS} lists them by field path instead.
 */

import type { Json } from '../store/types';
import { ApiError, badRequest, unprocessableEntity } from './errors';

export type JsonObject = { [key: string]: Json };

/** One list field with `patchStrategy:"merge"`, found by the tail of its field path. */
export interface MergeKeyRule {
  /** Dotted field path suffix; list elements add no segment (`containers.ports`). */
  suffix: string;
  /** The `patchMergeKey`; `''` for a list of primitives merged as a set. */
  mergeKey: string;
  /** Only for these kinds; for every kind when absent. */
  kinds?: readonly string[];
}

/**
 * The `patchStrategy:"merge"` lists of k8s.io/api, keyed by path suffix so that one row
 * covers a Pod's `spec.containers` and a Deployment's `spec.template.spec.containers`.
 * Every list not matched here is atomic: a patch replaces it whole (e.g. `tolerations`,
 * `status.containerStatuses`, node `spec.taints`).
 */
export const PATCH_MERGE_KEYS: readonly MergeKeyRule[] = [
  { suffix: 'metadata.finalizers', mergeKey: '' },
  { suffix: 'metadata.ownerReferences', mergeKey: 'uid' },
  { suffix: 'spec.containers', mergeKey: 'name' },
  { suffix: 'spec.initContainers', mergeKey: 'name' },
  { suffix: 'spec.ephemeralContainers', mergeKey: 'name' },
  { suffix: 'containers.ports', mergeKey: 'containerPort' },
  { suffix: 'containers.env', mergeKey: 'name' },
  { suffix: 'containers.volumeMounts', mergeKey: 'mountPath' },
  { suffix: 'containers.volumeDevices', mergeKey: 'devicePath' },
  { suffix: 'initContainers.ports', mergeKey: 'containerPort' },
  { suffix: 'initContainers.env', mergeKey: 'name' },
  { suffix: 'initContainers.volumeMounts', mergeKey: 'mountPath' },
  { suffix: 'initContainers.volumeDevices', mergeKey: 'devicePath' },
  { suffix: 'spec.volumes', mergeKey: 'name' },
  { suffix: 'spec.imagePullSecrets', mergeKey: 'name' },
  { suffix: 'spec.hostAliases', mergeKey: 'ip' },
  { suffix: 'spec.topologySpreadConstraints', mergeKey: 'topologyKey' },
  { suffix: 'spec.schedulingGates', mergeKey: 'name' },
  { suffix: 'spec.resourceClaims', mergeKey: 'name' },
  { suffix: 'status.conditions', mergeKey: 'type' },
  { suffix: 'status.podIPs', mergeKey: 'ip', kinds: ['Pod'] },
  { suffix: 'status.hostIPs', mergeKey: 'ip', kinds: ['Pod'] },
  { suffix: 'status.addresses', mergeKey: 'type', kinds: ['Node'] },
  { suffix: 'spec.ports', mergeKey: 'port', kinds: ['Service'] },
];

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

// mergepatch's sentinel errors, which interpretStrategicMergePatchError answers as 400.
const BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
const BAD_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';

/** Where a value sits: the object's kind and the field path (list elements add nothing). */
interface Place {
  kind: string;
  path: readonly string[];
}

/**
 * The merge key of the list at `path` in a `kind`: a key for lists of objects, `''` for a
 * primitive list merged as a set, `undefined` for an atomic list (replaced whole).
 */
export function listMergeKey(kind: string, path: readonly string[]): string | undefined {
  const rule = PATCH_MERGE_KEYS.find(
    (r) => (r.kinds === undefined || r.kinds.includes(kind)) && endsWith(path, r.suffix.split('.')),
  );
  return rule?.mergeKey;
}

/**
 * Applies a strategic merge patch to `original` (which it may reuse: pass a private copy).
 * Errors carry the codes kube-apiserver's `interpretStrategicMergePatchError` gives them.
 */
export function strategicMergePatch(
  original: JsonObject,
  patch: JsonObject,
  kind: string,
): JsonObject {
  return mergeMap(original, patch, { kind, path: [] });
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own member `key`: never an inherited one such as `__proto__` or `constructor`. */
export function own(obj: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Sets `key` as an own data member, even `__proto__`, which plain assignment would not. */
export function setKey(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function endsWith(path: readonly string[], suffix: readonly string[]): boolean {
  const offset = path.length - suffix.length;
  return offset >= 0 && suffix.every((segment, i) => path[offset + i] === segment);
}

function mergeMap(original: JsonObject | undefined, patch: JsonObject, at: Place): JsonObject {
  const directive = own(patch, DIRECTIVE);
  if (directive !== undefined) return mapDirective(directive, patch, at);
  const result: JsonObject = original === undefined ? {} : { ...original };
  retainKeys(result, patch);
  const ordered = applyElementOrder(result, patch, at);
  for (const [key, value] of Object.entries(patch)) {
    if (key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER) || ordered.has(key)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) deleteFromPrimitiveList(result, key, value);
    else if (value === null) delete result[key];
    else setKey(result, key, mergeValue(own(result, key), value, child(at, key)));
  }
  return result;
}

function child(at: Place, key: string): Place {
  return { kind: at.kind, path: [...at.path, key] };
}

/** `$patch` on a map: `replace` keeps only the patch's own fields, `delete` empties it. */
function mapDirective(directive: Json, patch: JsonObject, at: Place): JsonObject {
  if (directive === 'delete') return {};
  if (directive !== 'replace') throw unknownPatchType(directive, patch);
  const rest: JsonObject = { ...patch };
  delete rest[DIRECTIVE];
  return mergeMap(undefined, rest, at);
}

function mergeValue(original: Json | undefined, patch: Json, at: Place): Json {
  if (isObject(patch)) return mergeMap(isObject(original) ? original : undefined, patch, at);
  if (!Array.isArray(patch)) return patch;
  const mergeKey = listMergeKey(at.kind, at.path);
  if (mergeKey === undefined) return patch;
  // Kube stores a list the original lacks as sent; we only drop the directives from it.
  return Array.isArray(original) ? mergeList(original, patch, mergeKey, at) : newList(patch, at);
}

function newList(patch: Json[], at: Place): Json[] {
  return patch
    .filter((item) => !(isObject(item) && own(item, DIRECTIVE) !== undefined))
    .map((item) => (isObject(item) ? mergeMap(undefined, item, at) : item));
}

/** kube's `mergeSlice`: sets for primitives, by merge key for objects, then reordered. */
function mergeList(original: Json[], patch: Json[], mergeKey: string, at: Place): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  if (elementKind(original, patch) === 'scalar') {
    const merged = [...new Set([...original, ...patch])];
    return orderLike(merged, patch, original, '');
  }
  if (mergeKey === '') throw unconverted('cannot merge lists without merge key for type map');
  const { base, items } = listDirectives(original, patch as JsonObject[], mergeKey, at);
  const merged = [...base];
  for (const item of items) {
    const value = requireKey(item, mergeKey);
    const i = merged.findIndex((m) => keyOf(m, mergeKey) === value);
    const existing = merged[i];
    if (isObject(existing)) merged[i] = mergeMap(existing, item, at);
    else merged.push(mergeMap(undefined, item, at));
  }
  return orderLike(merged, items, base, mergeKey);
}

/** `$patch` elements of a keyed list: `delete` removes by key, `replace` drops the live list. */
function listDirectives(
  original: Json[],
  patch: JsonObject[],
  mergeKey: string,
  at: Place,
): { base: Json[]; items: JsonObject[] } {
  let base = original;
  let replace = false;
  const items: JsonObject[] = [];
  for (const item of patch) {
    const directive = own(item, DIRECTIVE);
    if (directive === undefined) {
      items.push(item);
    } else if (directive === 'delete') {
      const value = requireKey(item, mergeKey);
      base = base.filter((b) => keyOf(b, mergeKey) !== value);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw unconverted('merging lists cannot yet be specified in the patch');
    } else {
      throw unknownPatchType(directive, item);
    }
  }
  if (replace) return { base: items.map((item) => mergeMap(undefined, item, at)), items: [] };
  return { base, items };
}

/** Lists must hold one JSON type; lists of lists are rejected as `ErrNoListOfLists` (422). */
function elementKind(...lists: Json[][]): 'map' | 'scalar' {
  let seen: string | undefined;
  for (const item of lists.flat()) {
    if (Array.isArray(item)) throw unprocessableEntity();
    const kind = item === null ? 'null' : typeof item;
    if (seen !== undefined && seen !== kind) {
      throw unconverted(`list element types are not identical: ${goFormat(lists)}`);
    }
    seen = kind;
  }
  return seen === 'object' ? 'map' : 'scalar';
}

/**
 * kube's `normalizeElementOrder`: the items named in `order` keep that order, the others keep
 * their live order, and the two are interleaved by their positions in the live list.
 */
function orderLike(merged: Json[], order: Json[], live: Json[], mergeKey: string): Json[] {
  const named = merged.filter((item) => indexIn(order, item, mergeKey) >= 0);
  const serverOnly = merged.filter((item) => indexIn(order, item, mergeKey) < 0);
  const right = sortBy(named, order, mergeKey);
  const left = sortBy(serverOnly, live, mergeKey);
  // mergeSortedSlice: a server-only item goes first only while both sit in the live list
  // and it comes earlier there; otherwise the patch's item wins the slot.
  const out: Json[] = [];
  let i = 0;
  for (const r of right) {
    const ri = indexIn(live, r, mergeKey);
    for (let l = left[i]; l !== undefined; l = left[++i]) {
      const li = indexIn(live, l, mergeKey);
      if (ri < 0 || li < 0 || li > ri) break;
      out.push(l);
    }
    out.push(r);
  }
  return out.concat(left.slice(i));
}

function sortBy(items: Json[], order: Json[], mergeKey: string): Json[] {
  const rank = (item: Json): number => {
    const i = indexIn(order, item, mergeKey);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  // `|| 0`: two unranked items give Infinity - Infinity, NaN, which must read as "equal".
  return [...items].sort((a, b) => rank(a) - rank(b) || 0);
}

function indexIn(list: Json[], item: Json, mergeKey: string): number {
  if (mergeKey === '') return list.indexOf(item);
  const value = keyOf(item, mergeKey);
  return list.findIndex((candidate) => keyOf(candidate, mergeKey) === value);
}

function keyOf(item: Json | undefined, mergeKey: string): Json | undefined {
  return isObject(item) ? own(item, mergeKey) : undefined;
}

function requireKey(item: Json, mergeKey: string): Json {
  const value = keyOf(item, mergeKey);
  if (value === undefined) {
    throw unconverted(`map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`);
  }
  return value;
}

/**
 * `$retainKeys`: every field the patch sets must be listed (else 400), and fields of the
 * original that are not listed are cleared, e.g. `rollingUpdate` when a Deployment's
 * `strategy` switches to `Recreate`.
 */
function retainKeys(result: JsonObject, patch: JsonObject): void {
  const keep = own(patch, RETAIN_KEYS);
  if (keep === undefined) return;
  if (!Array.isArray(keep)) throw badRequest(BAD_RETAIN_KEYS);
  const allowed = new Set<Json>(keep);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key === RETAIN_KEYS || isParallelList(key)) continue;
    if (!allowed.has(key)) throw badRequest(BAD_RETAIN_KEYS);
  }
  for (const key of Object.keys(result)) if (!allowed.has(key)) delete result[key];
}

function isParallelList(key: string): boolean {
  return key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER);
}

/**
 * `$deleteFromPrimitiveList/<field>` removes those values from a primitive merge list, as
 * `kubectl apply` does to drop a finalizer. Kube's quirks for a missing or atomic list
 * (storing the deletion list itself) are not reproduced: nothing is deleted then.
 */
function deleteFromPrimitiveList(result: JsonObject, key: string, values: Json): void {
  const field = directiveField(key, DELETE_FROM_PRIMITIVE_LIST, BAD_PRIMITIVE_LIST);
  if (!Array.isArray(values)) throw badRequest(BAD_PRIMITIVE_LIST);
  const current = own(result, field);
  if (!Array.isArray(current)) return;
  const kept = current.filter((v) => !values.includes(v));
  setKey(result, field, kept);
}

/**
 * `$setElementOrder/<field>`: merges that field's list now (kube's `mergePatchIntoOriginal`)
 * and orders it as listed, server-only items interleaved. Returns the fields it handled.
 */
function applyElementOrder(result: JsonObject, patch: JsonObject, at: Place): Set<string> {
  const handled = new Set<string>();
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const field = directiveField(key, SET_ELEMENT_ORDER, BAD_ELEMENT_ORDER);
    const place = child(at, field);
    const mergeKey = listMergeKey(at.kind, place.path);
    // kubectl only sends the directive for merge lists; on an atomic list it means nothing.
    if (mergeKey === undefined) continue;
    const live = own(result, field);
    const patchList = own(patch, field);
    if (live === undefined && patchList === undefined) continue;
    const list = (value: Json | undefined): Json[] => {
      if (value === undefined || Array.isArray(value)) return value ?? [];
      throw unconverted(`expected a []interface {}, but received a ${goType(value)}`);
    };
    checkElementOrder(list(patchList), list(order), mergeKey);
    let merged = list(live);
    if (patchList !== undefined) {
      merged =
        live === undefined
          ? newList(list(patchList), place)
          : mergeList(merged, list(patchList), mergeKey, place);
    }
    setKey(result, field, orderLike(merged, list(order), list(live), mergeKey));
    handled.add(field);
  }
  return handled;
}

/** kube's `validatePatchWithSetOrderList`: the patch list must follow the given order. */
function checkElementOrder(patchList: Json[], order: Json[], mergeKey: string): void {
  if (mergeKey !== '') order.forEach((item) => requireKey(item, mergeKey));
  if (order.length === 0 || patchList.length === 0) return;
  const items = patchList.filter((item) => !(isObject(item) && own(item, DIRECTIVE) === 'delete'));
  let p = 0;
  for (const wanted of order) {
    let item = items[p];
    while (isObject(item) && own(item, DIRECTIVE) !== undefined) item = items[++p];
    if (item === undefined) return;
    const same =
      mergeKey === '' ? item === wanted : requireKey(item, mergeKey) === keyOf(wanted, mergeKey);
    if (same) p++;
  }
  if (p < items.length) {
    throw unconverted(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`,
    );
  }
}

/** The field a parallel-list directive names: `$setElementOrder/containers` → `containers`. */
function directiveField(key: string, prefix: string, formatError: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw badRequest(formatError);
  return key.slice(slash + 1);
}

function unknownPatchType(directive: Json, map: JsonObject): ApiError {
  return unconverted(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(map)}`);
}

/**
 * A plain Go error out of the strategicpatch package: `interpretStrategicMergePatchError`
 * passes it through and `ErrorToAPIStatus` answers it as 500 with no reason.
 */
function unconverted(message: string): ApiError {
  return new ApiError(500, undefined, message);
}

/** A value as Go's `%v` prints the decoded JSON, so error messages read like kube's. */
function goFormat(value: Json): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map((v) => goFormat(v)).join(' ')}]`;
  if (typeof value !== 'object') return String(value);
  const keys = Object.keys(value).sort();
  return `map[${keys.map((k) => `${k}:${goFormat(value[k] ?? null)}`).join(' ')}]`;
}

function goType(value: Json): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'object') return 'map[string]interface {}';
  return typeof value === 'number' ? 'float64' : typeof value;
}
