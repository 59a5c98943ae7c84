import { ApiError } from '../api/errors';
import { resourceType } from '../store/resources';
import {
  labelSelectorFromObject,
  matchesLabels,
  type LabelSelection,
  type LabelSelectorObject,
} from '../store/selectors';
import type { KObject, StoredEvent } from '../store/types';
import { keyOf, splitKey, type Controller, type ControllerContext } from './context';
import {
  resetStaleDisruption,
  staleDisruptionIn,
  STALE_POD_DISRUPTION_TIMEOUT_MS,
} from './disruption-stale';
import { COMPONENT, PDBS, PODS, failSafe, trySync } from './disruption-sync';
import { WorkQueue } from './queue';

const REPLICASETS = resourceType('apps/replicasets');
const WORKLOADS = new Set(['apps/replicasets', 'apps/deployments', 'apps/statefulsets']);

/** Work-queue key prefixes: one queue carries budgets, stale pods and multi-budget warnings. */
const PDB = 'pdb:';
const STALE = 'stale:';
const MULTI = 'multi:';

export interface DisruptionControllerOptions {
  /** stalePodDisruptionTimeout; upstream's tests shorten it (the integration test uses 3 s). */
  staleDisruptionTimeoutMs?: number;
}

export interface DisruptionController extends Controller {
  /** Stops all work; nothing is written until {@link DisruptionController.resume}. */
  pause(): void;
  /** Works again, re-syncing every budget and re-checking every pod for a stale condition. */
  resume(): void;
  readonly paused: boolean;
}

function selectorOf(pdb: KObject): LabelSelection {
  try {
    return labelSelectorFromObject(pdb.spec?.selector as LabelSelectorObject | null);
  } catch {
    // GetPodPodDisruptionBudgets skips a budget whose selector does not parse.
    return 'nothing';
  }
}

/** The budgets of the pod's namespace whose selector matches these labels, in name order. */
function budgetsFor(
  ctx: ControllerContext,
  ns: string,
  labels?: Record<string, string>,
): KObject[] {
  return ctx.registry.list(PDBS, ns).filter((pdb) => matchesLabels(selectorOf(pdb), labels));
}

/**
 * The disruption controller (pkg/controller/disruption): keeps every PodDisruptionBudget's
 * status (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods,
 * observedGeneration and the DisruptionAllowed condition) current as budgets, pods and the
 * scale of their controllers change, on the next turn of the event loop rather than on a
 * one-second worker tick. A failed sync writes the failsafe status (SyncFailed). It also
 * resets DisruptionTarget conditions left on pods that were never deleted.
 */
export function createDisruptionController(
  ctx: ControllerContext,
  options: DisruptionControllerOptions = {},
): DisruptionController {
  const staleTimeout = options.staleDisruptionTimeoutMs ?? STALE_POD_DISRUPTION_TIMEOUT_MS;
  let paused = false;
  let unsubscribe = (): void => undefined;
  const queue = new WorkQueue(ctx.clock, (key) => {
    // While paused, keys are dropped: resume() re-syncs everything they could have touched.
    if (!paused) work(ctx, queue, key, staleTimeout);
  });
  const enqueueAll = () => {
    for (const pdb of ctx.store.list(PDBS.key)) queue.add(PDB + keyOf(pdb));
    for (const pod of ctx.store.list(PODS.key)) checkStale(ctx, queue, pod, staleTimeout);
  };
  return {
    start() {
      unsubscribe = ctx.store.subscribe((e) => observe(ctx, queue, e, staleTimeout));
      enqueueAll();
    },
    stop() {
      unsubscribe();
      queue.stop();
    },
    pause() {
      paused = true;
    },
    resume() {
      if (!paused) return;
      paused = false;
      enqueueAll();
    },
    get paused() {
      return paused;
    },
  };
}

function work(ctx: ControllerContext, queue: WorkQueue, key: string, staleTimeout: number): void {
  if (key.startsWith(PDB)) return syncBudget(ctx, queue, key.slice(PDB.length));
  const [ns, name] = splitKey(key.slice(key.indexOf(':') + 1));
  if (key.startsWith(STALE)) {
    const wait = resetStaleDisruption(ctx, ns, name, staleTimeout);
    if (wait !== undefined) queue.addAfter(key, wait);
  } else if (key.startsWith(MULTI)) {
    warnMultiple(ctx, ns, name);
  }
}

/** sync: a vanished budget needs nothing; any error but a conflict ends in the failsafe. */
function syncBudget(ctx: ControllerContext, queue: WorkQueue, key: string): void {
  const [ns, name] = splitKey(key);
  const pdb = ctx.registry.tryGet(PDBS, ns, name);
  if (!pdb) return;
  let recheckAt: number | undefined;
  try {
    recheckAt = trySync(ctx, pdb);
  } catch (err) {
    // A conflict is retried by the queue with back-off, without the failsafe.
    if (err instanceof ApiError && err.code === 409) throw err;
    failSafe(ctx, pdb, (err as Error).message);
    return;
  }
  // One millisecond past the deadline, so that the recheck finds the entry expired: the map
  // keeps an entry whose deadline is exactly now.
  if (recheckAt !== undefined) queue.addAfter(PDB + key, recheckAt - ctx.clock.now() + 1);
}

/** getPdbForPod's warning: one pod, several budgets, which the eviction API refuses to handle. */
function warnMultiple(ctx: ControllerContext, ns: string, name: string): void {
  const pod = ctx.registry.tryGet(PODS, ns, name);
  if (!pod) return;
  const budgets = budgetsFor(ctx, ns, pod.metadata.labels);
  const chosen = budgets[0]?.metadata.name;
  if (budgets.length < 2 || chosen === undefined) return;
  const message = `Pod "${ns}"/"${name}" matches multiple PodDisruptionBudgets.  Chose "${chosen}" arbitrarily.`;
  ctx.events.record(pod, 'Warning', 'MultiplePodDisruptionBudgets', message, COMPONENT);
}

function checkStale(ctx: ControllerContext, queue: WorkQueue, pod: KObject, timeout: number): void {
  const wait = staleDisruptionIn(pod, timeout, ctx.clock.now());
  if (wait !== undefined) queue.addAfter(STALE + keyOf(pod), wait);
}

/**
 * The informer handlers. Store listeners run inside the write that caused them, so they only
 * enqueue: events and status writes happen when the queue is worked.
 */
function observe(
  ctx: ControllerContext,
  queue: WorkQueue,
  e: StoredEvent,
  staleTimeout: number,
): void {
  if (e.resource === PDBS.key) {
    queue.add(PDB + keyOf(e.object));
  } else if (e.resource === PODS.key) {
    observePod(ctx, queue, e, staleTimeout);
  } else if (WORKLOADS.has(e.resource) && scaleMayHaveChanged(e)) {
    for (const pod of podsOf(ctx, e.object)) enqueueBudgetsOf(ctx, queue, pod);
  }
}

/**
 * addPod/updatePod/deletePod. Upstream enqueues only the first matching budget; every one is
 * enqueued here so that no budget's status lags, and the budgets the old labels matched too.
 */
function observePod(
  ctx: ControllerContext,
  queue: WorkQueue,
  e: StoredEvent,
  staleTimeout: number,
): void {
  const matching = enqueueBudgetsOf(ctx, queue, e.object);
  if (e.previous) enqueueBudgetsOf(ctx, queue, e.previous);
  if (e.type === 'DELETED') return;
  if (matching > 1) queue.add(MULTI + keyOf(e.object));
  checkStale(ctx, queue, e.object, staleTimeout);
}

/** Enqueues the budgets selecting `pod`; returns how many there are. */
function enqueueBudgetsOf(ctx: ControllerContext, queue: WorkQueue, pod: KObject): number {
  const budgets = budgetsFor(ctx, pod.metadata.namespace ?? '', pod.metadata.labels);
  for (const pdb of budgets) queue.add(PDB + keyOf(pdb));
  return budgets.length;
}

/** Only a workload's replicas, its controller (adoption) or its existence move a budget. */
function scaleMayHaveChanged(e: StoredEvent): boolean {
  if (e.type !== 'MODIFIED' || !e.previous) return true;
  const [a, b] = [e.previous, e.object];
  return (
    a.spec?.replicas !== b.spec?.replicas ||
    JSON.stringify(a.metadata.ownerReferences) !== JSON.stringify(b.metadata.ownerReferences)
  );
}

/** The pods a workload controls, through its ReplicaSets for a Deployment. */
function podsOf(ctx: ControllerContext, workload: KObject): KObject[] {
  const uids = [workload.metadata.uid ?? ''];
  if (workload.kind === 'Deployment') {
    for (const ref of ctx.owners.dependents(uids[0] ?? '', REPLICASETS.key)) {
      const rs = ctx.registry.tryGet(REPLICASETS, ref.namespace, ref.name);
      if (rs?.metadata.uid) uids.push(rs.metadata.uid);
    }
  }
  return uids
    .flatMap((uid) => ctx.owners.dependents(uid, PODS.key))
    .map((ref) => ctx.registry.tryGet(PODS, ref.namespace, ref.name))
    .filter((p): p is KObject => p !== undefined);
}
