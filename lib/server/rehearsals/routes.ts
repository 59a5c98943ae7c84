import 'server-only';

import type { ClusterRegistry } from '../k8s/clusters';
import { startRehearsalCluster } from '../k8s/demo';
import type { LiveClusters } from '../live/live-clusters';
import { crossSiteProblem } from '../http/origin';
import { decodeParam, jsonError, unknownCluster } from '../http/responses';

/** What the rehearsal route works with. */
export interface RehearsalRouteDeps {
  registry: Pick<ClusterRegistry, 'has' | 'kubeConfig' | 'addEmbedded' | 'removeEmbedded'>;
  live: Pick<LiveClusters, 'forget'>;
}

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
 * `rehearsal-<cluster>`, replacing an earlier one; 201 `{cluster, kubeconfigPath}`. 404 for an
 * unknown cluster, 502 when it cannot be read or the copy cannot start.
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
  const name = rehearsalName(cluster);
  // One rehearsal of a cluster at a time: a second click waits for the first.
  const before = inFlight.get(name) ?? Promise.resolve();
  const answer = before.then(() => rehearse(deps, cluster, name));
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
): Promise<Response> {
  try {
    const source = await deps.registry.kubeConfig(cluster);
    // Removed first, so no new watch of the old copy can be made meanwhile.
    if (await deps.registry.removeEmbedded(name)) await deps.live.forget(name);
    const copy = await deps.registry.addEmbedded(name, {
      kind: 'rehearsal',
      title: `Rehearsal of ${cluster}`,
      start: (dataDir) => startRehearsalCluster(dataDir, name, source),
    });
    return Response.json(
      { cluster: name, kubeconfigPath: copy.kubeconfigPath },
      { status: 201, headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return jsonError(502, 'unreachable', `could not rehearse ${cluster}: ${why}`);
  }
}
