import { z } from 'zod';

import type { PodAction } from './eviction-outcome';

/**
 * What the dashboard's user may do to the pods of a namespace, as the cluster answers
 * SelfSubjectAccessReviews: the UI disables an action the cluster would refuse and names the
 * missing permission, before anything is sent.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access
 */

/** The permission each action needs, in `kubectl auth can-i` words. */
export const ACTION_PERMISSION: Readonly<Record<PodAction, string>> = {
  evict: 'create pods/eviction',
  delete: 'delete pods',
};

/** What the cluster said about one permission of the current user. */
export const AccessVerdictSchema = z.object({
  allowed: z.boolean(),
  /** The authorizer's words (RBAC often gives none when it denies); null when empty. */
  reason: z.string().nullable(),
});
export type AccessVerdict = z.infer<typeof AccessVerdictSchema>;

/** The answer of `GET /api/clusters/{cluster}/access?namespace=`. */
export const PodAccessSchema = z.object({
  namespace: z.string(),
  /** `create pods/eviction` in the namespace. */
  evict: AccessVerdictSchema,
  /** `delete pods` in the namespace. */
  delete: AccessVerdictSchema,
});
export type PodAccess = z.infer<typeof PodAccessSchema>;
