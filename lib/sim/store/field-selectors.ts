import { goQuote } from '../api/validation';
import type { KObject } from './types';

/** Field selectors (k8s.io/apimachinery/pkg/fields) and the field labels each resource supports. */

export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  value: string;
}

/** fields.splitTerms: split on commas that are not backslash-escaped (escapes are kept). */
function splitTerms(s: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  return s === '' ? [] : [...terms, s.slice(start)];
}

/** fields.UnescapeValue: `\\`, `\,` and `\=` are the only escapes; a bare `,`/`=` is refused. */
function unescapeValue(s: string): string {
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (!'\\,='.includes(c))
        throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') inSlash = true;
    // Go prints the offending rune with %v, i.e. as its code point number.
    else if (c === ',' || c === '=')
      throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/**
 * fields.ParseSelector: comma-separated `field=value`, `field==value`, `field!=value`; the key
 * splits at the first operator and the value may escape `\`, `,` and `=` with a backslash.
 */
export function parseFieldSelector(s: string): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  for (const term of splitTerms(s).sort()) {
    if (term === '') continue;
    // Leftmost operator wins, `!=` and `==` before `=` at the same spot (fields.splitTerm).
    const op = /!=|==|=/.exec(term);
    if (op === null) throw new Error(`invalid selector: '${s}'; can't understand '${term}'`);
    const operator = op[0] as FieldRequirement['operator'];
    const value = unescapeValue(term.slice(op.index + operator.length));
    reqs.push({ field: term.slice(0, op.index), operator, value });
  }
  return reqs;
}

/** The scalar at a dotted path (`spec.nodeName`, `status.podIPs.0.ip`) as a string, if any. */
export function fieldValue(obj: KObject, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' || typeof cur === 'number' || typeof cur === 'boolean'
    ? String(cur)
    : undefined;
}

type Extract = (o: KObject) => string;
/** A selectable field; absent values read as `fallback`, like the zero value of a Go field. */
const at =
  (path: string, fallback = ''): Extract =>
  (o) =>
    fieldValue(o, path) ?? fallback;
const META = {
  'metadata.name': at('metadata.name'),
  'metadata.namespace': at('metadata.namespace'),
};
const podIP: Extract = (o) => fieldValue(o, 'status.podIPs.0.ip') ?? at('status.podIP')(o);

/**
 * Field labels of resources that register a conversion func (pkg/apis/core/v1/conversion.go)
 * with the values their GetAttrs selects. Nodes and namespaces upstream accept no
 * `metadata.namespace`; booleans read "false" when unset, as strconv.FormatBool prints them.
 */
const REGISTERED: Record<string, Record<string, Extract>> = {
  pods: {
    ...META,
    'spec.nodeName': at('spec.nodeName'),
    // Old clients send spec.host; the conversion func rewrites it to spec.nodeName.
    'spec.host': at('spec.nodeName'),
    'spec.restartPolicy': at('spec.restartPolicy'),
    'spec.schedulerName': at('spec.schedulerName'),
    'spec.serviceAccountName': at('spec.serviceAccountName'),
    'spec.hostNetwork': at('spec.hostNetwork', 'false'),
    'status.phase': at('status.phase'),
    'status.podIP': podIP,
    // Accepted by the conversion func but absent from the selectable set: always "".
    'status.podIPs': () => '',
    'status.nominatedNodeName': at('status.nominatedNodeName'),
  },
  nodes: {
    'metadata.name': at('metadata.name'),
    'spec.unschedulable': at('spec.unschedulable', 'false'),
  },
  namespaces: { 'metadata.name': at('metadata.name'), 'status.phase': at('status.phase') },
  services: { ...META, 'spec.clusterIP': at('spec.clusterIP'), 'spec.type': at('spec.type') },
  events: {
    ...META,
    ...Object.fromEntries(
      ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'].map(
        (f) => [`involvedObject.${f}`, at(`involvedObject.${f}`)],
      ),
    ),
    reason: at('reason'),
    reportingComponent: at('reportingController'),
    // events.ToSelectableFields: source.component, else the reporting controller.
    source: (o) => fieldValue(o, 'source.component') || at('reportingController')(o),
    type: at('type'),
  },
};

/** Own-property lookups only: a label such as `constructor` must not reach Object.prototype. */
function selectable(resource: string): Record<string, Extract> {
  return (Object.hasOwn(REGISTERED, resource) ? REGISTERED[resource] : undefined) ?? META;
}

/** The field paths a resource cannot select on (in parse order), for a 400 BadRequest. */
export function unsupportedFields(reqs: readonly FieldRequirement[], resource: string): string[] {
  const known = selectable(resource);
  return reqs.map((r) => r.field).filter((f) => !Object.hasOwn(known, f));
}

/**
 * The message of the 400 for an unsupported field label: a registered conversion func says
 * `field label not supported: <label>`, DefaultMetaV1FieldSelectorConversion says otherwise.
 */
export function fieldLabelError(resource: string, label: string): string {
  return Object.hasOwn(REGISTERED, resource)
    ? `field label not supported: ${label}`
    : `${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

/** Whether `obj` of `resource` satisfies every requirement; missing values compare as "". */
export function matchesFields(
  reqs: readonly FieldRequirement[],
  obj: KObject,
  resource: string,
): boolean {
  const known = selectable(resource);
  return reqs.every((r) => {
    const get = Object.hasOwn(known, r.field) ? known[r.field] : undefined;
    const value = get === undefined ? '' : get(obj);
    return r.operator === '!=' ? value !== r.value : value === r.value;
  });
}
