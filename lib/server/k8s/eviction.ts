import 'server-only';
import { CoreV1Api, type KubeConfig, type V1Eviction } from '@kubernetes/client-node';

import type { ClusterReply } from '@/lib/domain/eviction-outcome';

import { writeReply } from './cluster-reply';

/** What Drainboard asks of one eviction; everything else of the Eviction is decided here. */
export interface EvictionTarget {
  namespace: string;
  pod: string;
  /** Always sent as `deleteOptions.preconditions.uid`. */
  uid: string;
  dryRun: boolean;
  /** Sent only when given. */
  gracePeriodSeconds: number | null;
}

/**
 * The policy/v1 Eviction of `target`, built here and nowhere else: the pod's UID as a delete
 * precondition (so a replacement that reused the name is never evicted), the grace period only
 * when asked, `dryRun: ["All"]` for a dry run.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
 */
function evictionBody(target: EvictionTarget): V1Eviction {
  return {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name: target.pod, namespace: target.namespace },
    deleteOptions: {
      preconditions: { uid: target.uid },
      ...(target.gracePeriodSeconds !== null
        ? { gracePeriodSeconds: target.gracePeriodSeconds }
        : {}),
      ...(target.dryRun ? { dryRun: ['All'] } : {}),
    },
  };
}

/**
 * POSTs the Eviction of `target` to `pods/{pod}/eviction` through client-node with the
 * cluster's own KubeConfig: the path comes from the typed client, the headers from the
 * kubeconfig, nothing from the browser. Never throws: an answer of any code, no answer, or a
 * failure before sending is a {@link ClusterReply}.
 */
export function postEviction(
  kc: KubeConfig,
  cluster: string,
  target: EvictionTarget,
): Promise<ClusterReply> {
  return writeReply(cluster, (options) =>
    kc
      .makeApiClient(CoreV1Api)
      .createNamespacedPodEvictionWithHttpInfo(
        { name: target.pod, namespace: target.namespace, body: evictionBody(target) },
        options,
      ),
  );
}
