/**
 * The rollout steps of pkg/controller/deployment (sync.go's getNewReplicaSet, rolling.go and
 * recreate.go): each scales ReplicaSets and leaves the status to the caller.
 */
import type { KObject } from '../store/types';
import type { ControllerContext } from './context';
import {
  COMPONENT,
  DEPLOYMENTS,
  DESIRED,
  HASH_LABEL,
  MAX,
  REPLICASETS,
  REVISION,
  allOf,
  byCreation,
  condition,
  copiedAnnotations,
  desiredOf,
  isComplete,
  isRolling,
  maxSurge,
  maxUnavailable,
  nameOf,
  replicasOf,
  revisionOf,
  setCondition,
  sum,
  type Rollout,
} from './deployment-util';
import { ownedBy, ownerRefTo, templateHash } from './workload-pods';

/**
 * Resizes a ReplicaSet and refreshes its desired/max-replicas annotations
 * (DeploymentController.scaleReplicaSet); true when the size changed.
 */
export function scaleReplicaSet(
  ctx: ControllerContext,
  r: Rollout,
  rs: KObject,
  to: number,
  op?: string,
): boolean {
  const from = replicasOf(rs);
  const desired = String(desiredOf(r.d));
  const max = String(desiredOf(r.d) + maxSurge(r.d));
  const next = ctx.registry.mutate(REPLICASETS, rs.metadata.namespace ?? '', nameOf(rs), (o) => {
    o.spec.replicas = to;
    o.metadata.annotations = { ...o.metadata.annotations, [DESIRED]: desired, [MAX]: max };
  });
  if (!next) return false;
  if (r.newRS === rs) r.newRS = next;
  else r.old = r.old.map((o) => (o === rs ? next : o));
  if (from === to) return false;
  const message = `Scaled ${op ?? (from < to ? 'up' : 'down')} replica set ${nameOf(rs)} from ${from} to ${to}`;
  ctx.events.record(r.d, 'Normal', 'ScalingReplicaSet', message, COMPONENT);
  return true;
}

/** deploymentutil.NewRSNewReplicas: Recreate goes straight to spec.replicas; RollingUpdate within maxSurge. */
function newReplicas(r: Rollout, current: number): number {
  const desired = desiredOf(r.d);
  if (!isRolling(r.d)) return desired;
  const maxTotal = desired + maxSurge(r.d);
  const total = sum(r.old, replicasOf) + current;
  if (total >= maxTotal) return current;
  return current + Math.min(maxTotal - total, desired - current);
}

/** The ReplicaSet for the Deployment's template: `pod-template-hash` joins labels and selector. */
function replicaSetBody(d: KObject, hash: string, revision: string, replicas: number): KObject {
  const template = structuredClone(d.spec?.template ?? {});
  const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
  const annotations: Record<string, string> = { ...copiedAnnotations(d), [REVISION]: revision };
  annotations[DESIRED] = String(desiredOf(d));
  annotations[MAX] = String(desiredOf(d) + maxSurge(d));
  const spec: Record<string, unknown> = { replicas, selector, template };
  if (d.spec?.minReadySeconds) spec.minReadySeconds = d.spec.minReadySeconds;
  const metadata = {
    name: `${nameOf(d)}-${hash}`,
    namespace: d.metadata.namespace,
    labels,
    annotations,
    ownerReferences: [ownerRefTo(d)],
  };
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata, spec };
}

/** getNewReplicaSet's create path: the ReplicaSet named `<deployment>-<hash>`, sized by NewRSNewReplicas. */
function createNewReplicaSet(ctx: ControllerContext, r: Rollout, revision: string, now: number) {
  const ns = r.d.metadata.namespace ?? '';
  const hash = templateHash(r.d.spec?.template, r.collisionCount);
  const name = `${nameOf(r.d)}-${hash}`;
  // The name is taken by a ReplicaSet with another template: hash again with a bumped count.
  if (ctx.registry.tryGet(REPLICASETS, ns, name)) {
    r.collisionCount = (r.collisionCount ?? 0) + 1;
    return;
  }
  const replicas = newReplicas(r, 0);
  r.newRS = ctx.registry.create(REPLICASETS, ns, replicaSetBody(r.d, hash, revision, replicas));
  if (replicas > 0) {
    const message = `Scaled up replica set ${name} from 0 to ${replicas}`;
    ctx.events.record(r.d, 'Normal', 'ScalingReplicaSet', message, COMPONENT);
  }
  const message = `Created new replica set "${name}"`;
  const created = condition('Progressing', 'True', 'NewReplicaSetCreated', message, now);
  r.conds = setCondition(r.conds, created);
}

/** Brings an existing new ReplicaSet's annotations, revision and minReadySeconds up to date. */
function syncExisting(
  ctx: ControllerContext,
  r: Rollout,
  rs: KObject,
  revision: string,
  now: number,
): void {
  r.newRS =
    ctx.registry.mutate(REPLICASETS, rs.metadata.namespace ?? '', nameOf(rs), (o) => {
      o.metadata.annotations = { ...o.metadata.annotations, ...copiedAnnotations(r.d) };
      // A rollback makes an old ReplicaSet new again, under the next revision.
      if (revisionOf(o) < Number(revision)) o.metadata.annotations[REVISION] = revision;
      if ((o.spec.minReadySeconds ?? 0) !== (r.d.spec?.minReadySeconds ?? 0)) {
        o.spec.minReadySeconds = r.d.spec?.minReadySeconds ?? 0;
      }
    }) ?? rs;
  if (!r.conds.some((c) => c.type === 'Progressing')) {
    const found = condition(
      'Progressing',
      'True',
      'FoundNewReplicaSet',
      `Found new replica set "${nameOf(rs)}"`,
      now,
    );
    r.conds = setCondition(r.conds, found);
  }
}

/** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked) and the Deployment's revision. */
export function syncNewReplicaSet(ctx: ControllerContext, r: Rollout, create: boolean): void {
  const now = ctx.clock.now();
  const revision = String(Math.max(0, ...r.old.map(revisionOf)) + 1);
  if (r.newRS) syncExisting(ctx, r, r.newRS, revision, now);
  else if (create) createNewReplicaSet(ctx, r, revision, now);
  const want = r.newRS?.metadata.annotations?.[REVISION];
  if (want === undefined || r.d.metadata.annotations?.[REVISION] === want) return;
  const m = r.d.metadata;
  r.d =
    ctx.registry.mutate(DEPLOYMENTS, m.namespace ?? '', m.name ?? '', (o) => {
      o.metadata.annotations = { ...o.metadata.annotations, [REVISION]: want };
    }) ?? r.d;
}

/** reconcileNewReplicaSet: grow the new ReplicaSet within replicas + maxSurge (or shrink it to replicas). */
function reconcileNew(ctx: ControllerContext, r: Rollout): boolean {
  const rs = r.newRS;
  const desired = desiredOf(r.d);
  if (!rs || replicasOf(rs) === desired) return false;
  const to = replicasOf(rs) > desired ? desired : newReplicas(r, replicasOf(rs));
  return scaleReplicaSet(ctx, r, rs, to);
}

/** cleanupUnhealthyReplicas: old replicas that are not available go first, as they cost no availability. */
function cleanupUnhealthy(ctx: ControllerContext, r: Rollout, max: number): number {
  let total = 0;
  for (const rs of [...r.old].sort(byCreation)) {
    const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
    if (total >= max) break;
    if (replicasOf(rs) === 0 || unhealthy <= 0) continue;
    const down = Math.min(max - total, unhealthy);
    scaleReplicaSet(ctx, r, rs, replicasOf(rs) - down);
    total += down;
  }
  return total;
}

/** scaleDownOldReplicaSetsForRollingUpdate: never below minAvailable available pods. */
function scaleDownOld(ctx: ControllerContext, r: Rollout): number {
  const minAvailable = desiredOf(r.d) - maxUnavailable(r.d);
  const budget = sum(allOf(r), (rs) => rs.status?.availableReplicas ?? 0) - minAvailable;
  let total = 0;
  for (const rs of [...r.old].sort(byCreation)) {
    if (total >= budget) break;
    if (replicasOf(rs) === 0) continue;
    const down = Math.min(replicasOf(rs), budget - total);
    scaleReplicaSet(ctx, r, rs, replicasOf(rs) - down);
    total += down;
  }
  return total;
}

/** reconcileOldReplicaSets: scale old ReplicaSets down by at most allPods − minAvailable − newRSUnavailable. */
function reconcileOld(ctx: ControllerContext, r: Rollout): boolean {
  if (sum(r.old, replicasOf) === 0) return false;
  const minAvailable = desiredOf(r.d) - maxUnavailable(r.d);
  const newUnavailable = replicasOf(r.newRS) - (r.newRS?.status?.availableReplicas ?? 0);
  const maxScaledDown = sum(allOf(r), replicasOf) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthy(ctx, r, maxScaledDown);
  return cleaned + scaleDownOld(ctx, r) > 0;
}

/** cleanupDeployment: delete empty old ReplicaSets beyond spec.revisionHistoryLimit, oldest revision first. */
export function cleanupOld(ctx: ControllerContext, r: Rollout): void {
  const limit = r.d.spec?.revisionHistoryLimit;
  const cleanable = r.old.filter((rs) => !rs.metadata.deletionTimestamp);
  if (limit === undefined || cleanable.length <= limit) return;
  cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of cleanable.slice(0, cleanable.length - limit)) {
    const observed = (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || !observed) continue;
    ctx.registry.delete(REPLICASETS, rs.metadata.namespace ?? '', nameOf(rs));
  }
}

/** rolloutRolling: create or find the new ReplicaSet, grow it, then shrink the old ones. */
export function rolloutRolling(ctx: ControllerContext, r: Rollout): void {
  syncNewReplicaSet(ctx, r, true);
  if (!r.newRS) return;
  if (reconcileNew(ctx, r) || reconcileOld(ctx, r)) return;
  if (isComplete(r.d, r.d.status ?? {})) cleanupOld(ctx, r);
}

/** oldPodsRunning: Recreate waits until no old pod is running, pending or terminating. */
function oldPodsRunning(ctx: ControllerContext, r: Rollout): boolean {
  if (sum(r.old, (rs) => rs.status?.replicas ?? 0) > 0) return true;
  const phases = r.old.flatMap((rs) => ownedBy(ctx, rs).map((p) => p.status?.phase));
  return phases.some((phase) => phase !== 'Failed' && phase !== 'Succeeded');
}

/** rolloutRecreate: scale every old ReplicaSet to 0, wait for their pods to go, then start the new one. */
export function rolloutRecreate(ctx: ControllerContext, r: Rollout): void {
  syncNewReplicaSet(ctx, r, false);
  let scaledDown = false;
  for (const rs of r.old)
    if (replicasOf(rs) > 0) scaledDown = scaleReplicaSet(ctx, r, rs, 0) || scaledDown;
  if (scaledDown || oldPodsRunning(ctx, r)) return;
  if (!r.newRS) syncNewReplicaSet(ctx, r, true);
  if (r.newRS) scaleReplicaSet(ctx, r, r.newRS, desiredOf(r.d));
  if (isComplete(r.d, r.d.status ?? {})) cleanupOld(ctx, r);
}
