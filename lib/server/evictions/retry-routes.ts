import 'server-only';

import { z } from 'zod';

import type { RetryListItem, RetryView, StuckItem } from '@/lib/domain/retries';

import type { ClusterRegistry } from '../k8s/clusters';
import { issuesText } from '../http/json-body';
import { crossSiteProblem } from '../http/origin';
import { decodeParam, jsonError, unknownCluster } from '../http/responses';
import type { EvictionStore } from '../store/eviction-store';
import type { RetryQueue } from './retry-queue';

/** What the retry and stuck routes work with. */
export interface RetryRouteDeps {
  registry: Pick<ClusterRegistry, 'has'>;
  store: EvictionStore;
  queue: Pick<RetryQueue, 'retryNow' | 'cancel'>;
  /** Who is acting (recorded with a cancellation). */
  who: string;
  /** What the stuck monitor finds stuck in a cluster now. */
  stuck: (cluster: string) => Promise<StuckItem[]>;
}

const noStore = { 'Cache-Control': 'no-store' };

const ListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** An entry with its stuck flag, diagnoses and remedies. */
function listItem(view: RetryView, stuck: readonly StuckItem[]): RetryListItem {
  const item = stuck.find((s) => s.kind === 'retry' && s.retryId === view.id);
  return {
    ...view,
    stuck: item !== undefined,
    diagnoses: item?.diagnoses ?? [],
    remedies: item?.remedies ?? [],
  };
}

/**
 * `GET /api/clusters/{cluster}/retries?limit=`: the retry queue's entries, newest first (default
 * 1000, at most 5000), each with its state, attempts, last answer, budget, next attempt time,
 * stuck flag, diagnoses and remedies. 400 for an invalid query, 404 for an unknown cluster.
 */
export async function retriesRoute(
  deps: RetryRouteDeps,
  request: Request,
  clusterParam: string,
): Promise<Response> {
  const cluster = decodeParam(clusterParam);
  const query = ListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, 'invalid', issuesText(query.error));
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  const stuck = await deps.stuck(cluster);
  const entries = deps.store.retries.list(cluster, query.data.limit);
  return Response.json(
    entries.map((e) => listItem(e, stuck)),
    { headers: noStore },
  );
}

/** `GET /api/clusters/{cluster}/stuck`: what the stuck monitor finds stuck now, oldest first. */
export async function stuckRoute(deps: RetryRouteDeps, clusterParam: string): Promise<Response> {
  const cluster = decodeParam(clusterParam);
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  return Response.json(await deps.stuck(cluster), { headers: noStore });
}

/** The `{cluster, id}` of an entry's route, percent-decoding undone. */
export interface RetryParams {
  cluster: string;
  id: string;
}

const ID = /^[1-9][0-9]{0,14}$/;

/** The checks of a change to an entry, then the change; its answer. */
async function change(
  deps: RetryRouteDeps,
  request: Request,
  params: RetryParams,
  apply: (cluster: string, id: number) => RetryView | 'not-found' | 'not-pending',
  okStatus: number,
): Promise<Response> {
  const cluster = decodeParam(params.cluster);
  const problem = crossSiteProblem(request);
  if (problem !== null) return jsonError(400, 'invalid', problem);
  if (!ID.test(params.id)) {
    return jsonError(
      400,
      'invalid',
      `invalid retry id ${JSON.stringify(params.id)}: a positive integer`,
    );
  }
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  const id = Number(params.id);
  const result = apply(cluster, id);
  if (result === 'not-found') {
    return jsonError(
      404,
      'not-found',
      `no retry entry ${id} in cluster ${JSON.stringify(cluster)}`,
    );
  }
  if (result === 'not-pending') {
    const state = deps.store.retries.get(id)?.state ?? 'finished';
    return jsonError(409, 'not-pending', `retry entry ${id} is ${state}, no longer pending`);
  }
  return Response.json(listItem(result, await deps.stuck(cluster)), {
    status: okStatus,
    headers: noStore,
  });
}

/**
 * `POST /api/clusters/{cluster}/retries/{id}/retry-now`: the entry is attempted at once (within
 * its budget's in-flight limit and the cluster's request rate). 202 with the entry; 409 when it
 * is no longer pending; 404 for an unknown entry or cluster; 400 for a cross-site request.
 */
export function retryNowRoute(
  deps: RetryRouteDeps,
  request: Request,
  params: RetryParams,
): Promise<Response> {
  return change(deps, request, params, (c, id) => deps.queue.retryNow(c, id), 202);
}

/**
 * `DELETE /api/clusters/{cluster}/retries/{id}`: cancels a pending entry: no further attempt is
 * sent (one already in flight is recorded with its answer; an accepted one makes the entry
 * `evicted`). 200 with the cancelled entry; 409 when it is no longer pending.
 */
export function cancelRetryRoute(
  deps: RetryRouteDeps,
  request: Request,
  params: RetryParams,
): Promise<Response> {
  return change(deps, request, params, (c, id) => deps.queue.cancel(c, id, deps.who), 200);
}
