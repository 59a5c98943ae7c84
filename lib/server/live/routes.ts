import 'server-only';

import { toClusterError } from '../k8s/errors';
import { decodeParam, jsonError, unknownCluster } from '../http/responses';
import type { ClusterWatch } from './cluster-watch';
import type { LiveClusters } from './live-clusters';

/** How long `GET …/state` waits for the first lists before answering with what it has. */
const STATE_SYNC_TIMEOUT_MS = 10_000;

/** Finds the watch of a route's `{cluster}` param, or the error answer (404, 503). */
async function watchOf(
  live: LiveClusters,
  param: string,
): Promise<{ watch: ClusterWatch } | { response: Response }> {
  const name = decodeParam(param);
  try {
    const watch = await live.get(name);
    return watch === undefined ? { response: unknownCluster(name) } : { watch };
  } catch (e) {
    const err = toClusterError(name, e);
    return { response: jsonError(503, err.kind, err.message) };
  }
}

/** `GET /api/clusters/{cluster}/stream`: the SSE stream of the cluster's live model. */
export async function streamRoute(
  live: LiveClusters,
  request: Request,
  param: string,
): Promise<Response> {
  const found = await watchOf(live, param);
  return 'response' in found ? found.response : found.watch.stream(request);
}

/**
 * `GET /api/clusters/{cluster}/state`: the same snapshot as the stream's first event, once the
 * first lists are in (or after a bounded wait, with the watch status saying why not).
 */
export async function stateRoute(live: LiveClusters, param: string): Promise<Response> {
  const found = await watchOf(live, param);
  if ('response' in found) return found.response;
  const release = found.watch.acquire();
  try {
    await found.watch.whenSynced(STATE_SYNC_TIMEOUT_MS);
    return Response.json(found.watch.model.snapshot(), {
      headers: { 'Cache-Control': 'no-store' },
    });
  } finally {
    release();
  }
}
