import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';
import {
  isPodReady,
  isTerminal,
  splitKey,
  type Controller,
  type ControllerContext,
} from './context';
import { WorkQueue } from './queue';
import {
  PODS,
  isPodAvailable,
  nextAvailableIn,
  omitZero,
  ownedBy,
  podFromTemplate,
  templateHash,
  watchOwned,
  writeStatus,
} from './workload-pods';

const STATEFULSETS = resourceType('apps/statefulsets');
const COMPONENT = 'statefulset-controller';
const REVISION_LABEL = 'controller-revision-hash';

/** One sync's view of a StatefulSet (pkg/controller/statefulset's updateStatefulSet). */
interface SetSync {
  set: KObject;
  /** Pods by ordinal for the ordinals the set should have; a missing entry is not created yet. */
  replicas: Map<number, KObject | undefined>;
  /** Pods beyond the wanted ordinals, highest ordinal first. */
  condemned: KObject[];
  monotonic: boolean;
  minReady: number;
  now: number;
  currentRevision: string;
  updateRevision: string;
}

const nameOf = (o: KObject): string => o.metadata.name ?? '';
const revisionOf = (pod: KObject): string => pod.metadata.labels?.[REVISION_LABEL] ?? '';
const terminating = (pod: KObject): boolean => pod.metadata.deletionTimestamp !== undefined;
const runningAndReady = (pod: KObject): boolean =>
  pod.status?.phase === 'Running' && isPodReady(pod);
const healthy = (s: SetSync, pod: KObject): boolean =>
  runningAndReady(pod) && !terminating(pod) && isPodAvailable(pod, s.minReady, s.now);

/** getOrdinal: the ordinal in `<set>-<ordinal>`, or -1 for a pod whose name does not fit. */
function ordinalOf(set: KObject, pod: KObject): number {
  const prefix = `${nameOf(set)}-`;
  const rest = nameOf(pod).slice(prefix.length);
  return nameOf(pod).startsWith(prefix) && /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

/**
 * newVersionedStatefulSetPod: `<set>-<ordinal>` with its identity labels, hostname and
 * subdomain; below the partition a pod keeps the current revision's template.
 */
function newPod(s: SetSync, ordinal: number, templates: Map<string, unknown>): KObject {
  const partition = s.set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  const rolling = (s.set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const keepCurrent = rolling && ordinal < partition && templates.has(s.currentRevision);
  const revision = keepCurrent ? s.currentRevision : s.updateRevision;
  const template = keepCurrent ? templates.get(s.currentRevision) : s.set.spec?.template;
  const name = `${nameOf(s.set)}-${ordinal}`;
  const labels = {
    'statefulset.kubernetes.io/pod-name': name,
    'apps.kubernetes.io/pod-index': String(ordinal),
    [REVISION_LABEL]: revision,
  };
  const pod = podFromTemplate(s.set, template, { name, labels });
  pod.spec.hostname = name;
  if (s.set.spec?.serviceName) pod.spec.subdomain = s.set.spec.serviceName;
  return pod;
}

/** StatefulPodControl: creates or deletes one pod and records the outcome in upstream's words. */
function act(ctx: ControllerContext, s: SetSync, verb: 'create' | 'delete', pod: KObject): void {
  const ns = s.set.metadata.namespace ?? '';
  const what = `${verb} Pod ${nameOf(pod)} in StatefulSet ${nameOf(s.set)}`;
  const Verb = verb === 'create' ? 'Create' : 'Delete';
  try {
    if (verb === 'create') ctx.registry.create(PODS, ns, pod);
    else
      ctx.registry.delete(PODS, ns, nameOf(pod), {
        preconditions: { uid: pod.metadata.uid ?? '' },
      });
  } catch (err) {
    const message = `${what} failed error: ${(err as Error).message}`;
    ctx.events.record(s.set, 'Warning', `Failed${Verb}`, message, COMPONENT);
    throw err;
  }
  ctx.events.record(s.set, 'Normal', `Successful${Verb}`, `${what} successful`, COMPONENT);
}

/**
 * processReplica for each wanted ordinal, lowest first; true when the sync must stop here.
 * A terminal pod is deleted and its name reused only once it is gone; OrderedReady waits for
 * every lower ordinal to be Running and Ready before creating the next.
 */
function processReplicas(
  ctx: ControllerContext,
  s: SetSync,
  templates: Map<string, unknown>,
): boolean {
  const ordinals = [...s.replicas.keys()].sort((a, b) => a - b);
  for (const ordinal of ordinals) {
    const pod = s.replicas.get(ordinal);
    if (pod && isTerminal(pod)) {
      if (!terminating(pod)) act(ctx, s, 'delete', pod);
      return true;
    }
    if (!pod) {
      act(ctx, s, 'create', newPod(s, ordinal, templates));
      if (s.monotonic) return true;
      continue;
    }
    if (s.monotonic && !healthy(s, pod)) return true;
  }
  return false;
}

/** processCondemned: scale down from the highest ordinal; OrderedReady deletes one at a time. */
function processCondemned(ctx: ControllerContext, s: SetSync): boolean {
  const pods = [...s.replicas.values(), ...[...s.condemned].reverse()];
  const unhealthy = pods.find((p) => p !== undefined && !healthy(s, p));
  for (const pod of s.condemned) {
    if (terminating(pod)) {
      if (s.monotonic) return true;
      continue;
    }
    // Only the first unhealthy pod may go while others are unhealthy, so a broken set still shrinks.
    if (s.monotonic && !healthy(s, pod) && pod !== unhealthy) return true;
    act(ctx, s, 'delete', pod);
    if (s.monotonic) return true;
  }
  return false;
}

/** The RollingUpdate strategy: replace pods of an old revision from the highest ordinal, one at a time. */
function rollingUpdate(ctx: ControllerContext, s: SetSync): void {
  const strategy = s.set.spec?.updateStrategy ?? {};
  if (strategy.type === 'OnDelete') return;
  const partition = strategy.rollingUpdate?.partition ?? 0;
  const ordinals = [...s.replicas.keys()].filter((o) => o >= partition).sort((a, b) => b - a);
  for (const ordinal of ordinals) {
    const pod = s.replicas.get(ordinal);
    if (!pod) return;
    if (revisionOf(pod) !== s.updateRevision && !terminating(pod))
      return act(ctx, s, 'delete', pod);
    if (!healthy(s, pod)) return;
  }
}

/** computeReplicaStatus and completeRollingUpdate; terminating pods still count in `replicas`. */
function statefulSetStatus(s: SetSync, pods: KObject[]): Record<string, unknown> {
  const live = pods.filter((p) => !terminating(p));
  const ready = pods.filter(runningAndReady);
  const status = {
    observedGeneration: s.set.metadata.generation ?? 0,
    replicas: pods.length,
    readyReplicas: ready.length,
    currentReplicas: live.filter((p) => revisionOf(p) === s.currentRevision).length,
    updatedReplicas: live.filter((p) => revisionOf(p) === s.updateRevision).length,
    currentRevision: s.currentRevision,
    updateRevision: s.updateRevision,
    collisionCount: s.set.status?.collisionCount ?? 0,
    availableReplicas: ready.filter((p) => isPodAvailable(p, s.minReady, s.now)).length,
  };
  const rolling = (s.set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (
    rolling &&
    status.updatedReplicas === status.replicas &&
    status.readyReplicas === status.replicas
  ) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
  const omitted = ['observedGeneration', 'readyReplicas', 'currentReplicas', 'updatedReplicas'];
  return omitZero(status, [...omitted, 'currentRevision', 'updateRevision']);
}

/** Splits the owned pods into wanted ordinals and condemned ones (ordinals from spec.ordinals.start). */
function snapshot(ctx: ControllerContext, set: KObject, pods: KObject[]): SetSync {
  const start = set.spec?.ordinals?.start ?? 0;
  const end = start + (set.spec?.replicas ?? 1);
  const replicas = new Map<number, KObject | undefined>();
  for (let i = start; i < end; i++) replicas.set(i, undefined);
  const condemned: KObject[] = [];
  for (const pod of pods) {
    const ordinal = ordinalOf(set, pod);
    if (ordinal >= start && ordinal < end) replicas.set(ordinal, pod);
    else if (ordinal >= 0) condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
  const updateRevision = `${nameOf(set)}-${templateHash(set.spec?.template, set.status?.collisionCount ?? 0)}`;
  return {
    set,
    replicas,
    condemned,
    monotonic: set.spec?.podManagementPolicy !== 'Parallel',
    minReady: set.spec?.minReadySeconds ?? 0,
    now: ctx.clock.now(),
    currentRevision: set.status?.currentRevision || updateRevision,
    updateRevision,
  };
}

function syncStatefulSet(
  ctx: ControllerContext,
  queue: WorkQueue,
  templates: Map<string, unknown>,
  key: string,
) {
  const [ns, name] = splitKey(key);
  const set = ctx.registry.tryGet(STATEFULSETS, ns, name);
  if (!set) return;
  const s = snapshot(ctx, set, ownedBy(ctx, set));
  // Revisions are not stored as ControllerRevisions here; their templates are remembered instead.
  templates.set(s.updateRevision, structuredClone(set.spec?.template));
  if (!set.metadata.deletionTimestamp) {
    if (!processReplicas(ctx, s, templates) && !processCondemned(ctx, s)) rollingUpdate(ctx, s);
  }
  const pods = ownedBy(ctx, set);
  writeStatus(ctx, STATEFULSETS, set, statefulSetStatus(s, pods));
  const wait = nextAvailableIn(pods, s.minReady, s.now);
  if (wait !== undefined) queue.addAfter(key, wait);
}

/**
 * The StatefulSet controller (pkg/controller/statefulset): pods `<set>-<ordinal>` with stable
 * identities. OrderedReady creates ordinal i only once 0..i-1 are Running and Ready and removes
 * from the highest ordinal one at a time; Parallel does not wait. A name is reused only after
 * the old pod is gone. RollingUpdate replaces pods from the highest ordinal, waiting for Ready.
 */
export function createStatefulSetController(ctx: ControllerContext): Controller {
  const templates = new Map<string, unknown>();
  const queue = new WorkQueue(ctx.clock, (key) => syncStatefulSet(ctx, queue, templates, key));
  let unsubscribe = (): void => undefined;
  return {
    start() {
      unsubscribe = watchOwned(ctx, STATEFULSETS.key, 'StatefulSet', queue);
    },
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}
