/**
 * Total readers over the loosely typed `spec`/`status` JSON. Missing or mistyped fields read
 * as Go's zero values, because that is what upstream's printers see after decoding.
 */

export type JsonObject = Record<string, unknown>;

/** The value as an object, or `{}`. */
export function rec(v: unknown): JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {};
}

/** The value as a list of objects, or `[]`. */
export function list(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.map(rec) : [];
}

/** The value as a string, or `''`. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The value as an integer, or `0`. */
export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

/** The value as an integer, or `fallback` when unset (a Go `*int32` that defaulting fills). */
export function intOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : fallback;
}

/** The value as a list of strings, dropping anything else. */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** The value as a string map, dropping non-string values. */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(rec(v))) if (typeof val === 'string') out[k] = val;
  return out;
}

/** Whether a pointer field is set (neither absent nor null). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Go's zero `time.Time`, which some clients send instead of omitting the field. */
const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/** A `metav1.Time`/`MicroTime` as epoch ms, or undefined where Go's `IsZero()` would hold. */
export function timeMs(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) || ms === GO_ZERO_TIME ? undefined : ms;
}
