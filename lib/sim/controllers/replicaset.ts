import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';
import { isActive, isPodReady, splitKey, type Controller, type ControllerContext } from './context';
import { WorkQueue } from './queue';
import {
  createPod,
  deletePod,
  isPodAvailable,
  nextAvailableIn,
  omitZero,
  ownedBy,
  podFromTemplate,
  readySince,
  watchOwned,
  writeStatus,
} from './workload-pods';

const REPLICASETS = resourceType('apps/replicasets');
const COMPONENT = 'replicaset-controller';
/** controller.BurstReplicas: the most pods one sync creates or deletes. */
const BURST = 500;
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const time = (s: unknown): number => (typeof s === 'string' ? Date.parse(s) : 0);
const restarts = (p: KObject): number =>
  Math.max(
    0,
    ...((p.status?.containerStatuses ?? []) as { restartCount?: number }[]).map(
      (c) => c.restartCount ?? 0,
    ),
  );

/**
 * controller.ActivePodsWithRanks: negative when `a` is less useful than `b` and goes first on
 * scale-down — unscheduled, then pending, not ready, cheaper to delete, crowded on one node,
 * ready more recently, restarted more, created more recently.
 */
function lessUseful(a: KObject, b: KObject, rank: Map<KObject, number>, now: number): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
  const cost = (p: KObject) => {
    const n = Number(p.metadata.annotations?.[DELETION_COST] ?? 0);
    return Number.isFinite(n) ? n : 0;
  };
  if (cost(a) !== cost(b)) return cost(a) - cost(b);
  if (rank.get(a) !== rank.get(b)) return (rank.get(b) ?? 0) - (rank.get(a) ?? 0);
  const ra = readySince(a) ?? now;
  const rb = readySince(b) ?? now;
  if (isPodReady(a) && ra !== rb) return rb - ra;
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return time(b.metadata.creationTimestamp) - time(a.metadata.creationTimestamp);
}

/** replicaset.getPodsToDelete: the `n` least useful pods, ranked by co-located siblings. */
function podsToDelete(active: KObject[], n: number, now: number): KObject[] {
  const perNode = new Map<string, number>();
  for (const p of active)
    perNode.set(p.spec?.nodeName ?? '', (perNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  const rank = new Map(active.map((p) => [p, perNode.get(p.spec?.nodeName ?? '') ?? 0]));
  return [...active].sort((a, b) => lessUseful(a, b, rank, now)).slice(0, n);
}

/** replicaset.calculateStatus over the active pods (terminating and terminal pods excluded). */
function replicaSetStatus(rs: KObject, active: KObject[], now: number): Record<string, unknown> {
  const labels = (rs.spec?.template?.metadata?.labels ?? {}) as Record<string, string>;
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const fully = active.filter((p) =>
    Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v),
  );
  const ready = active.filter(isPodReady);
  const status = {
    replicas: active.length,
    fullyLabeledReplicas: fully.length,
    readyReplicas: ready.length,
    availableReplicas: ready.filter((p) => isPodAvailable(p, minReady, now)).length,
    observedGeneration: rs.metadata.generation ?? 0,
  };
  return omitZero(status, [
    'fullyLabeledReplicas',
    'readyReplicas',
    'availableReplicas',
    'observedGeneration',
  ]);
}

/** replicaset.manageReplicas: create or delete pods until the active ones number spec.replicas. */
function manageReplicas(ctx: ControllerContext, rs: KObject, active: KObject[]): void {
  const diff = active.length - (rs.spec?.replicas ?? 1);
  if (diff < 0) {
    // names.SimpleNameGenerator cuts the prefix to 58 characters: with its suffix, at most 63.
    const generateName = `${rs.metadata.name ?? ''}-`.slice(0, 58);
    for (let i = 0; i < Math.min(-diff, BURST); i++) {
      createPod(ctx, rs, podFromTemplate(rs, rs.spec?.template, { generateName }), COMPONENT);
    }
  } else if (diff > 0) {
    for (const pod of podsToDelete(active, Math.min(diff, BURST), ctx.clock.now()))
      deletePod(ctx, rs, pod, COMPONENT);
  }
}

function syncReplicaSet(ctx: ControllerContext, queue: WorkQueue, key: string): void {
  const [ns, name] = splitKey(key);
  const rs = ctx.registry.tryGet(REPLICASETS, ns, name);
  if (!rs) return;
  // A ReplicaSet being deleted keeps its pods for the garbage collector to handle.
  if (!rs.metadata.deletionTimestamp) manageReplicas(ctx, rs, ownedBy(ctx, rs).filter(isActive));
  const active = ownedBy(ctx, rs).filter(isActive);
  const now = ctx.clock.now();
  writeStatus(ctx, REPLICASETS, rs, replicaSetStatus(rs, active, now));
  const wait = nextAvailableIn(active, rs.spec?.minReadySeconds ?? 0, now);
  if (wait !== undefined) queue.addAfter(key, wait);
}

/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods.
 * Terminating and terminal pods do not count (controller.FilterActivePods), so an evicted pod
 * is replaced as soon as it starts terminating; scale-down removes the least useful pods first.
 */
export function createReplicaSetController(ctx: ControllerContext): Controller {
  const queue = new WorkQueue(ctx.clock, (key) => syncReplicaSet(ctx, queue, key));
  let unsubscribe = (): void => undefined;
  return {
    start() {
      unsubscribe = watchOwned(ctx, REPLICASETS.key, 'ReplicaSet', queue);
    },
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}
