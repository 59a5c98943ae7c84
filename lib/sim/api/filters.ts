import {
  fieldLabelError,
  matchesFields,
  parseFieldSelector,
  unsupportedFields,
} from '../store/field-selectors';
import { matchesLabels, parseLabelSelector } from '../store/selectors';
import type { KObject, ResourceType } from '../store/types';
import { badRequest } from './errors';

export type ObjectFilter = (obj: KObject) => boolean;

/**
 * The `labelSelector` and `fieldSelector` of a list or watch as one predicate. Malformed
 * selectors and unsupported field labels are 400 BadRequest, as kube-apiserver answers.
 */
export function filterFromQuery(rt: ResourceType, query: URLSearchParams): ObjectFilter {
  const labelText = query.get('labelSelector') ?? '';
  const fieldText = query.get('fieldSelector') ?? '';
  let labels: ReturnType<typeof parseLabelSelector>;
  let fields: ReturnType<typeof parseFieldSelector>;
  try {
    labels = parseLabelSelector(labelText);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  try {
    fields = parseFieldSelector(fieldText);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  const unknown = unsupportedFields(fields, rt.key);
  if (unknown[0] !== undefined) throw badRequest(fieldLabelError(rt.key, unknown[0]));
  if (labels.length === 0 && fields.length === 0) return () => true;
  return (obj) => matchesLabels(labels, obj.metadata.labels) && matchesFields(fields, obj, rt.key);
}
