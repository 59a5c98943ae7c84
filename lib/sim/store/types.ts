/**
 * Wire shapes of the embedded cluster. Objects are kept as plain JSON, exactly as they
 * travel over HTTP, so that nothing is lost between what a client sent and what it reads back.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: unknown;
}

/** Any Kubernetes object as stored: `spec` and `status` stay loosely typed on purpose. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary wire JSON
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary wire JSON
  status?: any;
  [key: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change in the store's history, in resourceVersion order. */
export interface StoredEvent {
  rv: number;
  type: WatchEventType;
  /** Resource key, see {@link ResourceType.key}. */
  resource: string;
  object: KObject;
  /** The object before this change (MODIFIED and DELETED), for selector transitions. */
  previous?: KObject;
}

/** A served resource, as discovery advertises it. */
export interface ResourceType {
  /** `pods`, `apps/deployments`, `discovery.k8s.io/endpointslices`. */
  key: string;
  group: string;
  version: string;
  /** Plural name, as in the URL. */
  resource: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  subresources: ('status' | 'scale' | 'eviction')[];
  categories?: string[];
}

export function apiVersionOf(rt: Pick<ResourceType, 'group' | 'version'>): string {
  return rt.group === '' ? rt.version : `${rt.group}/${rt.version}`;
}
