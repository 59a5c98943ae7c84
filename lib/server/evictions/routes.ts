import 'server-only';

import { z } from 'zod';

import {
  EvictionRequestSchema,
  OUTCOME_HTTP,
  type EvictionAnswer,
} from '@/lib/domain/eviction-outcome';
import { namespaceNameProblem, podNameProblem } from '@/lib/domain/names';

import type { ClusterRegistry } from '../k8s/clusters';
import { issuesText, readJsonBody } from '../http/json-body';
import { crossSiteProblem } from '../http/origin';
import { decodeParam, jsonError, unknownCluster } from '../http/responses';
import type { EvictionStore } from '../store/eviction-store';
import { evict, type EvictDeps } from './evict';

/** The eviction route's answer, with the outcome's HTTP code; never cached. */
function answer(body: EvictionAnswer): Response {
  return Response.json(body, {
    status: OUTCOME_HTTP[body.outcome],
    headers: { 'Cache-Control': 'no-store' },
  });
}

/** A refusal before anything was sent to a cluster. */
const refused = (message: string): Response =>
  answer({ outcome: 'invalid', message, attemptId: null });

/** The `{cluster, namespace, pod}` of the eviction route, percent-decoding undone. */
export interface PodParams {
  cluster: string;
  namespace: string;
  pod: string;
}

/**
 * `POST /api/clusters/{cluster}/namespaces/{namespace}/pods/{pod}/eviction`. Before anything
 * is sent to the cluster: a cross-site request, an invalid name or body, or a non-JSON body is
 * refused (400 `invalid`), an unknown cluster is 404 `not-found`; then {@link evict}.
 */
export async function evictionRoute(
  deps: EvictDeps & { registry: Pick<ClusterRegistry, 'has'> },
  request: Request,
  params: PodParams,
): Promise<Response> {
  const cluster = decodeParam(params.cluster);
  const namespace = decodeParam(params.namespace);
  const pod = decodeParam(params.pod);
  const problem =
    crossSiteProblem(request) ?? namespaceNameProblem(namespace) ?? podNameProblem(pod);
  if (problem !== null) return refused(problem);
  const body = await readJsonBody(request, EvictionRequestSchema);
  if (!body.ok) return refused(body.message);
  if (!deps.registry.has(cluster)) {
    const message = `no cluster named ${JSON.stringify(cluster)}`;
    return answer({ outcome: 'not-found', message, attemptId: null });
  }
  return answer(await evict(deps, { cluster, namespace, pod, request: body.value }));
}

/** The query of the attempts route. */
const AttemptQuerySchema = z
  .strictObject({
    namespace: z.string().optional(),
    pod: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine((q) => q.pod === undefined || q.namespace !== undefined, {
    message: 'pod needs namespace',
    path: ['pod'],
  });

/** Why a name of the query is invalid, if one is. */
function queryNameProblem(q: { namespace?: string; pod?: string }): string | null {
  return (
    (q.namespace !== undefined ? namespaceNameProblem(q.namespace) : null) ??
    (q.pod !== undefined ? podNameProblem(q.pod) : null)
  );
}

/**
 * `GET /api/clusters/{cluster}/attempts?namespace=&pod=&limit=`: the recorded attempts, newest
 * first (default 50, at most 500). 400 for an invalid query, 404 for an unknown cluster.
 */
export function attemptsRoute(
  deps: { registry: Pick<ClusterRegistry, 'has'>; store: EvictionStore },
  request: Request,
  clusterParam: string,
): Response {
  const cluster = decodeParam(clusterParam);
  const parsed = AttemptQuerySchema.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  if (!parsed.success) return jsonError(400, 'invalid', issuesText(parsed.error));
  const problem = queryNameProblem(parsed.data);
  if (problem !== null) return jsonError(400, 'invalid', problem);
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  return Response.json(deps.store.list({ cluster, ...parsed.data }), {
    headers: { 'Cache-Control': 'no-store' },
  });
}
