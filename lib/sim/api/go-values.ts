import { goQuote } from './validation';

/**
 * Go's `%#v` of the few structs that field errors print whole (field.Invalid with a struct
 * value), from the JSON the client sent. Pointer addresses cannot be known, so a set pointer
 * prints a fixed `0xc000000000`, and managed fields print as `{…}`.
 */

type Json = Record<string, unknown>;

const str = (v: unknown): string => goQuote(typeof v === 'string' ? v : '');

/** `pkg.Type{Field:"value", …}` for a struct of string fields; `fields` are JSON names. */
export function goStruct(type: string, obj: Json, fields: readonly string[]): string {
  const parts = fields.map((f) => `${f.charAt(0).toUpperCase()}${f.slice(1)}:${str(obj[f])}`);
  return `${type}{${parts.join(', ')}}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** time.Time's GoString; a decoded metav1.Time is in time.Local, the zero one in time.UTC. */
function goTime(v: unknown): string {
  const t = typeof v === 'string' ? new Date(v) : undefined;
  if (t === undefined || Number.isNaN(t.getTime()))
    return 'time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)';
  const month = `time.${MONTHS[t.getUTCMonth()] ?? ''}`;
  const fields = [
    t.getUTCFullYear(),
    month,
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
    t.getUTCMilliseconds() * 1e6,
  ];
  return `time.Date(${fields.join(', ')}, time.Local)`;
}

function goPointer(type: string, v: unknown): string {
  return `(*${type})(${v == null ? 'nil' : '0xc000000000'})`;
}

function goMap(v: unknown): string {
  if (v == null || typeof v !== 'object') return 'map[string]string(nil)';
  const entries = Object.entries(v as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, x]) => `${goQuote(k)}:${str(x)}`).join(', ')}}`;
}

function goSlice(type: string, v: unknown, item: (x: unknown) => string): string {
  if (!Array.isArray(v)) return `[]${type}(nil)`;
  return `[]${type}{${v.map(item).join(', ')}}`;
}

/** Go field names of metav1.OwnerReference's strings, by JSON name. */
const OWNER_STRINGS = [
  ['APIVersion', 'apiVersion'],
  ['Kind', 'kind'],
  ['Name', 'name'],
  ['UID', 'uid'],
] as const;

function goOwnerReference(v: unknown): string {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Json;
  const fields = [
    ...OWNER_STRINGS.map(([goName, json]) => `${goName}:${str(o[json])}`),
    `Controller:${goPointer('bool', o.controller)}`,
    `BlockOwnerDeletion:${goPointer('bool', o.blockOwnerDeletion)}`,
  ];
  return `v1.OwnerReference{${fields.join(', ')}}`;
}

/** `v1.ObjectMeta{Name:"x", …}`, as `metadata: Invalid value: …` prints an ObjectMeta. */
export function goObjectMeta(m: Json): string {
  const generation = typeof m.generation === 'number' ? m.generation : 0;
  const managed = Array.isArray(m.managedFields)
    ? '[]v1.ManagedFieldsEntry{…}'
    : '[]v1.ManagedFieldsEntry(nil)';
  const fields = [
    `Name:${str(m.name)}`,
    `GenerateName:${str(m.generateName)}`,
    `Namespace:${str(m.namespace)}`,
    `SelfLink:${str(m.selfLink)}`,
    `UID:${str(m.uid)}`,
    `ResourceVersion:${str(m.resourceVersion)}`,
    `Generation:${generation}`,
    `CreationTimestamp:${goTime(m.creationTimestamp)}`,
    `DeletionTimestamp:${m.deletionTimestamp == null ? '<nil>' : goTime(m.deletionTimestamp)}`,
    `DeletionGracePeriodSeconds:${goPointer('int64', m.deletionGracePeriodSeconds)}`,
    `Labels:${goMap(m.labels)}`,
    `Annotations:${goMap(m.annotations)}`,
    `OwnerReferences:${goSlice('v1.OwnerReference', m.ownerReferences, goOwnerReference)}`,
    `Finalizers:${goSlice('string', m.finalizers, str)}`,
    `ManagedFields:${managed}`,
  ];
  return `v1.ObjectMeta{${fields.join(', ')}}`;
}

const META_FIELDS = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
] as const;

/**
 * apiequality.Semantic.DeepEqual(metav1.ObjectMeta{}, meta) with managedFields cleared: unset,
 * zero and empty values count as empty, and unknown fields are dropped by the decoder.
 */
export function isEmptyObjectMeta(m: Json): boolean {
  return META_FIELDS.every((key) => {
    const v = m[key];
    if (v == null || v === '' || v === 0) return true;
    if (Array.isArray(v)) return v.length === 0;
    return typeof v === 'object' && Object.keys(v).length === 0;
  });
}
