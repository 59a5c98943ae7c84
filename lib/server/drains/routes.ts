import 'server-only';

import { z } from 'zod';

import { DrainRequestSchema, type DrainRequest } from '@/lib/domain/drains';
import { subdomainProblem } from '@/lib/domain/names';

import type { ClusterRegistry } from '../k8s/clusters';
import { issuesText, readJsonBody } from '../http/json-body';
import { crossSiteProblem } from '../http/origin';
import { decodeParam, jsonError, unknownCluster } from '../http/responses';
import { DrainProblem, type DrainRunner } from './runner';

/** What the drain and node routes work with. */
export interface DrainRouteDeps {
  registry: Pick<ClusterRegistry, 'has'>;
  runner: Pick<DrainRunner, 'plan' | 'run' | 'stop' | 'view' | 'list' | 'setCordon'>;
  /** Who is acting (recorded with a drain and a stop). */
  who: string;
}

const noStore = { 'Cache-Control': 'no-store' };

const PROBLEM_HTTP: Readonly<Record<DrainProblem['kind'], number>> = {
  'not-synced': 503,
  unreachable: 502,
  refused: 409,
  'cordon-failed': 502,
  'not-found': 404,
  over: 409,
};

/** A drain problem as an answer; anything else is rethrown. */
function problemAnswer(e: unknown): Response {
  if (!(e instanceof DrainProblem)) throw e;
  const body = { error: e.kind, message: e.message, ...(e.plan ? { plan: e.plan } : {}) };
  return Response.json(body, { status: PROBLEM_HTTP[e.kind], headers: noStore });
}

/** The checks of a drain body: cross-site, JSON, the schema, the cluster. */
async function drainBody(
  deps: DrainRouteDeps,
  request: Request,
  clusterParam: string,
): Promise<{ cluster: string; body: DrainRequest } | { refusal: Response }> {
  const cluster = decodeParam(clusterParam);
  const problem = crossSiteProblem(request);
  if (problem !== null) return { refusal: jsonError(400, 'invalid', problem) };
  const body = await readJsonBody(request, DrainRequestSchema);
  if (!body.ok) return { refusal: jsonError(400, 'invalid', body.message) };
  if (!deps.registry.has(cluster)) return { refusal: unknownCluster(cluster) };
  return { cluster, body: body.value };
}

/**
 * `POST /api/clusters/{cluster}/drains/plan`: what a drain of the nodes would do, pod by pod
 * (kubectl's filters and messages, the cluster's dry-run answer, the budget simulation).
 * Nothing changes. 400 for a bad body, 404 for an unknown cluster, 503 while not synced.
 */
export async function planRoute(
  deps: DrainRouteDeps,
  request: Request,
  clusterParam: string,
): Promise<Response> {
  const checked = await drainBody(deps, request, clusterParam);
  if ('refusal' in checked) return checked.refusal;
  try {
    return Response.json(await deps.runner.plan(checked.cluster, checked.body), {
      headers: noStore,
    });
  } catch (e) {
    return problemAnswer(e);
  }
}

/**
 * `POST /api/clusters/{cluster}/drains`: starts a drain; 202 with it. 409 `refused` (with the
 * plan) when kubectl would refuse a pod or a node is missing: nothing changed then.
 */
export async function startDrainRoute(
  deps: DrainRouteDeps,
  request: Request,
  clusterParam: string,
): Promise<Response> {
  const checked = await drainBody(deps, request, clusterParam);
  if ('refusal' in checked) return checked.refusal;
  try {
    const view = await deps.runner.run(checked.cluster, checked.body, deps.who);
    return Response.json(view, { status: 202, headers: noStore });
  } catch (e) {
    return problemAnswer(e);
  }
}

const ListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** `GET /api/clusters/{cluster}/drains?limit=`: the drains, newest first (default 50). */
export async function drainsRoute(
  deps: DrainRouteDeps,
  request: Request,
  clusterParam: string,
): Promise<Response> {
  const cluster = decodeParam(clusterParam);
  const query = ListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, 'invalid', issuesText(query.error));
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  const drains = await deps.runner.list(cluster, query.data.limit);
  return Response.json({ drains }, { headers: noStore });
}

const ID = /^[1-9][0-9]{0,14}$/;

/** The `{cluster, id}` of a drain's route. */
export interface DrainParams {
  cluster: string;
  id: string;
}

async function onDrain(
  deps: DrainRouteDeps,
  request: Request | null,
  params: DrainParams,
  act: (cluster: string, id: number) => Promise<Response>,
): Promise<Response> {
  const cluster = decodeParam(params.cluster);
  const problem = request === null ? null : crossSiteProblem(request);
  if (problem !== null) return jsonError(400, 'invalid', problem);
  if (!ID.test(params.id)) {
    return jsonError(
      400,
      'invalid',
      `invalid drain id ${JSON.stringify(params.id)}: a positive integer`,
    );
  }
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  try {
    return await act(cluster, Number(params.id));
  } catch (e) {
    return problemAnswer(e);
  }
}

/** `GET /api/clusters/{cluster}/drains/{id}`: a drain's progress. */
export function drainRoute(deps: DrainRouteDeps, params: DrainParams): Promise<Response> {
  return onDrain(deps, null, params, async (cluster, id) =>
    Response.json(await deps.runner.view(cluster, id), { headers: noStore }),
  );
}

/**
 * `DELETE /api/clusters/{cluster}/drains/{id}`: stops a drain: its pending evictions are
 * cancelled, the nodes stay cordoned. 200 with it; 409 when it is already over.
 */
export function stopDrainRoute(
  deps: DrainRouteDeps,
  request: Request,
  params: DrainParams,
): Promise<Response> {
  return onDrain(deps, request, params, async (cluster, id) =>
    Response.json(await deps.runner.stop(cluster, id, deps.who), { headers: noStore }),
  );
}

/** The `{cluster, node}` of a node's route. */
export interface NodeParams {
  cluster: string;
  node: string;
}

/**
 * `POST /api/clusters/{cluster}/nodes/{node}/cordon` (`cordon`) and `…/uncordon`: kubectl's
 * patch and its words. 200 `{node, isCordoned, message}`; 404 for an unknown node or cluster.
 */
export async function cordonRoute(
  deps: DrainRouteDeps,
  request: Request,
  params: NodeParams,
  cordon: boolean,
): Promise<Response> {
  const cluster = decodeParam(params.cluster);
  const node = decodeParam(params.node);
  const problem = crossSiteProblem(request) ?? subdomainProblem('a node name', node);
  if (problem !== null) return jsonError(400, 'invalid', problem);
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  try {
    const { message } = await deps.runner.setCordon(cluster, node, cordon);
    return Response.json({ node, isCordoned: cordon, message }, { headers: noStore });
  } catch (e) {
    return problemAnswer(e);
  }
}
