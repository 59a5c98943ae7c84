/**
 * Deployment helpers after upstream's pkg/controller/deployment/util: the ReplicaSets of one
 * sync, rollout arithmetic (maxSurge, maxUnavailable), revisions and conditions.
 */
import { rfc3339 } from '../clock';
import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';
import { normalTemplate } from './workload-pods';

export const DEPLOYMENTS = resourceType('apps/deployments');
export const REPLICASETS = resourceType('apps/replicasets');
export const COMPONENT = 'deployment-controller';
export const HASH_LABEL = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX = 'deployment.kubernetes.io/max-replicas';
/** deploymentutil.annotationsToSkip: never copied from a Deployment to its ReplicaSets. */
const SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  DESIRED,
  MAX,
  'deprecated.deployment.rollback.to',
]);

export interface Condition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** What one sync works on; scaling replaces the ReplicaSets here with what was written. */
export interface Rollout {
  d: KObject;
  newRS: KObject | undefined;
  old: KObject[];
  conds: Condition[];
  collisionCount: number | undefined;
}

export const desiredOf = (d: KObject): number => d.spec?.replicas ?? 1;
export const replicasOf = (rs: KObject | undefined): number => rs?.spec?.replicas ?? 0;
export const sum = (list: KObject[], f: (o: KObject) => number): number =>
  list.reduce((n, o) => n + f(o), 0);
export const isRolling = (d: KObject): boolean => d.spec?.strategy?.type !== 'Recreate';
export const allOf = (r: Rollout): KObject[] => (r.newRS ? [...r.old, r.newRS] : r.old);
export const nameOf = (o: KObject): string => o.metadata.name ?? '';
export const revisionOf = (rs: KObject): number => {
  const n = Number(rs.metadata.annotations?.[REVISION] ?? 0);
  return Number.isFinite(n) ? n : 0;
};
export const byCreation = (a: KObject, b: KObject): number =>
  Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '') ||
  (nameOf(a) < nameOf(b) ? -1 : 1);

/** intstr.GetScaledValueFromIntOrPercent: an int, or a percent of `total` rounded as asked. */
function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) return 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** deploymentutil.ResolveFenceposts: surge rounds up, unavailability down; never both 0. */
function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = scaled(ru.maxSurge ?? '25%', desiredOf(d), true);
  const unavailable = scaled(ru.maxUnavailable ?? '25%', desiredOf(d), false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

export const maxSurge = (d: KObject): number => (isRolling(d) ? fenceposts(d).surge : 0);

export function maxUnavailable(d: KObject): number {
  if (!isRolling(d) || desiredOf(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, desiredOf(d));
}

export function condition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): Condition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** deploymentutil.SetDeploymentCondition: same status and reason is no change; same status keeps its transition time. */
export function setCondition(conds: Condition[], c: Condition): Condition[] {
  const cur = conds.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return conds;
  const next =
    cur && cur.status === c.status ? { ...c, lastTransitionTime: cur.lastTransitionTime } : c;
  return [...conds.filter((x) => x.type !== c.type), next];
}

/** deploymentutil.FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function splitReplicaSets(d: KObject, all: KObject[]): Rollout {
  const want = JSON.stringify(normalTemplate(d.spec?.template));
  const sorted = [...all].sort(byCreation);
  const newRS = sorted.find((rs) => JSON.stringify(normalTemplate(rs.spec?.template)) === want);
  const conds = (d.status?.conditions ?? []) as Condition[];
  return {
    d,
    newRS,
    old: sorted.filter((rs) => rs !== newRS),
    conds,
    collisionCount: d.status?.collisionCount,
  };
}

export function copiedAnnotations(d: KObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !SKIP.has(k)),
  );
}

/** deploymentutil.DeploymentComplete: every replica updated and available, the latest spec observed. */
export function isComplete(
  d: KObject,
  s: {
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
  },
): boolean {
  const want = desiredOf(d);
  return (
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}
