import 'server-only';

import { optionsOf } from '@/lib/domain/eviction-attempts';
import {
  classifyEviction,
  type Classified,
  type ClusterReply,
  type EvictionAnswer,
  type EvictionRequest,
} from '@/lib/domain/eviction-outcome';

import type { ClusterRegistry } from '../k8s/clusters';
import type { Clock } from '../k8s/clock';
import { toClusterError } from '../k8s/errors';
import { postEviction, type EvictionTarget } from '../k8s/eviction';
import type { AttemptResult, EvictionStore } from '../store/eviction-store';
import { budgetRecord, type BudgetRecord, type LiveState } from './budget-moment';

/** What {@link evict} works with; injected, so tests use a real cluster and a temporary store. */
export interface EvictDeps {
  registry: Pick<ClusterRegistry, 'kubeConfig'>;
  store: EvictionStore;
  /** Who is evicting: the local OS user for a kubeconfig. */
  who: string;
  clock: Pick<Clock, 'now'>;
  /** The live model's pods and budgets of a cluster, when it is being watched. */
  liveState?: (cluster: string) => Promise<LiveState | undefined>;
}

/** One eviction to perform: names already validated, the body already parsed. */
export interface EvictCommand {
  cluster: string;
  namespace: string;
  pod: string;
  request: EvictionRequest;
}

/** Sends the Eviction; a cluster whose KubeConfig cannot be had is a reply too. */
async function send(
  deps: EvictDeps,
  cluster: string,
  target: EvictionTarget,
): Promise<ClusterReply> {
  try {
    return await postEviction(await deps.registry.kubeConfig(cluster), cluster, target);
  } catch (e) {
    const err = toClusterError(cluster, e);
    const kind = err.kind === 'unreachable' || err.kind === 'timeout' ? err.kind : 'failed';
    return { kind, message: err.message };
  }
}

/**
 * Evicts one pod through the Eviction API and records the attempt: recorded before the POST
 * (so an attempt whose answer never came is still on record), classified, finished with the
 * outcome, the cluster's code, reason and cause, the budget's numbers from just before, and
 * the latency; a budget's block with `retry` asked creates a pending retry entry (`queued`).
 * Never throws for anything the cluster does: every reply is an outcome.
 * @see ../shared/docs/architecture.md "Data flow of one click"
 */
export async function evict(deps: EvictDeps, cmd: EvictCommand): Promise<EvictionAnswer> {
  const { cluster, namespace, pod } = cmd;
  const { uid } = cmd.request;
  const options = optionsOf(cmd.request);
  const live = await deps.liveState?.(cluster);
  const started = deps.clock.now();
  const time = new Date(started).toISOString();
  const attemptId = deps.store.begin({
    time,
    who: deps.who,
    cluster,
    namespace,
    pod,
    uid,
    options,
  });
  const target = { namespace, pod, uid, ...options };
  const reply = await send(deps, cluster, target);
  // A dry run is never retried: it changes nothing, so there is nothing to keep trying.
  const result = classifyEviction(reply, {
    dryRun: options.dryRun,
    retry: options.retry && !options.dryRun,
  });
  const budget = budgetRecord(live, target, result.budget);
  const now = deps.clock.now();
  const retryId = deps.store.finish(
    attemptId,
    resultOf(reply, result, budget, now - started),
    result.outcome === 'queued'
      ? { created: new Date(now).toISOString(), budget: budget?.name ?? null }
      : undefined,
  );
  return {
    ...result,
    ...(reply.kind === 'answer' && reply.status !== undefined ? { status: reply.status } : {}),
    attemptId,
    ...(retryId !== undefined ? { retryId } : {}),
  };
}

/** What is recorded of an attempt's reply. */
function resultOf(
  reply: ClusterReply,
  result: Classified,
  budget: BudgetRecord | null,
  latencyMs: number,
): AttemptResult {
  const answered = reply.kind === 'answer' ? reply : undefined;
  return {
    outcome: result.outcome,
    message: result.message,
    clusterCode: answered?.code ?? null,
    reason: answered !== undefined && answered.reason !== '' ? answered.reason : null,
    cause: answered?.causes[0]?.message ?? null,
    budget,
    latencyMs,
  };
}
