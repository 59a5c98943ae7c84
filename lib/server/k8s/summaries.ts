import 'server-only';
import { homedir } from 'node:os';
import type { ClusterSummary } from '@/lib/domain/clusters';
import { createClusterRegistry, type ClusterRegistry } from './clusters';
import { ClusterError } from './errors';

/**
 * Every known cluster with its reachability, checked in parallel (each bounded by the
 * registry's timeout), for `GET /api/clusters`. An unreachable cluster is listed with the
 * reason, never an error.
 */
export async function listClusterSummaries(registry: ClusterRegistry): Promise<ClusterSummary[]> {
  const clusters = await registry.list();
  const summaries = await Promise.all(
    clusters.map(async (c): Promise<ClusterSummary | null> => {
      const r = await registry.checkReachability(c.name).catch((e: unknown) => {
        // An embedded cluster removed since the listing (a walkthrough finished) is left out.
        if (e instanceof ClusterError && e.kind === 'unknown-cluster') return null;
        throw e;
      });
      if (r === null) return null;
      const summary: ClusterSummary = { ...c, reachable: r.reachable };
      if (!r.reachable) Object.assign(summary, { reason: r.reason, message: r.message });
      return summary;
    }),
  );
  return summaries.filter((s) => s !== null);
}

const KEY = Symbol.for('drainboard.clusterRegistry');

/**
 * The one registry of this server process (kept on globalThis so that a development reload
 * does not start a second embedded cluster).
 */
export function processClusterRegistry(): ClusterRegistry {
  const g = globalThis as { [KEY]?: ClusterRegistry };
  g[KEY] ??= createClusterRegistry({ env: process.env, homeDir: homedir(), cwd: process.cwd() });
  return g[KEY];
}
