import { rfc3339 } from '../clock';
import type { KObject, ResourceType } from '../store/types';
import { conflict, forbidden } from './errors';

/** metav1.DeleteOptions as the embedded cluster honours them. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  orphanDependents?: boolean;
  dryRun?: string[];
}

/** The outcome of a DELETE before it is written: remove now, or keep this updated object. */
export interface DeletionPlan {
  remove: boolean;
  object: KObject;
}

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/**
 * Decides what a DELETE does (k8s.io/apiserver rest.BeforeDelete and the pod strategy's
 * CheckGracefulDelete): preconditions, the GC finalizers of the propagation policy, the pod
 * grace period (shorten-only, immediate for unscheduled or terminal pods) and finalizers.
 * Throws 409 on a failed precondition.
 */
export function resolveDeletion(
  rt: ResourceType,
  old: KObject,
  opts: DeleteOptions,
  now: number,
): DeletionPlan {
  checkPreconditions(rt, old, opts.preconditions);
  // A pending graceful deletion that is not shortened changes nothing, finalizers included.
  if (rt.key === 'pods' && pendingGraceful(old, opts.gracePeriodSeconds))
    return { remove: false, object: old };
  const next = structuredClone(old);
  applyPropagation(next, opts);
  if (rt.key === 'namespaces') return deleteNamespace(old, next, now);
  if (rt.key === 'pods') {
    const graceful = podGrace(next, opts.gracePeriodSeconds, now);
    if (graceful) return { remove: false, object: unchangedOr(old, next) };
  }
  const meta = next.metadata;
  // A pod going at once is first written with its deletionTimestamp (watchers see MODIFIED,
  // then DELETED), as the generic store does for graceful kinds.
  if ((meta.finalizers ?? []).length === 0) return { remove: true, object: unchangedOr(old, next) };
  if (!meta.deletionTimestamp) meta.deletionTimestamp = rfc3339(now);
  meta.deletionGracePeriodSeconds = 0;
  return { remove: false, object: unchangedOr(old, next) };
}

function checkPreconditions(
  rt: ResourceType,
  old: KObject,
  pre: DeleteOptions['preconditions'],
): void {
  const label = { group: rt.group, resource: rt.kind };
  const name = old.metadata.name ?? '';
  if (pre?.uid !== undefined && pre.uid !== old.metadata.uid) {
    throw conflict(
      label,
      name,
      `the UID in the precondition (${pre.uid}) does not match the UID in record (${old.metadata.uid ?? ''}). The object might have been deleted and then recreated`,
    );
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(
      label,
      name,
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${old.metadata.resourceVersion ?? ''}). The object might have been modified`,
    );
  }
}

/** Foreground and Orphan deletion are carried out by the garbage collector through finalizers. */
function applyPropagation(obj: KObject, opts: DeleteOptions): void {
  let policy = opts.propagationPolicy;
  if (policy === undefined && opts.orphanDependents !== undefined) {
    policy = opts.orphanDependents ? 'Orphan' : 'Background';
  }
  if (policy === undefined) return;
  const keep = (obj.metadata.finalizers ?? []).filter(
    (f) => f !== 'orphan' && f !== 'foregroundDeletion',
  );
  if (policy === 'Orphan') keep.push('orphan');
  if (policy === 'Foreground') keep.push('foregroundDeletion');
  if (keep.length > 0) obj.metadata.finalizers = keep;
  else delete obj.metadata.finalizers;
}

/**
 * Sets the pod's deletion timestamp and grace period; true when the pod must wait for its
 * kubelet, false when it goes at once (grace 0).
 */
function podGrace(pod: KObject, requested: number | undefined, now: number): boolean {
  const meta = pod.metadata;
  if (meta.deletionTimestamp) {
    const oldGrace = meta.deletionGracePeriodSeconds ?? 0;
    if (oldGrace === 0) return false;
    if (requested === undefined || requested >= oldGrace) return true;
    const grace = requested < 0 ? 1 : requested;
    const start = Date.parse(meta.deletionTimestamp) - oldGrace * 1000;
    meta.deletionTimestamp = rfc3339(start + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    return grace > 0;
  }
  let grace = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  const phase = pod.status?.phase;
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
  if (grace < 0) grace = 1;
  if (grace === 0) {
    meta.deletionTimestamp = rfc3339(now);
    meta.deletionGracePeriodSeconds = 0;
    return false;
  }
  meta.deletionTimestamp = rfc3339(now + grace * 1000);
  meta.deletionGracePeriodSeconds = grace;
  return true;
}

function pendingGraceful(pod: KObject, requested: number | undefined): boolean {
  const grace = pod.metadata.deletionGracePeriodSeconds ?? 0;
  if (!pod.metadata.deletionTimestamp || grace === 0) return false;
  return requested === undefined || requested >= grace;
}

/** A namespace turns Terminating; the namespace controller empties and then removes it. */
function deleteNamespace(old: KObject, ns: KObject, now: number): DeletionPlan {
  const name = ns.metadata.name ?? '';
  if (PROTECTED_NAMESPACES.has(name)) {
    throw forbidden(
      { group: '', resource: 'namespaces' },
      name,
      'this namespace may not be deleted',
    );
  }
  const finalizers = [...(ns.spec?.finalizers ?? []), ...(ns.metadata.finalizers ?? [])];
  if (ns.metadata.deletionTimestamp && finalizers.length === 0) return { remove: true, object: ns };
  if (!ns.metadata.deletionTimestamp) {
    ns.metadata.deletionTimestamp = rfc3339(now);
    ns.status = { ...(ns.status ?? {}), phase: 'Terminating' };
  }
  return { remove: false, object: unchangedOr(old, ns) };
}

function unchangedOr(old: KObject, next: KObject): KObject {
  return JSON.stringify(old) === JSON.stringify(next) ? old : next;
}
