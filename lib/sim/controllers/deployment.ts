import type { KObject, StoredEvent } from '../store/types';
import { controllerRef, splitKey, type Controller, type ControllerContext } from './context';
import { checkPaused, syncStatus } from './deployment-progress';
import {
  cleanupOld,
  rolloutRecreate,
  rolloutRolling,
  scaleReplicaSet,
  syncNewReplicaSet,
} from './deployment-rollout';
import {
  DEPLOYMENTS,
  DESIRED,
  MAX,
  REPLICASETS,
  allOf,
  byCreation,
  desiredOf,
  isRolling,
  maxSurge,
  replicasOf,
  splitReplicaSets,
  sum,
  type Rollout,
} from './deployment-util';
import { WorkQueue } from './queue';
import { ownedBy, watchOwned } from './workload-pods';

/** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
function isScalingEvent(r: Rollout): boolean {
  const desired = String(desiredOf(r.d));
  return allOf(r).some((rs) => {
    const annotated = rs.metadata.annotations?.[DESIRED];
    return replicasOf(rs) > 0 && annotated !== undefined && annotated !== desired;
  });
}

/** getReplicaSetFraction: a ReplicaSet's share of the change, by the max-replicas it was sized for. */
function fraction(rs: KObject, d: KObject): number {
  if (desiredOf(d) === 0) return -replicasOf(rs);
  const annotated = Number(rs.metadata.annotations?.[MAX] ?? 0);
  const before =
    Number.isFinite(annotated) && annotated > 0 ? annotated : (d.status?.replicas ?? 0);
  if (before === 0) return 0;
  return Math.round((replicasOf(rs) * (desiredOf(d) + maxSurge(d))) / before) - replicasOf(rs);
}

/** The proportional part of DeploymentController.scale; leftovers go to the largest ReplicaSet. */
function scaleProportionally(ctx: ControllerContext, r: Rollout, active: KObject[]): void {
  const d = r.d;
  const allowed = desiredOf(d) > 0 ? desiredOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - sum(active, replicasOf);
  // Among equal sizes, grow the newer first and shrink the older first.
  const sorted = [...active].sort(
    (a, b) => replicasOf(b) - replicasOf(a) || (toAdd > 0 ? byCreation(b, a) : byCreation(a, b)),
  );
  let added = 0;
  const sizes = sorted.map((rs) => {
    if (toAdd === 0 || toAdd === added) return replicasOf(rs);
    const f = fraction(rs, d);
    const p = toAdd > 0 ? Math.min(f, toAdd - added) : Math.max(f, toAdd - added);
    added += p;
    return replicasOf(rs) + p;
  });
  sorted.forEach((rs, i) => {
    const size = i === 0 ? Math.max(0, (sizes[0] ?? 0) + toAdd - added) : (sizes[i] ?? 0);
    scaleReplicaSet(ctx, r, rs, size, toAdd > 0 ? 'up' : 'down');
  });
}

/** DeploymentController.scale: a new spec.replicas, applied to the one active ReplicaSet or spread. */
function scaleDeployment(ctx: ControllerContext, r: Rollout): void {
  const desired = desiredOf(r.d);
  const active = allOf(r).filter((rs) => replicasOf(rs) > 0);
  if (active.length <= 1) {
    const target = active[0] ?? r.newRS ?? [...r.old].sort(byCreation).at(-1);
    if (target) scaleReplicaSet(ctx, r, target, desired);
    return;
  }
  const n = r.newRS;
  const saturated =
    n !== undefined &&
    replicasOf(n) === desired &&
    n.metadata.annotations?.[DESIRED] === String(desired) &&
    (n.status?.availableReplicas ?? 0) === desired;
  if (saturated) {
    for (const rs of r.old) if (replicasOf(rs) > 0) scaleReplicaSet(ctx, r, rs, 0);
  } else if (isRolling(r.d)) scaleProportionally(ctx, r, active);
}

function syncDeployment(ctx: ControllerContext, queue: WorkQueue, key: string): void {
  const [ns, name] = splitKey(key);
  const d = ctx.registry.tryGet(DEPLOYMENTS, ns, name);
  if (!d) return;
  const r = splitReplicaSets(d, ownedBy(ctx, d, REPLICASETS));
  if (d.metadata.deletionTimestamp) {
    syncNewReplicaSet(ctx, r, false);
    return syncStatus(ctx, queue, r, false);
  }
  checkPaused(r, ctx.clock.now());
  // A paused Deployment still scales; it just does not roll out.
  if (d.spec?.paused === true || isScalingEvent(r)) {
    syncNewReplicaSet(ctx, r, false);
    scaleDeployment(ctx, r);
    if (d.spec?.paused === true) cleanupOld(ctx, r);
    return syncStatus(ctx, queue, r, false);
  }
  if (isRolling(d)) rolloutRolling(ctx, r);
  else rolloutRecreate(ctx, r);
  syncStatus(ctx, queue, r, true);
}

/** A pod going away may be what a Recreate rollout waits for (DeploymentController.deletePod). */
function onPodDeleted(ctx: ControllerContext, queue: WorkQueue, e: StoredEvent): void {
  if (e.resource !== 'pods' || e.type !== 'DELETED') return;
  const ref = controllerRef(e.object);
  if (ref?.kind !== 'ReplicaSet') return;
  const rs = ctx.registry.tryGet(REPLICASETS, e.object.metadata.namespace ?? '', ref.name);
  const owner = rs && controllerRef(rs);
  if (rs && owner?.kind === 'Deployment') queue.add(`${rs.metadata.namespace ?? ''}/${owner.name}`);
}

/**
 * The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template,
 * named `<deployment>-<pod-template-hash>`; RollingUpdate within maxSurge/maxUnavailable or
 * Recreate; proportional scaling mid-rollout; status and the Available/Progressing conditions
 * that `kubectl rollout status` and `kubectl describe` read.
 */
export function createDeploymentController(ctx: ControllerContext): Controller {
  const queue = new WorkQueue(ctx.clock, (key) => syncDeployment(ctx, queue, key));
  let unsubscribe: (() => void)[] = [];
  return {
    start() {
      unsubscribe = [
        watchOwned(ctx, DEPLOYMENTS.key, 'Deployment', queue, REPLICASETS.key),
        ctx.store.subscribe((e) => onPodDeleted(ctx, queue, e)),
      ];
    },
    stop() {
      for (const u of unsubscribe) u();
      queue.stop();
    },
  };
}
