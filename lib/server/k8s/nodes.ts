import 'server-only';
import {
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';

import type { ClusterReply } from '@/lib/domain/eviction-outcome';

import { writeReply } from './cluster-reply';

/**
 * Cordons (`unschedulable: true`) or uncordons a node with kubectl's own strategic merge patch:
 * `{"spec":{"unschedulable":true}}`, and `null` to uncordon (which removes the field). Through
 * client-node with the cluster's KubeConfig; never throws (see {@link writeReply}).
 * @see ../shared/docs/eviction-semantics.md §6.2 step 2
 */
export function patchSchedulable(
  kc: KubeConfig,
  cluster: string,
  node: string,
  cordon: boolean,
): Promise<ClusterReply> {
  const body = { spec: { unschedulable: cordon ? true : null } };
  return writeReply(cluster, (options) =>
    kc
      .makeApiClient(CoreV1Api)
      .patchNodeWithHttpInfo(
        { name: node, body },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch, options),
      ),
  );
}
