import type { V1Container, V1PodTemplateSpec, V1Volume } from '@kubernetes/client-node';
import { timeAnnotations, type WorkloadTimes } from './timings';

/**
 * A container as the copy runs it: name, image, ports, resources and the mounts of kept
 * volumes. Everything that may carry configuration or a secret is dropped: `env`, `envFrom`,
 * `command`, `args`, probes (the times replace them), lifecycle hooks, security context.
 */
function copyContainer(c: V1Container, volumes: Set<string>) {
  const mounts = (c.volumeMounts ?? [])
    .filter((m) => volumes.has(m.name))
    .map((m) => ({ name: m.name, mountPath: m.mountPath }));
  return {
    name: c.name,
    image: c.image,
    ports: c.ports?.map((p) => ({
      name: p.name,
      containerPort: p.containerPort,
      protocol: p.protocol,
    })),
    resources:
      c.resources === undefined
        ? undefined
        : { requests: c.resources.requests, limits: c.resources.limits },
    volumeMounts: mounts.length > 0 ? mounts : undefined,
    // A sidecar (an init container with restartPolicy Always) stays one.
    restartPolicy: c.restartPolicy,
  };
}

/**
 * Only `emptyDir` volumes are kept: they are what `kubectl drain` counts as local storage.
 * Every other source (Secret, ConfigMap, projected, PVC, hostPath…) is dropped with its mounts.
 */
const emptyDirs = (volumes: V1Volume[] | undefined) =>
  (volumes ?? [])
    .filter((v) => v.emptyDir !== undefined)
    .map((v) => ({ name: v.name, emptyDir: v.emptyDir }));

/**
 * A pod template for the copy: labels, the times as sim annotations, containers, emptyDir
 * volumes, and what decides placement and shutdown (`nodeSelector`, `affinity`,
 * `tolerations`, `terminationGracePeriodSeconds`).
 */
export function copyTemplate(t: V1PodTemplateSpec, times: WorkloadTimes) {
  const spec = t.spec;
  const volumes = emptyDirs(spec?.volumes);
  const kept = new Set(volumes.map((v) => v.name));
  return {
    metadata: { labels: t.metadata?.labels, annotations: timeAnnotations(times) },
    spec: {
      containers: (spec?.containers ?? []).map((c) => copyContainer(c, kept)),
      initContainers: spec?.initContainers?.map((c) => copyContainer(c, kept)),
      volumes: volumes.length > 0 ? volumes : undefined,
      nodeSelector: spec?.nodeSelector,
      affinity: spec?.affinity,
      tolerations: spec?.tolerations,
      terminationGracePeriodSeconds: spec?.terminationGracePeriodSeconds,
    },
  };
}
