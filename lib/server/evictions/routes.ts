import 'server-only';

import { z } from 'zod';

import {
  EvictionRequestSchema,
  OUTCOME_HTTP,
  type EvictionAnswer,
} from '@/lib/domain/eviction-outcome';
import { namespaceNameProblem, podNameProblem } from '@/lib/domain/names';
import { DeletionRequestSchema, confirmationProblem } from '@/lib/domain/pod-deletion';

import type { ClusterRegistry } from '../k8s/clusters';
import { issuesText, readJsonBody } from '../http/json-body';
import { crossSiteProblem } from '../http/origin';
import { decodeParam, jsonError, unknownCluster } from '../http/responses';
import type { EvictionStore } from '../store/eviction-store';
import type { AttemptDeps } from './attempt';
import { deleteDirectly } from './delete-directly';
import { evict } from './evict';

/** The answer of a pod action (evict, delete), with the outcome's HTTP code; never cached. */
function answer(body: EvictionAnswer): Response {
  return Response.json(body, {
    status: OUTCOME_HTTP[body.outcome],
    headers: { 'Cache-Control': 'no-store' },
  });
}

/** A refusal before anything was sent to a cluster. */
const refused = (message: string): Response =>
  answer({ outcome: 'invalid', message, attemptId: null });

/** The `{cluster, namespace, pod}` of a pod action's route, percent-decoding undone. */
export interface PodParams {
  cluster: string;
  namespace: string;
  pod: string;
}

/** What a pod action's route works with. */
type PodRouteDeps = AttemptDeps & { registry: Pick<ClusterRegistry, 'has'> };

/**
 * The checks of every pod action before anything is sent to the cluster: a cross-site request,
 * an invalid name, a non-JSON or invalid body (`schema`, then `bodyProblem`) is refused (400
 * `invalid`), an unknown cluster is 404 `not-found`. Returns the decoded names and the body, or
 * the refusal to answer with.
 */
async function preflight<S extends z.ZodType>(
  registry: Pick<ClusterRegistry, 'has'>,
  request: Request,
  params: PodParams,
  schema: S,
  bodyProblem: (body: z.infer<S>, pod: string) => string | null = () => null,
): Promise<{ names: PodParams; body: z.infer<S> } | { refusal: Response }> {
  const names = {
    cluster: decodeParam(params.cluster),
    namespace: decodeParam(params.namespace),
    pod: decodeParam(params.pod),
  };
  const problem =
    crossSiteProblem(request) ?? namespaceNameProblem(names.namespace) ?? podNameProblem(names.pod);
  if (problem !== null) return { refusal: refused(problem) };
  const body = await readJsonBody(request, schema);
  if (!body.ok) return { refusal: refused(body.message) };
  const invalid = bodyProblem(body.value, names.pod);
  if (invalid !== null) return { refusal: refused(`invalid body: ${invalid}`) };
  if (!registry.has(names.cluster)) {
    const message = `no cluster named ${JSON.stringify(names.cluster)}`;
    return { refusal: answer({ outcome: 'not-found', message, attemptId: null }) };
  }
  return { names, body: body.value };
}

/**
 * `POST /api/clusters/{cluster}/namespaces/{namespace}/pods/{pod}/eviction`: the checks of
 * {@link preflight}, then {@link evict}.
 */
export async function evictionRoute(
  deps: PodRouteDeps,
  request: Request,
  params: PodParams,
): Promise<Response> {
  const checked = await preflight(deps.registry, request, params, EvictionRequestSchema);
  if ('refusal' in checked) return checked.refusal;
  return answer(await evict(deps, { ...checked.names, request: checked.body }));
}

/**
 * `POST /api/clusters/{cluster}/namespaces/{namespace}/pods/{pod}/delete`: the docs' last
 * resort. The checks of {@link preflight}, the typed confirmation (`confirm` must be the pod's
 * name exactly, else 400 `invalid` and nothing sent), then {@link deleteDirectly}.
 */
export async function deletionRoute(
  deps: PodRouteDeps,
  request: Request,
  params: PodParams,
): Promise<Response> {
  const checked = await preflight(deps.registry, request, params, DeletionRequestSchema, (b, pod) =>
    confirmationProblem(pod, b.confirm),
  );
  if ('refusal' in checked) return checked.refusal;
  return answer(await deleteDirectly(deps, { ...checked.names, request: checked.body }));
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
