import { labelSelectorFromObject, matchesLabels } from '../store/selectors';
import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';
import type { Controller, ControllerContext } from './context';
import { isPodReady, isTerminal, keyOf, splitKey } from './context';
import { WorkQueue } from './queue';

const services = resourceType('services');
const pods = resourceType('pods');
const slices = resourceType('discovery.k8s.io/endpointslices');

const MANAGED_BY = 'endpointslice-controller.k8s.io';

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): one slice per Service with a
 * selector, listing every pod with an IP and its `ready`/`serving`/`terminating` conditions,
 * so a terminating pod stays listed, not ready, until it is gone.
 */
export function createEndpointSliceController(ctx: ControllerContext): Controller {
  const queue = new WorkQueue(ctx.clock, (key) => sync(ctx, key));
  let unsubscribe = (): void => undefined;
  const servicesFor = (pod: KObject | undefined): void => {
    if (!pod) return;
    for (const svc of ctx.registry.list(services, pod.metadata.namespace ?? '')) {
      const sel = svc.spec?.selector as Record<string, string> | undefined;
      if (sel && matchesLabels(labelSelectorFromObject({ matchLabels: sel }), pod.metadata.labels))
        queue.add(keyOf(svc));
    }
  };
  return {
    start() {
      unsubscribe = ctx.store.subscribe((e) => {
        if (e.resource === 'services') queue.add(keyOf(e.object));
        if (e.resource === 'pods') {
          servicesFor(e.object);
          if (e.previous?.metadata.labels !== e.object.metadata.labels) servicesFor(e.previous);
        }
      });
      for (const svc of ctx.registry.list(services)) queue.add(keyOf(svc));
    },
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}

function endpointFor(pod: KObject): object {
  const ready = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  return {
    addresses: [pod.status.podIP],
    conditions: { ready: ready && !terminating, serving: ready, terminating },
    nodeName: pod.spec.nodeName,
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    },
  };
}

function portsFor(svc: KObject, pod: KObject | undefined): object[] {
  return ((svc.spec?.ports ?? []) as Record<string, unknown>[]).map((p) => {
    let port = p.targetPort ?? p.port;
    if (typeof port === 'string') {
      const containers = (pod?.spec?.containers ?? []) as {
        ports?: { name?: string; containerPort: number }[];
      }[];
      port =
        containers.flatMap((c) => c.ports ?? []).find((cp) => cp.name === port)?.containerPort ??
        p.port;
    }
    return { name: p.name ?? '', port, protocol: p.protocol ?? 'TCP' };
  });
}

function sync(ctx: ControllerContext, key: string): void {
  const [namespace, name] = splitKey(key);
  const svc = ctx.registry.tryGet(services, namespace, name);
  const selector = svc?.spec?.selector as Record<string, string> | undefined;
  if (!svc || !selector) return;
  const reqs = labelSelectorFromObject({ matchLabels: selector });
  const members = ctx.registry
    .list(pods, namespace)
    .filter((p) => matchesLabels(reqs, p.metadata.labels) && p.status?.podIP && !isTerminal(p));
  const desired = { endpoints: members.map(endpointFor), ports: portsFor(svc, members[0]) };
  const owned = ctx.owners.dependents(svc.metadata.uid ?? '', slices.key)[0];
  if (owned) {
    ctx.registry.mutate(slices, namespace, owned.name, (s) => Object.assign(s, desired));
    return;
  }
  ctx.registry.create(slices, namespace, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${name}-`,
      namespace,
      labels: {
        'kubernetes.io/service-name': name,
        'endpointslice.kubernetes.io/managed-by': MANAGED_BY,
      },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name,
          uid: svc.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: 'IPv4',
    ...desired,
  });
}
