import 'server-only';

import type { V1Node, V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';

/**
 * Realistic wire objects for the model's tests, shaped as the API server sends them (times
 * as RFC 3339 strings, as the reflector passes the JSON on unparsed).
 */

const CREATED = '2026-11-28T09:00:00Z' as unknown as Date;

/** A running, Ready pod of ReplicaSet `web-7d9f`, bound to `node`. */
export function runningPod(name: string, uid: string, node = 'node-a', rv = '100'): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid,
      resourceVersion: rv,
      creationTimestamp: CREATED,
      labels: { app: 'web', 'pod-template-hash': '7d9f' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7d9f',
          uid: 'rs-uid-1',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: node,
      terminationGracePeriodSeconds: 45,
      containers: [{ name: 'web', image: 'nginx:1.27' }],
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.12',
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: CREATED },
        { type: 'Ready', status: 'True', lastTransitionTime: CREATED },
      ],
      containerStatuses: [
        {
          name: 'web',
          image: 'nginx:1.27',
          imageID: 'docker.io/library/nginx@sha256:0f',
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: CREATED } },
        },
      ],
    },
  };
}

/** `pod` after an accepted eviction: DisruptionTarget, deletion timestamp and grace, not Ready. */
export function terminating(pod: V1Pod, rv = '200'): V1Pod {
  const at = '2026-11-28T10:00:00Z' as unknown as Date;
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      resourceVersion: rv,
      deletionTimestamp: at,
      deletionGracePeriodSeconds: 45,
    },
    status: {
      ...pod.status,
      conditions: [
        {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'EvictionByEvictionAPI',
          message: 'Eviction API: evicting',
          lastTransitionTime: at,
        },
        { type: 'Ready', status: 'False', reason: 'PodCompleted', lastTransitionTime: at },
      ],
      containerStatuses: (pod.status?.containerStatuses ?? []).map((s) => ({ ...s, ready: false })),
    },
  };
}

/** A Ready node, cordoned when asked (as `kubectl cordon` leaves it). */
export function node(name: string, uid: string, isCordoned = false): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid, resourceVersion: '10', labels: { 'kubernetes.io/hostname': name } },
    spec: isCordoned
      ? {
          unschedulable: true,
          taints: [
            { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: CREATED },
          ],
        }
      : {},
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory' },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
    },
  };
}

/** `web-pdb` (minAvailable 2) over two healthy pods: no disruption allowed. */
export function blockingBudget(): V1PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {
      name: 'web-pdb',
      namespace: 'shop',
      uid: 'pdb-uid-1',
      resourceVersion: '300',
      generation: 1,
    },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    status: {
      observedGeneration: 1,
      disruptionsAllowed: 0,
      currentHealthy: 2,
      desiredHealthy: 2,
      expectedPods: 2,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: 'False',
          reason: 'InsufficientPods',
          message: '',
          observedGeneration: 1,
          lastTransitionTime: CREATED,
        },
      ],
    },
  };
}
