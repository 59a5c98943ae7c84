/**
 * Kubernetes object-name rules for the names a URL carries, checked before anything is sent to
 * a cluster. Each check returns the problem in plain words, or null when the name is valid.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */

/** RFC 1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric. */
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: labels joined by '.'. */
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `validation.DNS1123LabelMaxLength`. */
export const MAX_LABEL_LENGTH = 63;
/** `validation.DNS1123SubdomainMaxLength`. */
export const MAX_SUBDOMAIN_LENGTH = 253;

/**
 * The API server's own path-segment rules (`path.IsValidPathSegmentName`): a name may not be
 * `.` or `..` and may not contain `/` or `%`. Checked first, so the message names the hazard.
 */
function pathSegmentProblem(what: string, name: string): string | null {
  if (name === '.' || name === '..') return `${what} may not be ${JSON.stringify(name)}`;
  for (const c of ['/', '%']) {
    if (name.includes(c)) return `${what} may not contain ${JSON.stringify(c)}`;
  }
  return null;
}

function ruleProblem(
  what: string,
  name: string,
  rule: { pattern: RegExp; max: number; kind: string; example: string },
): string | null {
  if (name === '') return `${what} may not be empty`;
  const segment = pathSegmentProblem(what, name);
  if (segment !== null) return segment;
  if (name.length > rule.max) {
    return `${what} must be no more than ${rule.max} characters, not ${name.length}`;
  }
  if (!rule.pattern.test(name)) {
    return `${what} ${JSON.stringify(name)} is not ${rule.kind}: ${rule.example}`;
  }
  return null;
}

/**
 * A namespace name must be an RFC 1123 label of at most 63 characters
 * (`ValidateNamespaceName`).
 */
export function namespaceNameProblem(name: string): string | null {
  return ruleProblem('a namespace name', name, {
    pattern: LABEL,
    max: MAX_LABEL_LENGTH,
    kind: 'a valid RFC 1123 label',
    example:
      "lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. 'shop')",
  });
}

/**
 * A pod name must be an RFC 1123 subdomain of at most 253 characters (`ValidatePodName`);
 * Kubernetes does not limit its dot-separated parts to 63 characters.
 */
export function podNameProblem(name: string): string | null {
  return subdomainProblem('a pod name', name);
}

/** Node, Deployment, ReplicaSet and StatefulSet names are RFC 1123 subdomains too. */
export function subdomainProblem(what: string, name: string): string | null {
  return ruleProblem(what, name, {
    pattern: SUBDOMAIN,
    max: MAX_SUBDOMAIN_LENGTH,
    kind: 'a valid RFC 1123 subdomain',
    example:
      "lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit (e.g. 'web-7d9c5-x2k4p')",
  });
}
