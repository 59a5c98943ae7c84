/**
 * Name and metadata validation with kube-apiserver's exact wording. Sources:
 * k8s.io/apimachinery/pkg/util/validation (DNS names), pkg/api/validate/content (label keys and
 * values), pkg/api/validation/path (path segments), pkg/api/validation/objectmeta.go, and
 * pkg/util/validation/field (how a field.Error prints). Clients show these strings verbatim,
 * so they are copied rather than paraphrased.
 */
import type { ObjectMeta } from '../store/types';
import type { FieldError } from './errors';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const dns1123Label = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const dns1123Subdomain = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const labelKeyName = new RegExp(`^${LABEL_KEY_FMT}$`);
const labelValue = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** Upstream's TotalAnnotationSizeLimitB: keys plus values, 256 KiB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const utf8 = new TextEncoder();
/** Go's len(): limits are in bytes, which differs from `.length` for non-ASCII text. */
function byteLength(s: string): number {
  return utf8.encode(s).length;
}

/** validation.MaxLenError. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** validation.RegexError, including its odd `',  or '` spacing between examples. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  const shown = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

/** IsDNS1123Label: at most 63 characters of `[a-z0-9-]`, alphanumeric at both ends. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!dns1123Label.test(value)) {
    // A valid subdomain that is not a valid label can only be failing on its dots.
    errs.push(
      dns1123Subdomain.test(value)
        ? 'must not contain dots'
        : regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'),
    );
  }
  return errs;
}

/** IsDNS1123Subdomain: at most 253 characters, dot-separated RFC 1123 labels. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!dns1123Subdomain.test(value)) {
    errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

/** IsQualifiedName (content.IsLabelKey): `[prefix/]name`, prefix a DNS subdomain, name ≤ 63. */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/');
  const errs: string[] = [];
  let name = parts[0] ?? '';
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix === '') errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else if (parts.length > 2) {
    const shape = regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc');
    return [
      `a valid label key ${shape} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!labelKeyName.test(name)) {
    errs.push(
      `name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`,
    );
  }
  return errs;
}

/** IsValidLabelValue: empty, or ≤ 63 characters shaped like a label key's name part. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!labelValue.test(value)) {
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/** path.IsValidPathSegmentName: the name must survive being one URL path segment. */
export function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return isValidPathSegmentPrefix(name);
}

/** path.IsValidPathSegmentPrefix: as above, minus the exact `.`/`..` check (a suffix follows). */
export function isValidPathSegmentPrefix(name: string): string[] {
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/** Go's `%q` for the ASCII range, as field.Error prints a string bad value. */
export function goQuote(s: string): string {
  const named: Record<string, string> = {
    '"': '\\"',
    '\\': '\\\\',
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
  };
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const esc = named[ch];
    if (esc !== undefined) out += esc;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

function withDetail(body: string, detail: string): string {
  return detail === '' ? body : `${body}: ${detail}`;
}

/** field.Invalid: `<field>: Invalid value: "<value>": <detail>`. */
export function fieldInvalid(field: string, value: string | number, detail: string): FieldError {
  const shown = typeof value === 'string' ? goQuote(value) : String(value);
  const message = withDetail(`${field}: Invalid value: ${shown}`, detail);
  return { type: 'FieldValueInvalid', field, message };
}

/** field.Required: `<field>: Required value[: <detail>]` (the value is never printed). */
export function fieldRequired(field: string, detail = ''): FieldError {
  return {
    type: 'FieldValueRequired',
    field,
    message: withDetail(`${field}: Required value`, detail),
  };
}

/** field.TooLong: `<field>: Too long: must have at most <n> bytes` (the value is never printed). */
export function fieldTooLong(field: string, maxBytes: number): FieldError {
  const message = `${field}: Too long: must have at most ${maxBytes} bytes`;
  return { type: 'FieldValueTooLong', field, message };
}

/** Which name rule a resource's strategy applies; `path` is for kinds with no DNS rule (RBAC). */
export type NameRule = 'label' | 'subdomain' | 'path';

export interface MetaValidationOptions {
  namespaced: boolean;
  nameRule: NameRule;
  /** The namespace in the URL; an object without one is created there (BeforeCreate). */
  requestNamespace?: string;
}

/** apimachinery's maskTrailingDash: a generateName may end in `-`, the suffix follows it. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

function nameMessages(name: string, rule: NameRule, prefix: boolean): string[] {
  if (rule === 'path')
    return prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name);
  const masked = prefix ? maskTrailingDash(name) : name;
  return rule === 'label' ? isDNS1123Label(masked) : isDNS1123Subdomain(masked);
}

function invalidEach(field: string, value: string, messages: string[]): FieldError[] {
  return messages.map((m) => fieldInvalid(field, value, m));
}

function sortedEntries(map: Record<string, string> | undefined): [string, string][] {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function labelErrors(labels: Record<string, string> | undefined): FieldError[] {
  return sortedEntries(labels).flatMap(([k, v]) => [
    ...invalidEach('metadata.labels', k, isQualifiedName(k)),
    ...invalidEach('metadata.labels', v, isValidLabelValue(v)),
  ]);
}

function annotationErrors(annotations: Record<string, string> | undefined): FieldError[] {
  const entries = sortedEntries(annotations);
  // Annotation keys are qualified names except that case does not matter (ValidateAnnotations).
  const errs = entries.flatMap(([k]) =>
    invalidEach('metadata.annotations', k, isQualifiedName(k.toLowerCase())),
  );
  const size = entries.reduce((n, [k, v]) => n + byteLength(k) + byteLength(v), 0);
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push(fieldTooLong('metadata.annotations', TOTAL_ANNOTATION_SIZE_LIMIT));
  }
  return errs;
}

/**
 * ValidateObjectMeta as BeforeCreate runs it: the strategy's name rule, namespace (a DNS-1123
 * label, or the request's), generation, labels, annotations, finalizers; then, only when all
 * of that passed, the path-segment rule every resource's name obeys. A cluster-scoped object's
 * namespace is not reported: upstream silently clears it before validating.
 */
export function validateObjectMeta(meta: ObjectMeta, opts: MetaValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const name = meta.name ?? '';
  const generateName = meta.generateName ?? '';
  if (generateName !== '') {
    errs.push(
      ...invalidEach(
        'metadata.generateName',
        generateName,
        nameMessages(generateName, opts.nameRule, true),
      ),
    );
  }
  if (name !== '') {
    errs.push(...invalidEach('metadata.name', name, nameMessages(name, opts.nameRule, false)));
  } else if (generateName === '') {
    errs.push(fieldRequired('metadata.name', 'name or generateName is required'));
  }
  if (opts.namespaced) {
    // An empty string is "unset" on the wire, so `||` (not `??`) is the right fallback.
    const ns = meta.namespace || opts.requestNamespace || '';
    if (ns === '') errs.push(fieldRequired('metadata.namespace'));
    else errs.push(...invalidEach('metadata.namespace', ns, isDNS1123Label(ns)));
  }
  const generation = meta.generation ?? 0;
  if (generation < 0) {
    errs.push(
      fieldInvalid('metadata.generation', generation, 'must be greater than or equal to 0'),
    );
  }
  errs.push(...labelErrors(meta.labels), ...annotationErrors(meta.annotations));
  for (const f of meta.finalizers ?? []) {
    errs.push(...invalidEach('metadata.finalizers', f, isQualifiedName(f)));
  }
  if (errs.length === 0 && name !== '') {
    errs.push(...invalidEach('metadata.name', name, isValidPathSegmentName(name)));
  }
  return errs;
}

/** EnsureObjectNamespaceMatchesRequestNamespace's 400 BadRequest message. */
export const NAMESPACE_MISMATCH =
  'the namespace of the provided object does not match the namespace sent on the request';

/** True when a namespaced object names a namespace other than the URL's (a 400, not a 422). */
export function namespaceMismatch(meta: ObjectMeta, opts: MetaValidationOptions): boolean {
  const own = meta.namespace ?? '';
  const url = opts.requestNamespace ?? '';
  return opts.namespaced && own !== '' && url !== '' && own !== url;
}
