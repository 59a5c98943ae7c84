import { apiVersionOf, type ResourceType } from '../store/types';
import type { AccessDecision, ResourceAttributes } from './access';
import { invalid, type FieldError } from './errors';
import { goObjectMeta, goStruct, isEmptyObjectMeta } from './go-values';
import { fieldRequired, goQuote } from './validation';
import { checkTypeMeta, wrongType } from './type-meta';

/**
 * `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews` as upstream's REST storage
 * answers it (pkg/registry/authorization/selfsubjectaccessreview/rest.go): decode, validate
 * (pkg/apis/authorization/validation), ask the authorizer, and return the review with its
 * `status`. Nothing is stored.
 */

type Json = Record<string, unknown>;

/** A decoded review: its spec as Go would re-encode it (known fields, empty strings left out). */
export interface AccessReview {
  spec: {
    resourceAttributes?: Json;
    nonResourceAttributes?: Json;
  };
  metadata: Json;
}

const RESOURCE_STRINGS = [
  'namespace',
  'verb',
  'group',
  'version',
  'resource',
  'subresource',
  'name',
] as const;
const SELECTORS = ['fieldSelector', 'labelSelector'] as const;

/** The Go struct holding each object field, and the field's Go type, by JSON path. */
const GO_TYPES: Record<string, [owner: string, goType: string]> = {
  metadata: ['SelfSubjectAccessReview', 'ObjectMeta'],
  status: ['SelfSubjectAccessReview', 'SubjectAccessReviewStatus'],
  spec: ['SelfSubjectAccessReview', 'SelfSubjectAccessReviewSpec'],
  'spec.resourceAttributes': ['SelfSubjectAccessReviewSpec', 'ResourceAttributes'],
  'spec.nonResourceAttributes': ['SelfSubjectAccessReviewSpec', 'NonResourceAttributes'],
  'spec.resourceAttributes.fieldSelector': ['ResourceAttributes', 'FieldSelectorAttributes'],
  'spec.resourceAttributes.labelSelector': ['ResourceAttributes', 'LabelSelectorAttributes'],
};

/** The review's body as the decoder reads it; 400 for a field of the wrong JSON type. */
export function decodeAccessReview(rt: ResourceType, body: Json): AccessReview {
  const obj = { ...body };
  checkTypeMeta(rt, obj);
  struct(rt, obj.status, 'status');
  const spec = struct(rt, obj.spec, 'spec');
  const out: AccessReview = { spec: {}, metadata: struct(rt, obj.metadata, 'metadata') ?? {} };
  const ra = struct(rt, spec?.resourceAttributes, 'spec.resourceAttributes');
  if (ra) out.spec.resourceAttributes = resourceAttributes(rt, ra);
  const path = 'spec.nonResourceAttributes';
  const nra = struct(rt, spec?.nonResourceAttributes, path);
  if (nra) out.spec.nonResourceAttributes = strings(rt, nra, ['path', 'verb'], path);
  return out;
}

function resourceAttributes(rt: ResourceType, ra: Json): Json {
  const out = strings(rt, ra, RESOURCE_STRINGS, 'spec.resourceAttributes');
  for (const key of SELECTORS) {
    const path = `spec.resourceAttributes.${key}`;
    const sel = struct(rt, ra[key], path);
    if (!sel) continue;
    const decoded = strings(rt, sel, ['rawSelector'], path);
    const reqs = sel.requirements;
    if (reqs != null && !Array.isArray(reqs)) {
      const item =
        key === 'fieldSelector' ? 'FieldSelectorRequirement' : 'LabelSelectorRequirement';
      wrongType(rt, reqs, goTypeAt(path)[1], `${path}.requirements`, `[]v1.${item}`);
    }
    if (Array.isArray(reqs) && reqs.length > 0) decoded.requirements = reqs;
    out[key] = decoded;
  }
  return out;
}

function goTypeAt(path: string): [string, string] {
  const found = GO_TYPES[path];
  if (!found) throw new Error(`no Go type for ${path}`);
  return found;
}

/** The object at `path` (null leaves it unset), or 400 for any other JSON type. */
function struct(rt: ResourceType, v: unknown, path: string): Json | undefined {
  if (v == null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) {
    const [owner, goType] = goTypeAt(path);
    wrongType(rt, v, owner, path, `v1.${goType}`);
  }
  return v as Json;
}

/** The string fields of the struct at `path`, empty ones left out as `omitempty` does. */
function strings(rt: ResourceType, from: Json, keys: readonly string[], path: string): Json {
  const out: Json = {};
  for (const key of keys) {
    const v = from[key];
    if (v == null) continue;
    if (typeof v !== 'string') wrongType(rt, v, goTypeAt(path)[1], `${path}.${key}`, 'string');
    if (v !== '') out[key] = v;
  }
  return out;
}

/**
 * ValidateSelfSubjectAccessReview of Kubernetes 1.32: exactly one of resourceAttributes and
 * nonResourceAttributes, well-formed selector attributes, and empty metadata. Errors are a
 * 422 on the internal kind, whose Kind is empty: `.authorization.k8s.io "" is invalid: …`.
 */
export function validateAccessReview(review: AccessReview): void {
  const { resourceAttributes: ra, nonResourceAttributes: nra } = review.spec;
  const errs: FieldError[] = [];
  const nraShown = nra
    ? goStruct('authorization.NonResourceAttributes', nra, ['path', 'verb'])
    : '"null"';
  if (ra && nra) errs.push(invalidRaw('spec.nonResourceAttributes', nraShown, NOT_BOTH));
  if (!ra && !nra) errs.push(invalidRaw('spec.resourceAttributes', nraShown, ONE_OF));
  for (const key of SELECTORS) {
    const sel = ra?.[key] as Json | undefined;
    if (sel) errs.push(...selectorErrors(sel, `spec.resourceAttributes.${key}`));
  }
  if (!isEmptyObjectMeta(review.metadata)) {
    errs.push(invalidRaw('metadata', goObjectMeta(review.metadata), 'must be empty'));
  }
  if (errs.length > 0) throw invalid('', 'authorization.k8s.io', '', errs);
}

const NOT_BOTH = 'cannot be specified in combination with resourceAttributes';
const ONE_OF = 'exactly one of nonResourceAttributes or resourceAttributes must be specified';
const RAW_AND_REQUIREMENTS = 'may not specified at the same time as requirements';

/**
 * validateFieldSelectorAttributes and validateLabelSelectorAttributes, less the rules on each
 * requirement (ValidateFieldSelectorRequirement, ValidateLabelSelectorRequirement).
 */
function selectorErrors(sel: Json, path: string): FieldError[] {
  const raw = typeof sel.rawSelector === 'string' ? sel.rawSelector : '';
  const hasReqs = Array.isArray(sel.requirements);
  if (raw !== '' && hasReqs) {
    return [invalidRaw(`${path}.rawSelector`, goQuote(raw), RAW_AND_REQUIREMENTS)];
  }
  if (raw === '' && !hasReqs) {
    return [
      fieldRequired(
        `${path}.requirements`,
        `when ${path} is specified, requirements or rawSelector is required`,
      ),
    ];
  }
  return [];
}

/** field.Invalid with a value already printed as Go prints it. */
function invalidRaw(field: string, shown: string, detail: string): FieldError {
  return {
    type: 'FieldValueInvalid',
    field,
    message: `${field}: Invalid value: ${shown}: ${detail}`,
  };
}

/** The created review: the request's spec with the authorizer's decision as `status`. */
export function reviewResponse(
  rt: ResourceType,
  review: AccessReview,
  decision: AccessDecision,
): object {
  return {
    kind: rt.kind,
    apiVersion: apiVersionOf(rt),
    metadata: { creationTimestamp: null },
    spec: review.spec,
    status: decision,
  };
}

/** The attributes the authorizer is asked about, or undefined for a non-resource request. */
export function attributesOf(review: AccessReview): ResourceAttributes | undefined {
  return review.spec.resourceAttributes as ResourceAttributes | undefined;
}
