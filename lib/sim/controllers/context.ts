import type { Clock } from '../clock';
import type { Registry } from '../api/registry';
import type { Store } from '../store/store';
import type { KObject, StoredEvent } from '../store/types';
import type { EventRecorder } from './events';

/** What every in-process controller is given. */
export interface ControllerContext {
  registry: Registry;
  store: Store;
  clock: Clock;
  events: EventRecorder;
  owners: OwnerIndex;
}

export interface Controller {
  start(): void;
  stop(): void;
}

/** `namespace/name`, the work-queue key of an object. */
export function keyOf(obj: KObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** The ownerReference with `controller: true`, if any. */
export function controllerRef(obj: KObject) {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function isPodReady(pod: KObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function isTerminal(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** A pod that counts as a replica: not terminating and not terminal (controller.FilterActivePods). */
export function isActive(pod: KObject): boolean {
  return !pod.metadata.deletionTimestamp && !isTerminal(pod);
}

interface Ref {
  resource: string;
  namespace: string;
  name: string;
}

/**
 * Objects by the uid of each of their owners, kept current from the store's events, so that
 * controllers find a ReplicaSet's pods without scanning every pod.
 */
export class OwnerIndex {
  private readonly byOwner = new Map<string, Map<string, Ref>>();
  private readonly uids = new Map<string, Ref>();

  constructor(store: Store) {
    store.subscribe((e) => this.observe(e));
  }

  /** Objects of `resource` whose ownerReferences name `ownerUid`. */
  dependents(ownerUid: string, resource?: string): Ref[] {
    const found = [...(this.byOwner.get(ownerUid)?.values() ?? [])];
    return resource === undefined ? found : found.filter((r) => r.resource === resource);
  }

  /** Whether an object with this uid exists. */
  exists(uid: string): boolean {
    return this.uids.has(uid);
  }

  /** The object with this uid, if it exists. */
  lookup(uid: string): Ref | undefined {
    return this.uids.get(uid);
  }

  private observe(e: StoredEvent): void {
    const m = e.object.metadata;
    const ref: Ref = { resource: e.resource, namespace: m.namespace ?? '', name: m.name ?? '' };
    const id = `${e.resource}|${ref.namespace}|${ref.name}`;
    for (const o of e.previous?.metadata.ownerReferences ?? []) this.byOwner.get(o.uid)?.delete(id);
    if (e.previous?.metadata.uid) this.uids.delete(e.previous.metadata.uid);
    if (e.type === 'DELETED') return;
    if (m.uid) this.uids.set(m.uid, ref);
    for (const o of m.ownerReferences ?? []) {
      let set = this.byOwner.get(o.uid);
      if (!set) this.byOwner.set(o.uid, (set = new Map()));
      set.set(id, ref);
    }
  }
}
