/**
 * One sync of one PodDisruptionBudget (pkg/controller/disruption/disruption.go: trySync,
 * buildDisruptedPodMap, countHealthyPods, updatePdbStatus, failSafe).
 */
import { setDisruptionAllowed } from '../api/pdb';
import { rfc3339 } from '../clock';
import { resourceType } from '../store/resources';
import {
  labelSelectorFromObject,
  matchesLabels,
  type LabelSelectorObject,
} from '../store/selectors';
import type { KObject } from '../store/types';
import { isPodReady, type ControllerContext } from './context';
import { expectedPodCount } from './disruption-scale';

export const PDBS = resourceType('policy/poddisruptionbudgets');
export const PODS = resourceType('pods');
/** Upstream's recorder reports as the controller manager, not as a named controller. */
export const COMPONENT = 'controllermanager';
/** DeletionTimeout: how long a disruptedPods entry waits for its pod to start terminating. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

type DisruptedPods = Record<string, string>;

/** getPodsForPdb: pods of the budget's namespace its selector matches (null selects none). */
export function podsForPdb(ctx: ControllerContext, pdb: KObject): KObject[] {
  const sel = labelSelectorFromObject(pdb.spec?.selector as LabelSelectorObject | null);
  return ctx.registry
    .list(PODS, pdb.metadata.namespace ?? '')
    .filter((p) => matchesLabels(sel, p.metadata.labels));
}

/**
 * buildDisruptedPodMap: keeps the entries of pods that exist, are not terminating and whose
 * deadline has not passed; a pod whose deadline passed gets a NotDeleted warning. Returns the
 * kept map and the earliest kept deadline, when the budget must be looked at again.
 */
function buildDisruptedPods(
  ctx: ControllerContext,
  pdb: KObject,
  pods: KObject[],
  now: number,
): { kept: DisruptedPods; recheckAt?: number } {
  const old = (pdb.status?.disruptedPods ?? {}) as DisruptedPods;
  const kept: DisruptedPods = {};
  let recheckAt: number | undefined;
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    const since = old[name];
    if (pod.metadata.deletionTimestamp || since === undefined) continue;
    const deadline = Date.parse(since) + DELETION_TIMEOUT_MS;
    if (!(deadline >= now)) {
      // Upstream prints the budget's namespace twice (pdb.Namespace, pdb.Namespace); clients
      // that match on this text see the same words here.
      const ns = pdb.metadata.namespace ?? '';
      const message = `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`;
      ctx.events.record(pod, 'Warning', 'NotDeleted', message, COMPONENT);
      continue;
    }
    kept[name] = since;
    recheckAt = Math.min(recheckAt ?? deadline, deadline);
  }
  return recheckAt === undefined ? { kept } : { kept, recheckAt };
}

/** countHealthyPods: Ready, not terminating, and not a disruption still expected to happen. */
function countHealthy(pods: KObject[], disrupted: DisruptedPods, now: number): number {
  return pods.filter((pod) => {
    if (pod.metadata.deletionTimestamp) return false;
    const since = disrupted[pod.metadata.name ?? ''];
    if (since !== undefined && Date.parse(since) + DELETION_TIMEOUT_MS > now) return false;
    return isPodReady(pod);
  }).length;
}

/** Go's %v of a *metav1.LabelSelector (its generated String()), as UnmanagedPods prints it. */
function selectorString(sel: LabelSelectorObject | null | undefined): string {
  if (sel == null) return 'nil';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels?.[k] ?? ''},`)
    .join('');
  const exprs = (sel.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

function warnUnmanaged(ctx: ControllerContext, pdb: KObject): void {
  const message =
    `Pods selected by this PodDisruptionBudget (selector: ${selectorString(pdb.spec?.selector)}) were found ` +
    'to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
    'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.';
  ctx.events.record(pdb, 'Warning', 'UnmanagedPods', message, COMPONENT);
}

/**
 * trySync: computes and writes the budget's status. Throws the sync error (the caller turns
 * it into the failsafe status). Returns the earliest disruptedPods deadline still pending.
 */
export function trySync(ctx: ControllerContext, pdb: KObject): number | undefined {
  let pods: KObject[];
  try {
    pods = podsForPdb(ctx, pdb);
  } catch (err) {
    const message = `Failed to get pods: ${(err as Error).message}`;
    ctx.events.record(pdb, 'Warning', 'NoPods', message, COMPONENT);
    throw err;
  }
  if (pods.length === 0) {
    ctx.events.record(pdb, 'Normal', 'NoPods', 'No matching pods found', COMPONENT);
  }
  let counts;
  try {
    counts = expectedPodCount(ctx, pdb, pods);
  } catch (err) {
    const message = `Failed to calculate the number of expected pods: ${(err as Error).message}`;
    ctx.events.record(pdb, 'Warning', 'CalculateExpectedPodCountFailed', message, COMPONENT);
    throw err;
  }
  if (counts.unmanaged.length > 0) warnUnmanaged(ctx, pdb);
  const now = ctx.clock.now();
  const { kept, recheckAt } = buildDisruptedPods(ctx, pdb, pods, now);
  writeStatus(ctx, pdb, {
    currentHealthy: countHealthy(pods, kept, now),
    desiredHealthy: counts.desired,
    expectedPods: counts.expected,
    disruptedPods: kept,
  });
  return recheckAt;
}

interface Counts {
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  disruptedPods: DisruptedPods;
}

/** pdbhelper.ConditionsAreUpToDate: the DisruptionAllowed condition agrees with the counts. */
function conditionUpToDate(status: Record<string, unknown>, generation: number): boolean {
  const conditions = (status.conditions ?? []) as {
    type: string;
    status: string;
    reason: string;
  }[];
  const cond = conditions.find((c) => c.type === 'DisruptionAllowed');
  if (!cond || status.observedGeneration !== generation) return false;
  return ((status.disruptionsAllowed as number | undefined) ?? 0) > 0
    ? cond.status === 'True' && cond.reason === 'SufficientPods'
    : cond.status === 'False' && cond.reason === 'InsufficientPods';
}

/** Semantic.DeepEqual of two disruptedPods maps: a missing map equals an empty one. */
function sameDisrupted(a: DisruptedPods | undefined, b: DisruptedPods): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b).length && ka.every((k) => a?.[k] === b[k]);
}

/**
 * updatePdbStatus: `disruptionsAllowed = currentHealthy − desiredHealthy`, 0 when negative or
 * when the budget expects no pods (so pods appearing before the next sync are safe). Writes
 * nothing when the stored status already says all of it.
 */
function writeStatus(ctx: ControllerContext, pdb: KObject, c: Counts): void {
  const diff = c.currentHealthy - c.desiredHealthy;
  const allowed = c.expectedPods <= 0 || diff <= 0 ? 0 : diff;
  const generation = pdb.metadata.generation ?? 0;
  const old = (pdb.status ?? {}) as Record<string, unknown>;
  const unchanged =
    old.currentHealthy === c.currentHealthy &&
    old.desiredHealthy === c.desiredHealthy &&
    old.expectedPods === c.expectedPods &&
    old.disruptionsAllowed === allowed &&
    sameDisrupted(old.disruptedPods as DisruptedPods | undefined, c.disruptedPods) &&
    conditionUpToDate(old, generation);
  if (unchanged) return;
  const [ns, name] = [pdb.metadata.namespace ?? '', pdb.metadata.name ?? ''];
  ctx.registry.mutate(
    PDBS,
    ns,
    name,
    (obj) => {
      // Field order and omitempty as policy/v1 PodDisruptionBudgetStatus serialises.
      const status: Record<string, unknown> = { observedGeneration: generation };
      if (Object.keys(c.disruptedPods).length > 0) status.disruptedPods = c.disruptedPods;
      Object.assign(status, {
        disruptionsAllowed: allowed,
        currentHealthy: c.currentHealthy,
        desiredHealthy: c.desiredHealthy,
        expectedPods: c.expectedPods,
      });
      const conditions: unknown = obj.status?.conditions;
      if (conditions !== undefined) status.conditions = conditions;
      setDisruptionAllowed(status, rfc3339(ctx.clock.now()));
      obj.status = status;
    },
    { subresource: 'status' },
  );
}

/**
 * failSafe: after a failed sync, at least forbid disruptions: `disruptionsAllowed: 0` and
 * DisruptionAllowed=False/SyncFailed with the error. `observedGeneration` is left as it was,
 * so a budget whose spec changed keeps answering evictions with the stale-status 429.
 */
export function failSafe(ctx: ControllerContext, pdb: KObject, message: string): void {
  ctx.registry.mutate(
    PDBS,
    pdb.metadata.namespace ?? '',
    pdb.metadata.name ?? '',
    (obj) => {
      const status = (obj.status ??= {}) as Record<string, unknown>;
      status.disruptionsAllowed = 0;
      setDisruptionAllowed(status, rfc3339(ctx.clock.now()), { reason: 'SyncFailed', message });
    },
    { subresource: 'status' },
  );
}
