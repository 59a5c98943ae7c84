/**
 * What the workload controllers share, after upstream's pkg/controller/controller_utils.go:
 * pods made from templates and owned through a controller reference, pod availability,
 * template hashes, status writes and the watch that feeds their work queues.
 */
import { defaultPodSpec } from '../api/pod-spec';
import { resourceType } from '../store/resources';
import type { KObject, OwnerReference, ResourceType, StoredEvent } from '../store/types';
import { controllerRef, keyOf, type ControllerContext } from './context';
import type { WorkQueue } from './queue';

export const PODS = resourceType('pods');

/** The controller ownerReference that workload controllers put on what they create. */
export function ownerRefTo(owner: KObject): OwnerReference {
  const m = owner.metadata;
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: m.name ?? '',
    uid: m.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** controller.GetPodFromTemplate: the template's labels, annotations, finalizers and spec. */
export function podFromTemplate(
  owner: KObject,
  template: KObject['spec'],
  meta: KObject['metadata'],
): KObject {
  const t = structuredClone(template ?? {});
  const tm = t.metadata ?? {};
  const metadata: KObject['metadata'] = {
    ...meta,
    namespace: owner.metadata.namespace,
    labels: { ...(tm.labels ?? {}), ...(meta.labels ?? {}) },
    ownerReferences: [ownerRefTo(owner)],
  };
  if (tm.annotations) metadata.annotations = tm.annotations;
  if (tm.finalizers) metadata.finalizers = tm.finalizers;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: t.spec ?? {} };
}

/** Objects (pods by default) whose controller reference names `owner`; orphans are not adopted. */
export function ownedBy(
  ctx: ControllerContext,
  owner: KObject,
  rt: ResourceType = PODS,
): KObject[] {
  const uid = owner.metadata.uid ?? '';
  return ctx.owners
    .dependents(uid, rt.key)
    .map((r) => ctx.registry.tryGet(rt, r.namespace, r.name))
    .filter((p): p is KObject => p !== undefined && controllerRef(p)?.uid === uid);
}

/** When the pod's Ready condition last turned True, in ms, or undefined when it is not ready. */
export function readySince(pod: KObject): number | undefined {
  const conds = (pod.status?.conditions ?? []) as {
    type: string;
    status: string;
    lastTransitionTime?: string;
  }[];
  const ready = conds.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return undefined;
  return ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : 0;
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(pod: KObject, minReadySeconds: number, now: number): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  return minReadySeconds <= 0 || since + minReadySeconds * 1000 <= now;
}

/** How long until the next ready-but-not-yet-available pod turns available, if any will. */
export function nextAvailableIn(
  pods: KObject[],
  minReadySeconds: number,
  now: number,
): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  const waits = pods
    .map((p) => readySince(p))
    .filter((s): s is number => s !== undefined && s + minReadySeconds * 1000 > now)
    .map((s) => s + minReadySeconds * 1000 - now);
  return waits.length > 0 ? Math.min(...waits) : undefined;
}

/** Writes `status` through the status subresource; the registry skips writes that change nothing. */
export function writeStatus(
  ctx: ControllerContext,
  rt: ResourceType,
  obj: KObject,
  status: Record<string, unknown>,
): void {
  ctx.registry.mutate(
    rt,
    obj.metadata.namespace ?? '',
    obj.metadata.name ?? '',
    (o) => void (o.status = status),
    {
      subresource: 'status',
    },
  );
}

/** Drops zero counts that the Go types mark `omitempty`, so the wire shape matches upstream's. */
export function omitZero(status: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out = { ...status };
  for (const k of keys) if (out[k] === 0 || out[k] === '' || out[k] === undefined) delete out[k];
  return out;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v === null || typeof v !== 'object') return v;
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  return Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]),
  );
}

/**
 * A pod template as the apiserver would store it, minus `pod-template-hash`, so that equal
 * templates compare (and hash) equal whatever their key order or defaulting.
 */
export function normalTemplate(template: KObject['spec']): unknown {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  t.spec = defaultPodSpec(t.spec ?? {});
  return canonical(t);
}

/**
 * controller.ComputeHash: FNV-32a of the template (and collision count), spelled with
 * rand.SafeEncodeString's alphabet, which has no vowels so that no word is ever spelled.
 */
export function templateHash(template: KObject['spec'], collisionCount?: number): string {
  let h = 0x811c9dc5;
  const text =
    JSON.stringify(normalTemplate(template)) +
    (collisionCount === undefined ? '' : `#${collisionCount}`);
  for (const b of Buffer.from(text, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...String(h)].map((c) => alphabet[c.charCodeAt(0) % alphabet.length]).join('');
}

/**
 * Creates a pod for `owner` and records controller.RealPodControl's events: SuccessfulCreate,
 * or FailedCreate before rethrowing (the work queue retries with backoff).
 */
export function createPod(
  ctx: ControllerContext,
  owner: KObject,
  pod: KObject,
  component: string,
): KObject {
  try {
    const created = ctx.registry.create(PODS, owner.metadata.namespace ?? '', pod);
    ctx.events.record(
      owner,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${created.metadata.name ?? ''}`,
      component,
    );
    return created;
  } catch (err) {
    ctx.events.record(
      owner,
      'Warning',
      'FailedCreate',
      `Error creating: ${(err as Error).message}`,
      component,
    );
    throw err;
  }
}

/** Deletes a pod gracefully, recording SuccessfulDelete; a pod already gone is not an error. */
export function deletePod(
  ctx: ControllerContext,
  owner: KObject,
  pod: KObject,
  component: string,
): void {
  const name = pod.metadata.name ?? '';
  if (!ctx.registry.tryGet(PODS, pod.metadata.namespace ?? '', name)) return;
  ctx.registry.delete(PODS, pod.metadata.namespace ?? '', name, {
    preconditions: { uid: pod.metadata.uid ?? '' },
  });
  ctx.events.record(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, component);
}

/**
 * Subscribes `queue` to an owner resource and to its controlled children (pods by default):
 * the owner's own changes and any change of an object whose controller is of `kind`.
 */
export function watchOwned(
  ctx: ControllerContext,
  resource: string,
  kind: string,
  queue: WorkQueue,
  child = 'pods',
): () => void {
  for (const obj of ctx.store.list(resource)) queue.add(keyOf(obj));
  const unsubscribe = ctx.store.subscribe((e: StoredEvent) => {
    if (e.resource === resource) return queue.add(keyOf(e.object));
    if (e.resource !== child) return;
    for (const obj of [e.object, e.previous]) {
      const ref = obj && controllerRef(obj);
      if (ref?.kind === kind) queue.add(`${obj?.metadata.namespace ?? ''}/${ref.name}`);
    }
  });
  return () => void unsubscribe();
}
