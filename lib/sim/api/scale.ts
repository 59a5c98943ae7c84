import type { KObject } from '../store/types';
import { badRequest } from './errors';

/** The autoscaling/v1 Scale view of a workload (the `/scale` subresource). */
export function toScale(obj: KObject): KObject {
  const labels = (obj.spec?.selector?.matchLabels ?? {}) as Record<string, string>;
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: {
      replicas: obj.status?.replicas ?? 0,
      selector: Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}

/** Applies a written Scale back to its workload: only `spec.replicas` moves. */
export function fromScale(obj: KObject, scale: KObject): KObject {
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(
      `Scale.autoscaling "${obj.metadata.name ?? ''}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
    );
  }
  const next = structuredClone(obj);
  next.spec.replicas = replicas;
  next.metadata.resourceVersion = scale.metadata?.resourceVersion ?? '';
  return next;
}
