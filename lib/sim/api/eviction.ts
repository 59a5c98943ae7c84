import { rfc3339, type Clock } from '../clock';
import { labelSelectorFromObject, matchesLabels } from '../store/selectors';
import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';
import type { DeleteOptions } from './deletion';
import { ApiError, badRequest, conflict, forbidden, notFound } from './errors';
import { setDisruptionAllowed } from './pdb';
import type { Registry } from './registry';

const pods = resourceType('pods');
const pdbs = resourceType('policy/poddisruptionbudgets');
const PDB_LABEL = { group: 'policy', resource: 'poddisruptionbudget' };

/** `EvictionsRetry`: 20 attempts, retried on Conflict only (pkg/registry/core/pod/storage/eviction.go). */
const ATTEMPTS = 20;
const MAX_DISRUPTED_PODS = 2000;

export interface EvictionRequest {
  namespace: string;
  name: string;
  body: KObject & { deleteOptions?: DeleteOptions };
  queryDryRun: boolean;
}

export const EVICTION_SUCCESS = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  code: 201,
};

const isConflict = (e: unknown): boolean => e instanceof ApiError && e.code === 409;

function isReady(pod: KObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function tooManyRequests(cause: string, retryAfter?: number): ApiError {
  const details: ApiError['details'] = { causes: [{ reason: 'DisruptionBudget', message: cause }] };
  if (retryAfter !== undefined) details.retryAfterSeconds = retryAfter;
  return new ApiError(
    429,
    'TooManyRequests',
    "Cannot evict pod as it would violate the pod's disruption budget.",
    details,
    retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
  );
}

const stillProcessing = (pdb: KObject) =>
  tooManyRequests(
    `The disruption budget ${pdb.metadata.name ?? ''} is still being processed by the server.`,
    10,
  );

/** Step B.5: the delete options, with the dry-run of the query and of the body reconciled. */
function effectiveOptions(req: EvictionRequest): DeleteOptions {
  const query = req.queryDryRun ? ['All'] : [];
  const body = req.body.deleteOptions;
  if (!body) return query.length > 0 ? { dryRun: query } : {};
  const own = body.dryRun ?? [];
  if (own.length === 0) return query.length > 0 ? { ...body, dryRun: query } : { ...body };
  if (query.length > 0 && JSON.stringify(own) !== JSON.stringify(query)) {
    throw new ApiError(
      500,
      undefined,
      `Non-matching dry-run options in request and content: [${query.join(' ')}] and [${own.join(' ')}]`,
    );
  }
  return { ...body };
}

/**
 * The eviction subresource (pkg/registry/core/pod/storage/eviction.go): exempt pods are
 * deleted at once; otherwise the one matching PodDisruptionBudget is checked and decremented
 * before the pod gets its DisruptionTarget condition and a graceful delete. Throws the
 * ApiError kube-apiserver answers (400, 403, 404, 409, 429, 500); returns on 201.
 */
export function evictPod(registry: Registry, clock: Clock, req: EvictionRequest): void {
  if ((req.body.metadata?.name ?? '') !== req.name) {
    throw badRequest('name in URL does not match name in Eviction object');
  }
  const opts = effectiveOptions(req);
  const dryRun = opts.dryRun?.includes('All') === true;
  const retries = opts.preconditions?.resourceVersion !== undefined ? 1 : ATTEMPTS;
  let pod: KObject | undefined;
  for (let attempt = 1; ; attempt++) {
    pod = registry.tryGet(pods, req.namespace, req.name);
    if (!pod) throw notFound(pods, req.name);
    if (!canIgnorePDB(pod)) break;
    try {
      return addConditionAndDelete(registry, clock, pod, pendingOptions(pod, opts), dryRun);
    } catch (e) {
      if (!isConflict(e) || attempt >= retries) throw e;
    }
  }
  evictGuarded(registry, clock, pod, opts, dryRun);
}

/** Terminal, Pending and already-deleting pods skip the budgets. */
function canIgnorePDB(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return (
    phase === 'Succeeded' ||
    phase === 'Failed' ||
    phase === 'Pending' ||
    !!pod.metadata.deletionTimestamp
  );
}

/** A Pending pod is deleted only if it is still the version read, so it cannot turn Ready in between. */
function pendingOptions(pod: KObject, opts: DeleteOptions): DeleteOptions {
  const pending = pod.status?.phase === 'Pending' && !pod.metadata.deletionTimestamp;
  if (!pending || opts.preconditions?.resourceVersion !== undefined) return opts;
  return {
    ...opts,
    preconditions: { ...opts.preconditions, resourceVersion: pod.metadata.resourceVersion ?? '' },
  };
}

/** Steps D and E: the pod's one budget decides, then the pod is deleted. */
function evictGuarded(
  registry: Registry,
  clock: Clock,
  pod: KObject,
  opts: DeleteOptions,
  dryRun: boolean,
): void {
  const namespace = pod.metadata.namespace ?? '';
  const matching = registry.list(pdbs, namespace).filter((p) => selects(p, pod));
  if (matching.length > 1) {
    throw new ApiError(
      500,
      undefined,
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  }
  const pdb = matching[0];
  let rvGuard = false;
  if (pdb && !isReady(pod) && unhealthyMayGo(pdb)) {
    rvGuard = true;
  } else if (pdb) {
    checkAndDecrement(registry, clock, pdb, pod, dryRun);
  }
  // setPreconditionsResourceVersion: upstream replaces even a caller's resourceVersion here.
  const delOpts = rvGuard
    ? {
        ...opts,
        preconditions: {
          ...opts.preconditions,
          resourceVersion: pod.metadata.resourceVersion ?? '',
        },
      }
    : opts;
  try {
    addConditionAndDelete(registry, clock, pod, delOpts, dryRun);
  } catch (e) {
    if (pdb && rvGuard && isConflict(e) && opts.preconditions?.resourceVersion === undefined)
      throw stillProcessing(pdb);
    throw e;
  }
}

function selects(pdb: KObject, pod: KObject): boolean {
  try {
    return matchesLabels(labelSelectorFromObject(pdb.spec?.selector), pod.metadata.labels);
  } catch {
    return false; // an invalid selector is skipped, as upstream does
  }
}

/** The unhealthy-pod branch: AlwaysAllow, or IfHealthyBudget with the budget otherwise met. */
function unhealthyMayGo(pdb: KObject): boolean {
  if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return true;
  const current = (pdb.status?.currentHealthy as number | undefined) ?? 0;
  const desired = (pdb.status?.desiredHealthy as number | undefined) ?? 0;
  return current >= desired && desired > 0;
}

/** checkAndDecrement, retried on Conflict against a fresh read of the budget. */
function checkAndDecrement(
  registry: Registry,
  clock: Clock,
  first: KObject,
  pod: KObject,
  dryRun: boolean,
): void {
  let pdb = first;
  for (let attempt = 1; ; attempt++) {
    const status = { ...(pdb.status ?? {}) } as Record<string, unknown>;
    const allowed = (status.disruptionsAllowed as number | undefined) ?? 0;
    const name = pdb.metadata.name ?? '';
    if (((status.observedGeneration as number | undefined) ?? 0) < (pdb.metadata.generation ?? 0))
      throw stillProcessing(pdb);
    if (allowed < 0) throw forbidden(PDB_LABEL, name, 'pdb disruptions allowed is negative');
    const disrupted = (status.disruptedPods ?? {}) as Record<string, string>;
    if (Object.keys(disrupted).length > MAX_DISRUPTED_PODS) {
      throw forbidden(
        PDB_LABEL,
        name,
        'DisruptedPods map too big - too many evictions not confirmed by PDB controller',
      );
    }
    if (allowed === 0) {
      throw tooManyRequests(
        `The disruption budget ${name} needs ${String(status.desiredHealthy ?? 0)} healthy pods and has ${String(status.currentHealthy ?? 0)} currently`,
      );
    }
    status.disruptionsAllowed = allowed - 1;
    if (allowed - 1 === 0) setDisruptionAllowed(status, rfc3339(clock.now()));
    if (dryRun) return;
    status.disruptedPods = { ...disrupted, [pod.metadata.name ?? '']: rfc3339(clock.now()) };
    try {
      registry.update(
        pdbs,
        pdb.metadata.namespace ?? '',
        name,
        { ...pdb, status },
        { subresource: 'status' },
      );
      return;
    } catch (e) {
      if (!isConflict(e) || attempt >= ATTEMPTS) throw e;
      pdb = registry.get(pdbs, pdb.metadata.namespace ?? '', name);
    }
  }
}

/** Step F: the DisruptionTarget condition on the latest pod, then the (graceful) delete. */
function addConditionAndDelete(
  registry: Registry,
  clock: Clock,
  pod: KObject,
  opts: DeleteOptions,
  dryRun: boolean,
): void {
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  let delOpts = opts;
  if (!dryRun) {
    const latest = registry.get(pods, namespace, name);
    checkPreconditions(latest, opts);
    const updated = registry.mutate(
      pods,
      namespace,
      name,
      (p) => markDisruptionTarget(p, rfc3339(clock.now())),
      { subresource: 'status' },
    );
    if (opts.preconditions?.resourceVersion !== undefined && updated) {
      delOpts = {
        ...opts,
        preconditions: {
          ...opts.preconditions,
          resourceVersion: updated.metadata.resourceVersion ?? '',
        },
      };
    }
  } else {
    delOpts = { ...opts, dryRun: ['All'] };
  }
  registry.delete(pods, namespace, name, delOpts);
}

function checkPreconditions(pod: KObject, opts: DeleteOptions): void {
  const pre = opts.preconditions;
  const label = { group: '', resource: 'Pod' };
  const name = pod.metadata.name ?? '';
  if (pre?.uid && pre.uid !== pod.metadata.uid) {
    throw conflict(
      label,
      name,
      `the UID in the precondition (${pre.uid}) does not match the UID in record (${pod.metadata.uid ?? ''}). The object might have been deleted and then recreated`,
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== pod.metadata.resourceVersion) {
    throw conflict(
      label,
      name,
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${pod.metadata.resourceVersion ?? ''}). The object might have been modified`,
    );
  }
}

/** podutil.UpdatePodCondition: the transition time moves only when the status changes. */
function markDisruptionTarget(pod: KObject, now: string): void {
  const status = (pod.status ??= {});
  const conditions = (status.conditions ?? []) as Record<string, unknown>[];
  const old = conditions.find((c) => c.type === 'DisruptionTarget');
  const next = {
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : now,
    reason: 'EvictionByEvictionAPI',
    message: 'Eviction API: evicting',
  };
  status.conditions = old ? conditions.map((c) => (c === old ? next : c)) : [...conditions, next];
}
