import { labelSelectorFromObject } from '../store/selectors';
import type { KObject } from '../store/types';
import type { FieldError } from './errors';
import type { Strategy } from './strategies';
import { goQuote } from './validation';

/**
 * policy/v1 PodDisruptionBudget validation and strategy (pkg/apis/policy/validation and
 * pkg/registry/policy/poddisruptionbudget): `minAvailable` and `maxUnavailable` are
 * non-negative ints or percentages up to 100 % and exclusive; status starts zeroed.
 */
const POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function show(v: unknown): string {
  return typeof v === 'string' ? goQuote(v) : JSON.stringify(v ?? null);
}

function invalidAt(field: string, value: unknown, detail: string): FieldError {
  return {
    type: 'FieldValueInvalid',
    field,
    message: `${field}: Invalid value: ${show(value)}: ${detail}`,
  };
}

/** ValidateNonnegativeIntOrPercent plus IsNotMoreThan100Percent. */
function intOrPercent(field: string, v: unknown): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') {
    if (!Number.isInteger(v))
      return [invalidAt(field, v, "must be an integer or percentage (e.g '5%')")];
    return v < 0 ? [invalidAt(field, v, 'must be greater than or equal to 0')] : [];
  }
  const m = typeof v === 'string' ? /^([0-9]+)%$/.exec(v) : null;
  if (!m) {
    // validation.IsValidPercent's message (the semantics doc paraphrases it).
    const detail =
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
    return [invalidAt(field, v, detail)];
  }
  return Number(m[1]) > 100 ? [invalidAt(field, v, 'must not be greater than 100%')] : [];
}

function validateSpec(obj: KObject): FieldError[] {
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const errs: FieldError[] = [];
  if (spec.minAvailable != null && spec.maxUnavailable != null) {
    errs.push(invalidAt('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  errs.push(...intOrPercent('spec.minAvailable', spec.minAvailable));
  errs.push(...intOrPercent('spec.maxUnavailable', spec.maxUnavailable));
  if (spec.selector != null) {
    try {
      labelSelectorFromObject(spec.selector as Parameters<typeof labelSelectorFromObject>[0]);
    } catch (e) {
      errs.push(invalidAt('spec.selector', spec.selector, (e as Error).message));
    }
  }
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy != null && !POLICIES.includes(String(policy))) {
    errs.push({
      type: 'FieldValueNotSupported',
      field: 'spec.unhealthyPodEvictionPolicy',
      message: `spec.unhealthyPodEvictionPolicy: Unsupported value: ${show(policy)}: supported values: "AlwaysAllow", "IfHealthyBudget"`,
    });
  }
  return errs;
}

const STATUS_COUNTS = ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'];

/** ValidatePodDisruptionBudgetStatusUpdate: every count must be >= 0 (policy/v1). */
function validateStatus(obj: KObject): FieldError[] {
  const status = (obj.status ?? {}) as Record<string, unknown>;
  return STATUS_COUNTS.flatMap((k) => {
    const v = status[k];
    if (v === undefined) return [];
    if (typeof v !== 'number' || !Number.isInteger(v))
      return [invalidAt(`status.${k}`, v, 'must be an integer')];
    return v < 0 ? [invalidAt(`status.${k}`, v, 'must be greater than or equal to 0')] : [];
  });
}

export const pdbStrategy: Strategy = {
  nameRule: 'subdomain',
  hasGeneration: true,
  keepsStatusOnCreate: false,
  prepareForCreate(obj) {
    obj.spec = obj.spec ?? {};
    obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate: validateSpec,
  validateUpdate: () => [],
  validateStatus,
};

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

/**
 * UpdateDisruptionAllowedCondition (component-helpers/apps/poddisruptionbudget): the
 * `DisruptionAllowed` condition follows `disruptionsAllowed`; as apimeta.SetStatusCondition,
 * its lastTransitionTime moves only when its status flips. `reason` overrides the computed
 * one (SyncFailed), with its message.
 */
export function setDisruptionAllowed(
  status: Record<string, unknown>,
  now: string,
  failure?: { reason: string; message: string },
): void {
  const allowed = ((status.disruptionsAllowed as number | undefined) ?? 0) > 0 && !failure;
  const observed = (status.observedGeneration as number | undefined) ?? 0;
  const next: Condition = {
    type: 'DisruptionAllowed',
    status: allowed ? 'True' : 'False',
    reason: failure?.reason ?? (allowed ? 'SufficientPods' : 'InsufficientPods'),
    message: failure?.message ?? '',
    lastTransitionTime: now,
  };
  // metav1.Condition's observedGeneration is omitempty.
  if (observed > 0) next.observedGeneration = observed;
  const conditions = (status.conditions as Condition[] | undefined) ?? [];
  const old = conditions.find((c) => c.type === 'DisruptionAllowed');
  if (old && old.status === next.status) next.lastTransitionTime = old.lastTransitionTime;
  // apimeta.SetStatusCondition updates a condition in place and appends a new one.
  status.conditions = old ? conditions.map((c) => (c === old ? next : c)) : [...conditions, next];
}
