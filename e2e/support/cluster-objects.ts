import type { V1Node, V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';
import { expect } from '@playwright/test';
import type { Sim } from './sim';

/** What the Overview should show of the cluster, from fresh lists. */
export interface ClusterPicture {
  nodes: string[];
  /** Pod name → its node ('' when unscheduled). */
  podNodes: Map<string, string>;
  budgets: { ref: string; disruptionsAllowed: number }[];
}

/** Budgets whose disruption status the disruption controller has written for their generation. */
const isObserved = (b: V1PodDisruptionBudget) =>
  b.status?.observedGeneration !== undefined &&
  b.status.observedGeneration === b.metadata?.generation;

export async function clusterPicture(sim: Sim): Promise<ClusterPicture> {
  const [nodes, pods, budgets] = await Promise.all([
    sim.list<V1Node>('/api/v1/nodes'),
    sim.list<V1Pod>('/api/v1/pods'),
    sim.list<V1PodDisruptionBudget>('/apis/policy/v1/poddisruptionbudgets'),
  ]);
  return {
    nodes: nodes.map((n) => n.metadata?.name ?? '').sort(),
    podNodes: new Map(pods.map((p) => [p.metadata?.name ?? '', p.spec?.nodeName ?? ''])),
    budgets: budgets.filter(isObserved).map((b) => ({
      ref: `${b.metadata?.namespace}/${b.metadata?.name}`,
      disruptionsAllowed: b.status?.disruptionsAllowed ?? 0,
    })),
  };
}

/** The demo's settled budgets (lib/sim/README.md): `api` and `flaky` allow no disruption. */
export const DEMO_BLOCKED_BUDGETS = ['shop/api', 'shop/flaky'];

/** Waits until the demo has settled: every budget observed, only api and flaky blocked. */
export async function demoSettled(sim: Sim): Promise<void> {
  await expect
    .poll(
      async () =>
        (await clusterPicture(sim)).budgets
          .filter((b) => b.disruptionsAllowed === 0)
          .map((b) => b.ref)
          .sort(),
      { timeout: 30_000 },
    )
    .toEqual(DEMO_BLOCKED_BUDGETS);
}
