import { RESOURCES, resourceType } from '../store/resources';
import type { Controller, ControllerContext } from './context';
import { WorkQueue } from './queue';

const namespaces = resourceType('namespaces');

/**
 * The namespace controller (pkg/controller/namespace): a Terminating namespace has all of its
 * content deleted (pods gracefully), and once nothing is left its `kubernetes` finalizer is
 * removed, which removes the namespace.
 */
export function createNamespaceController(ctx: ControllerContext): Controller {
  const queue = new WorkQueue(ctx.clock, (name) => sync(ctx, name, queue));
  let unsubscribe = (): void => undefined;
  return {
    start() {
      unsubscribe = ctx.store.subscribe((e) => {
        if (
          e.resource === 'namespaces' &&
          e.type !== 'DELETED' &&
          e.object.metadata.deletionTimestamp
        ) {
          queue.add(e.object.metadata.name ?? '');
        }
        if (e.type === 'DELETED' && e.object.metadata.namespace) {
          const ns = ctx.store.get('namespaces', '', e.object.metadata.namespace);
          if (ns?.metadata.deletionTimestamp) queue.add(e.object.metadata.namespace);
        }
      });
    },
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}

function sync(ctx: ControllerContext, name: string, queue: WorkQueue): void {
  const ns = ctx.registry.tryGet(namespaces, '', name);
  if (!ns?.metadata.deletionTimestamp) return;
  let remaining = 0;
  for (const rt of RESOURCES) {
    if (!rt.namespaced) continue;
    for (const obj of ctx.registry.list(rt, name)) {
      remaining++;
      if (!obj.metadata.deletionTimestamp)
        ctx.registry.delete(rt, name, obj.metadata.name ?? '', {});
    }
  }
  if (remaining > 0) {
    // Deletions announce themselves; the timer only guards against a missed one.
    queue.addAfter(name, 5_000);
    return;
  }
  ctx.registry.mutate(namespaces, '', name, (o) => {
    o.spec = { ...(o.spec ?? {}), finalizers: [] };
  });
}
