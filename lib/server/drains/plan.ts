import 'server-only';

import { evictCandidates, planDrain } from '@/lib/domain/drain-plan';
import type { DrainPlan, DrainRequest, DryRunVerdict } from '@/lib/domain/drains';
import { classifyEviction, type ClusterReply } from '@/lib/domain/eviction-outcome';
import type { PodView } from '@/lib/domain/views';

import type { ClusterRegistry } from '../k8s/clusters';
import { postEviction } from '../k8s/eviction';
import type { ClusterWatch } from '../live/cluster-watch';

/** How many dry-run evictions a plan has in flight at once. */
const DRY_RUN_CONCURRENCY = 8;
/** How long a plan waits for the first lists of a cluster not watched yet. */
export const PLAN_SYNC_TIMEOUT_MS = 15_000;

/** The cluster's answer to a dry-run eviction, as the plan shows it. */
export function dryRunVerdict(reply: ClusterReply): DryRunVerdict {
  const c = classifyEviction(reply, { dryRun: true, retry: false });
  const code = reply.kind === 'answer' ? reply.code : null;
  const message = reply.kind === 'answer' && code !== 201 ? reply.message : null;
  const budget = c.budget ?? null;
  switch (c.outcome) {
    case 'would-evict':
      return { verdict: 'would-pass', code, message: null, budget: null };
    case 'blocked':
      return { verdict: 'blocked', code, message, budget };
    case 'multiple-budgets':
      return { verdict: 'several-budgets', code, message, budget: null };
    default:
      return { verdict: 'other', code, message: message ?? c.message, budget };
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What a plan is made from: the cluster's registry and its synced watch. */
export interface PlanDeps {
  registry: Pick<ClusterRegistry, 'kubeConfig'>;
}

/**
 * The plan of a drain from the live model (synced) and, with `dryRun`, the cluster's own answer
 * to a dry-run eviction of every pod the drain would evict (UID precondition, `dryRun: All`):
 * nothing changes in the cluster.
 */
export async function makePlan(
  deps: PlanDeps,
  watch: ClusterWatch,
  request: DrainRequest,
  options: { dryRun: boolean; now: number },
): Promise<DrainPlan> {
  const snapshot = watch.model.snapshot();
  const input = {
    cluster: watch.name,
    request,
    nodes: snapshot.nodes,
    pods: snapshot.pods,
    budgets: snapshot.budgets,
    owners: snapshot.owners,
    now: options.now,
  };
  const dryRuns = new Map<string, DryRunVerdict>();
  if (options.dryRun) {
    const kc = await deps.registry.kubeConfig(watch.name);
    await eachLimited(evictCandidates(input), DRY_RUN_CONCURRENCY, async (pod: PodView) => {
      const reply = await postEviction(kc, watch.name, {
        namespace: pod.namespace,
        pod: pod.name,
        uid: pod.uid,
        dryRun: true,
        gracePeriodSeconds: request.gracePeriodSeconds,
      });
      dryRuns.set(pod.uid, dryRunVerdict(reply));
    });
  }
  return planDrain({ ...input, dryRuns });
}
