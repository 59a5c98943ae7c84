import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';
import type { Controller, ControllerContext } from './context';
import { WorkQueue } from './queue';

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

const refKey = (resource: string, obj: KObject): string =>
  `${resource}|${obj.metadata.namespace ?? ''}|${obj.metadata.name ?? ''}`;

/**
 * The garbage collector (pkg/controller/garbagecollector): deletes objects whose owners are
 * all gone (background), deletes dependents before their owner under `foregroundDeletion`,
 * and strips owner references under `orphan`.
 */
export function createGarbageCollector(ctx: ControllerContext): Controller {
  const queue = new WorkQueue(ctx.clock, (key) => process(ctx, key, queue));
  let unsubscribe = (): void => undefined;
  return {
    start() {
      unsubscribe = ctx.store.subscribe((e) => {
        const obj = e.object;
        if (e.type === 'DELETED' && obj.metadata.uid) {
          for (const d of ctx.owners.dependents(obj.metadata.uid)) {
            queue.add(`${d.resource}|${d.namespace}|${d.name}`);
          }
        }
        if (
          e.type !== 'DELETED' &&
          ((obj.metadata.ownerReferences ?? []).length > 0 || obj.metadata.finalizers)
        ) {
          queue.add(refKey(e.resource, obj));
        }
        // A dependent going away may be the last thing a foreground deletion waits for.
        if (e.type === 'DELETED') {
          for (const o of obj.metadata.ownerReferences ?? []) queue.add(`uid|${o.uid}`);
        }
      });
    },
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}

function process(ctx: ControllerContext, key: string, queue: WorkQueue): void {
  if (key.startsWith('uid|')) {
    const owner = ctx.owners.lookup(key.slice(4));
    if (owner) queue.add(`${owner.resource}|${owner.namespace}|${owner.name}`);
    return;
  }
  const [resource = '', namespace = '', name = ''] = key.split('|');
  const rt = resourceType(resource);
  const obj = ctx.registry.tryGet(rt, namespace, name);
  if (!obj) return;
  const finalizers = obj.metadata.finalizers ?? [];
  if (obj.metadata.deletionTimestamp && finalizers.includes(ORPHAN))
    return orphanDependents(ctx, rt.key, obj);
  if (obj.metadata.deletionTimestamp && finalizers.includes(FOREGROUND))
    return deleteForeground(ctx, rt.key, obj);
  const owners = obj.metadata.ownerReferences ?? [];
  if (
    owners.length > 0 &&
    !obj.metadata.deletionTimestamp &&
    owners.every((o) => !ctx.owners.exists(o.uid))
  ) {
    ctx.registry.delete(rt, namespace, name, { propagationPolicy: 'Background' });
  }
}

function removeFinalizer(
  ctx: ControllerContext,
  resource: string,
  obj: KObject,
  finalizer: string,
): void {
  ctx.registry.mutate(
    resourceType(resource),
    obj.metadata.namespace ?? '',
    obj.metadata.name ?? '',
    (o) => {
      const rest = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer);
      if (rest.length > 0) o.metadata.finalizers = rest;
      else delete o.metadata.finalizers;
    },
  );
}

function deleteForeground(ctx: ControllerContext, resource: string, owner: KObject): void {
  const dependents = ctx.owners.dependents(owner.metadata.uid ?? '');
  for (const d of dependents) {
    const rt = resourceType(d.resource);
    const dep = ctx.registry.tryGet(rt, d.namespace, d.name);
    if (dep && !dep.metadata.deletionTimestamp) {
      ctx.registry.delete(rt, d.namespace, d.name, { propagationPolicy: 'Foreground' });
    }
  }
  if (dependents.length === 0) removeFinalizer(ctx, resource, owner, FOREGROUND);
}

function orphanDependents(ctx: ControllerContext, resource: string, owner: KObject): void {
  const uid = owner.metadata.uid ?? '';
  for (const d of ctx.owners.dependents(uid)) {
    ctx.registry.mutate(resourceType(d.resource), d.namespace, d.name, (o) => {
      const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (refs.length > 0) o.metadata.ownerReferences = refs;
      else delete o.metadata.ownerReferences;
    });
  }
  removeFinalizer(ctx, resource, owner, ORPHAN);
}
