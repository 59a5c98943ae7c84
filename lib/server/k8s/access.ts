import 'server-only';
import { AuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { toClusterError, type ClusterError } from './errors';

/** What the cluster said about one permission of the current user. */
export interface AccessVerdict {
  allowed: boolean;
  /** The authorizer's words (RBAC often gives none when it denies); null when empty. */
  reason: string | null;
}

/**
 * Asks the cluster whether the kubeconfig's user may evict pods in `namespace`
 * (`create pods/eviction`, core group), with a SelfSubjectAccessReview, so that the UI can
 * disable Evict and name the missing permission before anything is sent.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
 * @returns the verdict, or `{ error }` (never throws) when the review itself fails: a Status
 *   (e.g. 403 when the user may not even create reviews), or no answer at all; the error's
 *   cluster is the kubeconfig's current context.
 */
export async function canEvict(
  kc: KubeConfig,
  namespace: string,
): Promise<AccessVerdict | { error: ClusterError }> {
  try {
    const review = await kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            namespace,
            verb: 'create',
            group: '',
            resource: 'pods',
            subresource: 'eviction',
          },
        },
      },
    });
    const status = review.status;
    return { allowed: status?.allowed === true, reason: status?.reason || null };
  } catch (e) {
    return { error: toClusterError(kc.getCurrentContext(), e) };
  }
}
