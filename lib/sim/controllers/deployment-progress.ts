/**
 * Deployment status after upstream's sync.go (calculateStatus) and progress.go: the counts,
 * and the Available and Progressing conditions that `kubectl rollout status` waits on.
 */
import type { KObject } from '../store/types';
import { keyOf, type ControllerContext } from './context';
import {
  DEPLOYMENTS,
  REPLICASETS,
  allOf,
  condition,
  desiredOf,
  isComplete,
  maxUnavailable,
  nameOf,
  replicasOf,
  setCondition,
  sum,
  type Condition,
  type Rollout,
} from './deployment-util';
import type { WorkQueue } from './queue';
import { omitZero, writeStatus } from './workload-pods';

/** apps/v1 DeploymentStatus; the counts are `omitempty` on the wire. */
interface DeploymentStatus {
  observedGeneration: number;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  unavailableReplicas: number;
  conditions: Condition[];
}

const OMITTED = Object.keys({
  observedGeneration: 0,
  replicas: 0,
  updatedReplicas: 0,
  readyReplicas: 0,
  availableReplicas: 0,
  unavailableReplicas: 0,
} satisfies Omit<DeploymentStatus, 'conditions'>);

/** math.MaxInt32 progressDeadlineSeconds means "no deadline" (deploymentutil.HasProgressDeadline). */
export function deadlineSeconds(d: KObject): number | undefined {
  const s = d.spec?.progressDeadlineSeconds;
  return typeof s === 'number' && s !== 2_147_483_647 ? s : undefined;
}

/** calculateStatus: sums over the ReplicaSets as they are now, and the Available condition. */
function calculateStatus(ctx: ControllerContext, r: Rollout, now: number): DeploymentStatus {
  const fresh = (rs: KObject) =>
    ctx.registry.tryGet(REPLICASETS, rs.metadata.namespace ?? '', rs.metadata.name ?? '') ?? rs;
  const all = allOf(r).map(fresh);
  const desired = desiredOf(r.d);
  const available = sum(all, (rs) => rs.status?.availableReplicas ?? 0);
  const cond =
    available >= desired - maxUnavailable(r.d)
      ? condition(
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
          now,
        )
      : condition(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
          now,
        );
  return {
    observedGeneration: r.d.metadata.generation ?? 0,
    replicas: sum(all, (rs) => rs.status?.replicas ?? 0),
    updatedReplicas: r.newRS ? (fresh(r.newRS).status?.replicas ?? 0) : 0,
    readyReplicas: sum(all, (rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sum(all, replicasOf) - available),
    conditions: setCondition(r.conds, cond),
  };
}

/** deploymentutil.DeploymentProgressing: more updated, ready or available pods, or fewer old ones. */
function isProgressing(old: Partial<DeploymentStatus>, s: DeploymentStatus): boolean {
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  return (
    s.updatedReplicas > (old.updatedReplicas ?? 0) ||
    s.replicas - s.updatedReplicas < oldOld ||
    s.readyReplicas > (old.readyReplicas ?? 0) ||
    s.availableReplicas > (old.availableReplicas ?? 0)
  );
}

/** syncRolloutStatus's Progressing condition, which `kubectl rollout status` watches. */
function progressConditions(r: Rollout, s: DeploymentStatus, deadline: number, now: number) {
  const cur = s.conditions.find((c) => c.type === 'Progressing');
  if (s.replicas === s.updatedReplicas && cur?.reason === 'NewReplicaSetAvailable') {
    return s.conditions;
  }
  const what = r.newRS ? `ReplicaSet "${nameOf(r.newRS)}"` : `Deployment "${nameOf(r.d)}"`;
  const progressing = (status: string, reason: string, message: string): Condition =>
    condition('Progressing', status, reason, `${what} ${message}`, now);
  if (isComplete(r.d, s)) {
    return setCondition(
      s.conditions,
      progressing('True', 'NewReplicaSetAvailable', 'has successfully progressed.'),
    );
  }
  if (isProgressing(r.d.status ?? {}, s)) {
    // Progress moves lastUpdateTime even when the reason stays, unlike setCondition.
    const c = progressing('True', 'ReplicaSetUpdated', 'is progressing.');
    if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
    return [...s.conditions.filter((x) => x.type !== 'Progressing'), c];
  }
  const timedOut =
    cur !== undefined &&
    cur.reason !== 'NewReplicaSetAvailable' &&
    (cur.reason === 'ProgressDeadlineExceeded' ||
      Date.parse(cur.lastUpdateTime) + deadline * 1000 < now);
  if (!timedOut) return s.conditions;
  return setCondition(
    s.conditions,
    progressing('False', 'ProgressDeadlineExceeded', 'has timed out progressing.'),
  );
}

/** Writes status; with `progress`, also the Progressing condition and a wake-up at the deadline. */
export function syncStatus(
  ctx: ControllerContext,
  queue: WorkQueue,
  r: Rollout,
  progress: boolean,
): void {
  const now = ctx.clock.now();
  const s = calculateStatus(ctx, r, now);
  const deadline = deadlineSeconds(r.d);
  if (progress && deadline !== undefined) s.conditions = progressConditions(r, s, deadline, now);
  const status = omitZero({ ...s }, OMITTED);
  if (r.collisionCount !== undefined) status.collisionCount = r.collisionCount;
  writeStatus(ctx, DEPLOYMENTS, r.d, status);
  const cur = s.conditions.find((c) => c.type === 'Progressing');
  // requeueStuckDeployment: without it a stalled rollout would never be marked as timed out.
  if (!progress || deadline === undefined || !cur || isComplete(r.d, s)) return;
  if (cur.reason === 'ProgressDeadlineExceeded') return;
  const due = Date.parse(cur.lastUpdateTime) + deadline * 1000 - now;
  queue.addAfter(keyOf(r.d), Math.max(0, due) + 1000);
}

/** checkPausedConditions: Progressing turns Unknown while paused, and says so on resume. */
export function checkPaused(r: Rollout, now: number): void {
  if (deadlineSeconds(r.d) === undefined) return;
  const cur = r.conds.find((c) => c.type === 'Progressing');
  if (cur?.reason === 'ProgressDeadlineExceeded') return;
  const paused = r.d.spec?.paused === true;
  if (paused && cur?.reason !== 'DeploymentPaused') {
    r.conds = setCondition(
      r.conds,
      condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now),
    );
  } else if (!paused && cur?.reason === 'DeploymentPaused') {
    r.conds = setCondition(
      r.conds,
      condition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', now),
    );
  }
}
