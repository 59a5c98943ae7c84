import 'server-only';

import type { KubernetesObject } from '@kubernetes/client-node';

/** An object as the reflector keeps it: `metadata.uid`, `name` and `resourceVersion` are set. */
export type CachedObject<T extends KubernetesObject = KubernetesObject> = T & {
  metadata: NonNullable<T['metadata']> & { uid: string; name: string; resourceVersion: string };
};

/** True when `value` looks like a Kubernetes object the cache can key (uid, name, RV). */
export function isCacheable(value: unknown): value is CachedObject {
  if (typeof value !== 'object' || value === null) return false;
  const m = (value as { metadata?: unknown }).metadata;
  if (typeof m !== 'object' || m === null) return false;
  const { uid, name, resourceVersion } = m as Record<string, unknown>;
  return typeof uid === 'string' && typeof name === 'string' && typeof resourceVersion === 'string';
}

/**
 * Drops `metadata.managedFields`, which server-side apply bookkeeping makes the largest part
 * of many objects and which the dashboard never reads.
 *
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management
 */
export function stripManagedFields<T extends CachedObject>(obj: T): T {
  if (obj.metadata.managedFields === undefined) return obj;
  const metadata = { ...obj.metadata };
  delete metadata.managedFields;
  return { ...obj, metadata };
}

/** `namespace/name`, the identity a name-keyed cache would (wrongly) use. */
export function nameKey(obj: CachedObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** What {@link ObjectCache.upsert} changed. */
export interface UpsertResult<T extends CachedObject> {
  /** An object of the same name and another UID that this one replaced. */
  replaced?: T;
  /** True when the same UID was already cached at the same resourceVersion. */
  unchanged: boolean;
}

/**
 * Objects keyed by UID, with a name index so that an object recreated under the same name
 * is seen as a delete and an add, never an update.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#uids
 */
export class ObjectCache<T extends CachedObject> {
  private readonly byUid = new Map<string, T>();
  private readonly uidByName = new Map<string, string>();

  /** Adds or replaces an object (by UID), evicting another UID cached under its name. */
  upsert(obj: T): UpsertResult<T> {
    const uid = obj.metadata.uid;
    const previous = this.byUid.get(uid);
    // resourceVersions are opaque: equality is the only comparison allowed.
    const unchanged = previous?.metadata.resourceVersion === obj.metadata.resourceVersion;
    const otherUid = this.uidByName.get(nameKey(obj));
    const replaced =
      otherUid !== undefined && otherUid !== uid ? this.byUid.get(otherUid) : undefined;
    if (replaced !== undefined) this.byUid.delete(replaced.metadata.uid);
    this.byUid.set(uid, obj);
    this.uidByName.set(nameKey(obj), uid);
    return { ...(replaced !== undefined ? { replaced } : {}), unchanged };
  }

  /** Removes the object with this UID; returns what was cached, if anything. */
  remove(obj: T): T | undefined {
    const cached = this.byUid.get(obj.metadata.uid);
    if (cached === undefined) return undefined;
    this.byUid.delete(cached.metadata.uid);
    if (this.uidByName.get(nameKey(cached)) === cached.metadata.uid) {
      this.uidByName.delete(nameKey(cached));
    }
    return cached;
  }

  /** Replaces the whole content, as after a LIST. */
  replaceAll(items: readonly T[]): void {
    this.byUid.clear();
    this.uidByName.clear();
    for (const item of items) this.upsert(item);
  }

  get(uid: string): T | undefined {
    return this.byUid.get(uid);
  }

  list(): T[] {
    return [...this.byUid.values()];
  }

  get size(): number {
    return this.byUid.size;
  }
}
