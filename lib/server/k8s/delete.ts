import 'server-only';
import { CoreV1Api, type KubeConfig, type V1DeleteOptions } from '@kubernetes/client-node';

import type { ClusterReply } from '@/lib/domain/eviction-outcome';

import { writeReply } from './cluster-reply';

/** What Drainboard asks of one direct delete; everything else of the DELETE is decided here. */
export interface DeletionTarget {
  namespace: string;
  pod: string;
  /** Always sent as `preconditions.uid`. */
  uid: string;
  /** Sent only when given; otherwise the pod's own `terminationGracePeriodSeconds` applies. */
  gracePeriodSeconds: number | null;
}

/**
 * The DeleteOptions of `target`, built here and nowhere else: the pod's UID as a precondition
 * (so a replacement that reused the name is never deleted), the grace period only when asked.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/delete-options/
 */
function deleteOptions(target: DeletionTarget): V1DeleteOptions {
  return {
    apiVersion: 'v1',
    kind: 'DeleteOptions',
    preconditions: { uid: target.uid },
    ...(target.gracePeriodSeconds !== null
      ? { gracePeriodSeconds: target.gracePeriodSeconds }
      : {}),
  };
}

/**
 * DELETEs the pod of `target` directly, bypassing every PodDisruptionBudget: the docs' last
 * resort, only ever on the operator's typed confirmation. Through client-node with the
 * cluster's own KubeConfig; nothing comes from the browser. Never throws: an answer of any code
 * (a 409 when the UID precondition fails), no answer, or a failure before sending is a
 * {@link ClusterReply}.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#troubleshooting-stuck-evictions
 */
export function deletePod(
  kc: KubeConfig,
  cluster: string,
  target: DeletionTarget,
): Promise<ClusterReply> {
  return writeReply(cluster, (options) =>
    kc
      .makeApiClient(CoreV1Api)
      .deleteNamespacedPodWithHttpInfo(
        { name: target.pod, namespace: target.namespace, body: deleteOptions(target) },
        options,
      ),
  );
}
