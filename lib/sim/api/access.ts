import { badRequest } from './errors';
import { jsonObject } from './faults';

/**
 * Who may do what, as the embedded cluster answers SelfSubjectAccessReviews. It has no
 * authorizer: every request is allowed, unless the control API (`PUT /sim/v1/access`) lists
 * deny rules, which then change the reviews' answers only, never the requests themselves.
 */

/** One denied permission: a review whose resource attributes match it is answered "no". */
export interface DenyRule {
  verb: string;
  resource: string;
  /** `eviction`, `status`; absent means the resource itself. */
  subresource?: string;
  /** Absent matches every group. */
  group?: string;
  /** Absent matches every namespace. */
  namespace?: string;
}

/** A review's `spec.resourceAttributes`, as the embedded cluster reads it. */
export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
}

/** `status` of a SubjectAccessReview (authorization.k8s.io/v1 SubjectAccessReviewStatus). */
export interface AccessDecision {
  allowed: boolean;
  reason: string;
}

export const ALLOWED_REASON = 'drainboard-sim: every request is allowed';
export const DENIED_REASON = 'drainboard-sim: denied by a rule of PUT /sim/v1/access';

/** The deny rules, set and cleared through the control API. */
export class AccessRules {
  private rules: DenyRule[] = [];

  /** Replaces every rule (PUT semantics). */
  set(rules: DenyRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  snapshot(): { deny: DenyRule[] } {
    return { deny: this.rules.map((r) => ({ ...r })) };
  }

  /** The answer for a resource request; non-resource requests (undefined) are always allowed. */
  decide(attrs: ResourceAttributes | undefined): AccessDecision {
    const denied = attrs !== undefined && this.rules.some((r) => matches(r, attrs));
    return denied
      ? { allowed: false, reason: DENIED_REASON }
      : { allowed: true, reason: ALLOWED_REASON };
  }
}

function matches(rule: DenyRule, a: ResourceAttributes): boolean {
  return (
    rule.verb === (a.verb ?? '') &&
    rule.resource === (a.resource ?? '') &&
    (rule.subresource ?? '') === (a.subresource ?? '') &&
    (rule.group === undefined || rule.group === (a.group ?? '')) &&
    (rule.namespace === undefined || rule.namespace === (a.namespace ?? ''))
  );
}

const RULE_FIELDS = ['verb', 'resource', 'subresource', 'group', 'namespace'] as const;

/** Validates a `PUT /sim/v1/access` body: `{"deny": [{verb, resource, subresource?, …}]}`. */
export function parseAccess(body: unknown): DenyRule[] {
  const { deny } = jsonObject(body, ['deny']);
  if (!Array.isArray(deny)) throw badRequest('deny must be an array of rules');
  return deny.map((raw: unknown, i) => {
    const obj = jsonObject(raw, RULE_FIELDS);
    const rule: Partial<DenyRule> = {};
    for (const field of RULE_FIELDS) {
      const v = obj[field];
      if (v === undefined) continue;
      if (typeof v !== 'string') {
        throw badRequest(`deny[${i}].${field} must be a string, got ${JSON.stringify(v)}`);
      }
      rule[field] = v;
    }
    if (!rule.verb || !rule.resource) {
      throw badRequest(
        `deny[${i}] needs a verb and a resource, e.g. {"verb": "create", "resource": "pods"}`,
      );
    }
    return { ...rule, verb: rule.verb, resource: rule.resource };
  });
}
