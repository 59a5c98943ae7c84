import 'server-only';
import {
  AuthorizationV1Api,
  type KubeConfig,
  type V1ResourceAttributes,
} from '@kubernetes/client-node';

import type { AccessVerdict } from '@/lib/domain/pod-access';

import { toClusterError, type ClusterError } from './errors';

/**
 * Asks the cluster, with a SelfSubjectAccessReview, whether the kubeconfig's user may do what
 * `attributes` describe.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access
 * @returns the verdict, or `{ error }` (never throws) when the review itself fails: a Status
 *   (e.g. 403 when the user may not even create reviews), or no answer at all; the error's
 *   cluster is the kubeconfig's current context.
 */
async function review(
  kc: KubeConfig,
  attributes: V1ResourceAttributes,
): Promise<AccessVerdict | { error: ClusterError }> {
  try {
    const answer = await kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: attributes },
      },
    });
    const status = answer.status;
    return { allowed: status?.allowed === true, reason: status?.reason || null };
  } catch (e) {
    return { error: toClusterError(kc.getCurrentContext(), e) };
  }
}

/**
 * Whether the kubeconfig's user may evict pods in `namespace` (`create pods/eviction`, core
 * group), so that the UI can disable Evict and name the missing permission before anything is
 * sent. Failures as for any review: `{ error }`, never thrown.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
 */
export function canEvict(
  kc: KubeConfig,
  namespace: string,
): Promise<AccessVerdict | { error: ClusterError }> {
  return review(kc, {
    namespace,
    verb: 'create',
    group: '',
    resource: 'pods',
    subresource: 'eviction',
  });
}

/**
 * Whether the kubeconfig's user may delete pods in `namespace` (`delete pods`, core group): the
 * direct delete, the docs' last resort. Failures as for any review: `{ error }`, never thrown.
 */
export function canDelete(
  kc: KubeConfig,
  namespace: string,
): Promise<AccessVerdict | { error: ClusterError }> {
  return review(kc, { namespace, verb: 'delete', group: '', resource: 'pods' });
}
