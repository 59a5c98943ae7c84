import { expect } from '@playwright/test';
import type { Sim } from './sim';
import {
  clusterEventUids,
  clusterFingerprints,
  dashboardState,
  snapshotFingerprints,
  type Fingerprints,
} from './state';

/**
 * Lines only one side has: `- x` is in the dashboard's model but not the cluster, `+ x` the
 * other way round. Empty when they agree.
 */
export async function modelDiff(sim: Sim, baseURL: string, cluster: string): Promise<string[]> {
  const [snapshot, fresh, eventUids] = await Promise.all([
    dashboardState(baseURL, cluster),
    clusterFingerprints(sim),
    clusterEventUids(sim),
  ]);
  const model = snapshotFingerprints(snapshot);
  const out: string[] = [];
  for (const kind of Object.keys(model) as (keyof Fingerprints)[]) {
    const theirs = new Set(fresh[kind]);
    const ours = new Set(model[kind]);
    out.push(...model[kind].filter((l) => !theirs.has(l)).map((l) => `- ${l}`));
    out.push(...fresh[kind].filter((l) => !ours.has(l)).map((l) => `+ ${l}`));
  }
  // The model keeps only recent Events: each must still exist in the cluster.
  for (const e of snapshot.events) {
    if (!eventUids.has(e.uid)) out.push(`- event ${e.namespace}/${e.reason} ${e.uid}`);
  }
  return out;
}

/**
 * Waits until the dashboard's `/state` equals fresh lists from the cluster (both read in the
 * same poll, since the demo keeps changing).
 */
export async function expectConverged(
  sim: Sim,
  baseURL: string,
  cluster: string,
  timeout = 15_000,
): Promise<void> {
  await expect
    .poll(() => modelDiff(sim, baseURL, cluster), {
      message: 'the dashboard model equals a fresh list of the cluster',
      timeout,
    })
    .toEqual([]);
}
