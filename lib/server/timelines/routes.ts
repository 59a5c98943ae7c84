import 'server-only';

import { z } from 'zod';

import { namespaceNameProblem, subdomainProblem } from '@/lib/domain/names';
import { findingsOf } from '@/lib/domain/timeline-findings';
import { phasesOf } from '@/lib/domain/timeline-phases';
import { summaryOf, type TimelineDetail } from '@/lib/domain/timeline-summary';
import type { Timeline } from '@/lib/domain/timelines';

import type { ClusterRegistry } from '../k8s/clusters';
import type { Clock } from '../k8s/clock';
import { issuesText } from '../http/json-body';
import { decodeParam, jsonError, unknownCluster } from '../http/responses';
import type { TimelineStore } from '../store/timeline-store';
import { timelineOf } from './timeline-of';

/** What the timeline routes work with. */
export interface TimelineRouteDeps {
  registry: Pick<ClusterRegistry, 'has'>;
  timelines: TimelineStore;
  clock: Pick<Clock, 'now'>;
  /** How long the other pods of a controller took from created to Ready, from the live model. */
  ownerReadyMs?: (cluster: string, ownerUid: string) => Promise<number[]>;
}

const noStore = { 'Cache-Control': 'no-store' };

const ListQuerySchema = z.strictObject({
  namespace: z.string().optional(),
  node: z.string().optional(),
  owner: z.string().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Why a name of the list's query is invalid, if one is. */
function queryProblem(q: z.infer<typeof ListQuerySchema>): string | null {
  return (
    (q.namespace !== undefined ? namespaceNameProblem(q.namespace) : null) ??
    (q.node !== undefined ? subdomainProblem('a node name', q.node) : null) ??
    (q.owner !== undefined ? subdomainProblem('an owner name', q.owner) : null)
  );
}

async function readyMs(deps: TimelineRouteDeps, t: Timeline): Promise<number[] | undefined> {
  return t.owner === null ? undefined : deps.ownerReadyMs?.(t.cluster, t.owner.uid);
}

/**
 * `GET /api/clusters/{cluster}/timelines?namespace=&node=&owner=&since=&limit=`: the recorded
 * termination timelines, newest first (default 100, at most 1000), each summarised: phase now,
 * duration, findings. 400 for an invalid query, 404 for an unknown cluster.
 */
export async function timelinesRoute(
  deps: TimelineRouteDeps,
  request: Request,
  clusterParam: string,
): Promise<Response> {
  const cluster = decodeParam(clusterParam);
  const query = ListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, 'invalid', issuesText(query.error));
  const problem = queryProblem(query.data);
  if (problem !== null) return jsonError(400, 'invalid', problem);
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  const now = deps.clock.now();
  const timelines = deps.timelines.list({ cluster, ...query.data }).map(timelineOf);
  // One look at the live model per controller, however many of its pods are listed.
  const byOwner = new Map<string, Promise<number[] | undefined>>();
  const ownerMs = (t: Timeline) => {
    const key = t.owner?.uid ?? '';
    const known = byOwner.get(key) ?? readyMs(deps, t);
    byOwner.set(key, known);
    return known;
  };
  const summaries = await Promise.all(
    timelines.map(async (t) => summaryOf(t, now, await ownerMs(t))),
  );
  return Response.json(summaries, { headers: noStore });
}

/** The `{cluster, uid}` of one timeline's routes. */
export interface TimelineParams {
  cluster: string;
  uid: string;
}

const UID = /^[A-Za-z0-9-]{1,128}$/;

/** One timeline with its phases and findings, or the error answer. */
async function detail(
  deps: TimelineRouteDeps,
  params: TimelineParams,
): Promise<TimelineDetail | Response> {
  const cluster = decodeParam(params.cluster);
  const uid = decodeParam(params.uid);
  if (!UID.test(uid)) {
    return jsonError(400, 'invalid', `invalid pod UID ${JSON.stringify(uid)}`);
  }
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  const stored = deps.timelines.get(cluster, uid);
  if (stored === undefined) {
    return jsonError(404, 'not-found', `no timeline of pod ${uid} in cluster ${cluster}`);
  }
  const t = timelineOf(stored);
  const now = deps.clock.now();
  const ownerReadyMs = await readyMs(deps, t);
  return {
    ...t,
    phases: phasesOf(t, now),
    findings: findingsOf(t, { now, ...(ownerReadyMs ? { ownerReadyMs } : {}) }),
  };
}

/** `GET /api/clusters/{cluster}/timelines/{uid}`: every fact, the phases and the findings. */
export async function timelineRoute(
  deps: TimelineRouteDeps,
  params: TimelineParams,
): Promise<Response> {
  const found = await detail(deps, params);
  return found instanceof Response ? found : Response.json(found, { headers: noStore });
}

/** `GET /api/clusters/{cluster}/timelines/{uid}/export`: the same, as a JSON file to download. */
export async function timelineExportRoute(
  deps: TimelineRouteDeps,
  params: TimelineParams,
): Promise<Response> {
  const found = await detail(deps, params);
  if (found instanceof Response) return found;
  const file = `timeline-${found.namespace}-${found.pod}-${found.uid}.json`;
  return new Response(`${JSON.stringify(found, null, 2)}\n`, {
    headers: {
      ...noStore,
      'Content-Type': 'application/json',
      'Content-Disposition': `attachment; filename="${file}"`,
    },
  });
}
