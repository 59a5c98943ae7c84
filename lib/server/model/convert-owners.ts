import 'server-only';

import type {
  V1DaemonSet,
  V1Deployment,
  V1EndpointSlice,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';

import type { EndpointView, OwnerView } from '@/lib/domain/views';

import { toOwnerRef } from './convert';

type ReplicatedKind = 'ReplicaSet' | 'Deployment' | 'StatefulSet';

/**
 * A ReplicaSet, Deployment or StatefulSet with its replica counts. An unset `spec.replicas`
 * means 1 (the API default); counts the controller has not written yet are 0.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status
 */
export function toReplicatedOwnerView(
  kind: ReplicatedKind,
  obj: V1ReplicaSet | V1Deployment | V1StatefulSet,
): OwnerView {
  const status = obj.status;
  return {
    uid: obj.metadata?.uid ?? '',
    kind,
    namespace: obj.metadata?.namespace ?? '',
    name: obj.metadata?.name ?? '',
    owner: toOwnerRef(obj.metadata),
    replicas: {
      desired: obj.spec?.replicas ?? 1,
      current: status?.replicas ?? 0,
      ready: status?.readyReplicas ?? 0,
      available: status?.availableReplicas ?? 0,
      updated: status && 'updatedReplicas' in status ? (status.updatedReplicas ?? 0) : 0,
    },
  };
}

/**
 * A DaemonSet, whose "replicas" are the nodes it should run on.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/#DaemonSetStatus
 */
export function toDaemonSetOwnerView(ds: V1DaemonSet): OwnerView {
  const status = ds.status;
  return {
    uid: ds.metadata?.uid ?? '',
    kind: 'DaemonSet',
    namespace: ds.metadata?.namespace ?? '',
    name: ds.metadata?.name ?? '',
    owner: toOwnerRef(ds.metadata),
    replicas: {
      desired: status?.desiredNumberScheduled ?? 0,
      current: status?.currentNumberScheduled ?? 0,
      ready: status?.numberReady ?? 0,
      available: status?.numberAvailable ?? 0,
      updated: status?.updatedNumberScheduled ?? 0,
    },
  };
}

/**
 * An EndpointSlice's membership. An unset `ready` means ready, an unset `serving` means the
 * same as `ready`, an unset `terminating` means not terminating.
 * @see https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/#conditions
 */
export function toEndpointView(slice: V1EndpointSlice): EndpointView {
  return {
    uid: slice.metadata?.uid ?? '',
    namespace: slice.metadata?.namespace ?? '',
    name: slice.metadata?.name ?? '',
    serviceName: slice.metadata?.labels?.['kubernetes.io/service-name'] ?? null,
    endpoints: (slice.endpoints ?? []).map((e) => {
      const isReady = e.conditions?.ready ?? true;
      const isPod = e.targetRef?.kind === 'Pod';
      return {
        podUid: isPod ? (e.targetRef?.uid ?? null) : null,
        podName: isPod ? (e.targetRef?.name ?? null) : null,
        addresses: e.addresses,
        isReady,
        isServing: e.conditions?.serving ?? isReady,
        isTerminating: e.conditions?.terminating ?? false,
      };
    }),
  };
}
