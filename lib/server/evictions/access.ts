import 'server-only';

import { z } from 'zod';

import { namespaceNameProblem } from '@/lib/domain/names';
import type { PodAccess } from '@/lib/domain/pod-access';

import { canDelete, canEvict } from '../k8s/access';
import type { ClusterRegistry } from '../k8s/clusters';
import type { Clock } from '../k8s/clock';
import { toClusterError, type ClusterError } from '../k8s/errors';
import { issuesText } from '../http/json-body';
import { decodeParam, jsonError, unknownCluster } from '../http/responses';

/** How long an answer is reused: permissions rarely change, and each answer costs two reviews. */
const ACCESS_TTL_MS = 30_000;

type AccessResult = PodAccess | { error: ClusterError };

/**
 * The access answers of the last 30 s per (cluster, namespace), so that a page of pods asks the
 * API server once, not once per row. Concurrent asks share one request; a failure is not kept.
 */
export class AccessCache {
  private readonly entries = new Map<string, { at: number; result: Promise<AccessResult> }>();

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  /** The kept answer for `cluster`/`namespace` if younger than 30 s, else a fresh one of `ask`. */
  get(cluster: string, namespace: string, ask: () => Promise<AccessResult>): Promise<AccessResult> {
    const now = this.clock.now();
    for (const [k, e] of this.entries) if (now - e.at >= ACCESS_TTL_MS) this.entries.delete(k);
    const key = JSON.stringify([cluster, namespace]);
    const kept = this.entries.get(key);
    if (kept !== undefined) return kept.result;
    const entry = { at: now, result: ask() };
    this.entries.set(key, entry);
    void entry.result.then((r) => {
      if ('error' in r && this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.result;
  }
}

/** Both reviews of `namespace`, at once; the first failure is the answer's. */
async function askAccess(
  registry: Pick<ClusterRegistry, 'kubeConfig'>,
  cluster: string,
  namespace: string,
): Promise<AccessResult> {
  try {
    const kc = await registry.kubeConfig(cluster);
    const [evict, del] = await Promise.all([canEvict(kc, namespace), canDelete(kc, namespace)]);
    if ('error' in evict) return evict;
    if ('error' in del) return del;
    return { namespace, evict, delete: del };
  } catch (e) {
    return { error: toClusterError(cluster, e) };
  }
}

/** The query of the access route. */
const AccessQuerySchema = z.strictObject({ namespace: z.string() });

/** What the access route works with. */
export interface AccessDeps {
  registry: Pick<ClusterRegistry, 'has' | 'kubeConfig'>;
  cache: AccessCache;
}

/**
 * `GET /api/clusters/{cluster}/access?namespace=NS`: whether the dashboard's user may evict
 * (`create pods/eviction`) and delete (`delete pods`) pods in NS, from SelfSubjectAccessReviews,
 * reused for 30 s. 400 for an invalid query and 404 for an unknown cluster, before anything is
 * sent; 502 `{error, message}` when a review fails (`error` is the failure's kind).
 */
export async function accessRoute(
  deps: AccessDeps,
  request: Request,
  clusterParam: string,
): Promise<Response> {
  const cluster = decodeParam(clusterParam);
  const parsed = AccessQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError(400, 'invalid', issuesText(parsed.error));
  const { namespace } = parsed.data;
  const problem = namespaceNameProblem(namespace);
  if (problem !== null) return jsonError(400, 'invalid', problem);
  if (!deps.registry.has(cluster)) return unknownCluster(cluster);
  const result = await deps.cache.get(cluster, namespace, () =>
    askAccess(deps.registry, cluster, namespace),
  );
  if ('error' in result) return jsonError(502, result.error.kind, result.error.message);
  return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
