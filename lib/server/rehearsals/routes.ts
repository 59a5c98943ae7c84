import 'server-only';

import { RehearsalBodySchema } from '@/lib/domain/rehearsals';

import type { ClusterRegistry } from '../k8s/clusters';
import {
  readRehearsalCopy,
  startRehearsalCluster,
  UnknownWorkloadsError,
  type RehearsalCopy,
  type RehearsalTimings,
} from '../k8s/demo';
import { toClusterError } from '../k8s/errors';
import type { LiveClusters } from '../live/live-clusters';
import { readJsonBody } from '../http/json-body';
import { crossSiteProblem } from '../http/origin';
import { decodeParam, jsonError, unknownCluster } from '../http/responses';
import { toTimings } from './timings';

/** What the rehearsal route works with. */
export interface RehearsalRouteDeps {
  registry: Pick<ClusterRegistry, 'has' | 'kubeConfig' | 'addEmbedded'>;
  live: Pick<LiveClusters, 'removeEmbedded'>;
  /** How long the source may take to answer its LISTs; default 30 s. */
  sourceTimeoutMs?: number;
}

const SOURCE_TIMEOUT_MS = 30_000;

/**
 * The name of a cluster's rehearsal: `rehearsal-<name>` made a DNS-1123 label (lower case,
 * other characters as `-`, at most 63).
 */
export function rehearsalName(cluster: string): string {
  const slug = cluster
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `rehearsal-${slug}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * `POST /api/clusters/{cluster}/rehearsal`: copies the cluster (read-only: nodes, workloads,
 * Services, PodDisruptionBudgets; never Secrets or ConfigMaps) into a new embedded cluster
 * `rehearsal-<cluster>`, replacing an earlier one; 201 `{cluster, kubeconfigPath}`. The body,
 * optional, may set times per workload (see {@link RehearsalBodySchema}). 400 for an invalid
 * body or a workload the cluster does not have, 404 for an unknown cluster, 502 when it cannot
 * be read within the deadline or the copy cannot start. The cluster is read before an earlier
 * copy is removed: a failed read leaves that copy as it was.
 */
export async function rehearsalRoute(
  deps: RehearsalRouteDeps,
  request: Request,
  clusterParam: string,
): Promise<Response> {
  const cluster = decodeParam(clusterParam);
  const problem = crossSiteProblem(request);
  if (problem !== null) return jsonError(400, 'invalid', problem);
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  const body = await readJsonBody(request, RehearsalBodySchema, { emptyAs: {} });
  if (!body.ok) return jsonError(400, 'invalid', body.message);
  const timings = toTimings(body.value);
  const name = rehearsalName(cluster);
  // One rehearsal of a cluster at a time: a second click waits for the first.
  const before = inFlight.get(name) ?? Promise.resolve();
  const answer = before.then(() => rehearse(deps, cluster, name, timings));
  const settled = answer.then(() => undefined);
  inFlight.set(name, settled);
  void settled.then(() => {
    if (inFlight.get(name) === settled) inFlight.delete(name);
  });
  return answer;
}

/** The rehearsals being made, by name. */
const inFlight = new Map<string, Promise<void>>();

/** Replaces the rehearsal `name` of `cluster` with a fresh copy; never throws. */
async function rehearse(
  deps: RehearsalRouteDeps,
  cluster: string,
  name: string,
  timings: RehearsalTimings,
): Promise<Response> {
  const timeoutMs = deps.sourceTimeoutMs ?? SOURCE_TIMEOUT_MS;
  let copy: RehearsalCopy;
  try {
    const source = await deps.registry.kubeConfig(cluster);
    copy = await readRehearsalCopy(source, timings, AbortSignal.timeout(timeoutMs));
  } catch (e) {
    return unreadable(cluster, e, timeoutMs);
  }
  try {
    await deps.live.removeEmbedded(name);
    const started = await deps.registry.addEmbedded(name, {
      kind: 'rehearsal',
      title: `Rehearsal of ${cluster}`,
      start: (dataDir) => startRehearsalCluster(dataDir, name, copy),
    });
    return Response.json(
      { cluster: name, kubeconfigPath: started.kubeconfigPath },
      { status: 201, headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return jsonError(502, 'unreachable', `could not start the rehearsal of ${cluster}: ${why}`);
  }
}

/** 400 for timings of workloads the cluster does not have; 502, in words, for a failed read. */
function unreadable(cluster: string, e: unknown, timeoutMs: number): Response {
  if (e instanceof UnknownWorkloadsError) {
    return jsonError(
      400,
      'invalid',
      `times were given for workloads ${cluster} does not have: ${e.keys.join(', ')}`,
    );
  }
  const err = toClusterError(cluster, e);
  const raw = e instanceof Error ? e.message : String(e);
  const why =
    err.kind === 'timeout'
      ? `no answer within ${timeoutMs / 1000} s`
      : err.kind === 'unreachable'
        ? raw
        : err.message;
  return jsonError(502, err.kind, `could not read ${cluster} to rehearse it: ${why}`);
}
