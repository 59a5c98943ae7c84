import 'server-only';
import { homedir } from 'node:os';
import type { ClusterSummary } from '@/lib/domain/clusters';
import { createClusterRegistry, type ClusterRegistry } from './clusters';

/**
 * Every known cluster with its reachability, checked in parallel (each bounded by the
 * registry's timeout), for `GET /api/clusters`. An unreachable cluster is listed with the
 * reason, never an error.
 */
export async function listClusterSummaries(registry: ClusterRegistry): Promise<ClusterSummary[]> {
  const clusters = await registry.list();
  return Promise.all(
    clusters.map(async (c) => {
      const r = await registry.checkReachability(c.name);
      const summary: ClusterSummary = { ...c, reachable: r.reachable };
      if (!r.reachable) Object.assign(summary, { reason: r.reason, message: r.message });
      return summary;
    }),
  );
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
