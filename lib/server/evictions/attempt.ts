import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';

import type { EvictionOptions } from '@/lib/domain/eviction-attempts';
import type {
  Classified,
  ClusterReply,
  EvictionAnswer,
  PodAction,
} from '@/lib/domain/eviction-outcome';

import type { ClusterRegistry } from '../k8s/clusters';
import type { Clock } from '../k8s/clock';
import { failedReply } from '../k8s/cluster-reply';
import type { AttemptResult, EvictionStore } from '../store/eviction-store';
import type { RetryStore } from '../store/retry-store';
import { budgetRecord, type BudgetRecord, type LiveState } from './budget-moment';

/**
 * What an attempt on a pod (an eviction, a direct delete) works with; injected, so tests use a
 * real cluster and a temporary store.
 */
export interface AttemptDeps {
  registry: Pick<ClusterRegistry, 'kubeConfig'>;
  store: EvictionStore;
  /** Who is acting: the local OS user for a kubeconfig. */
  who: string;
  clock: Pick<Clock, 'now'>;
  /** The live model's pods and budgets of a cluster, when it is being watched. */
  liveState?: (cluster: string) => Promise<LiveState | undefined>;
  /** Randomness for the retry queue's jitter (default Math.random). */
  random?: () => number;
  /** Told of every retry entry an eviction creates or joins (the queue takes it from there). */
  onQueued?: (cluster: string, retryId: number) => void;
  /** Told of every attempt once its answer is recorded (the timeline recorder takes it). */
  onAttempt?: (attemptId: number) => void;
  /** Told of every pod a direct delete removed (its pending retry, if any, ends). */
  onDeleted?: (cluster: string, uid: string, who: string) => void;
}

/** One request on a pod to make and record: names validated, options decided. */
export interface PodAttempt {
  action: PodAction;
  cluster: string;
  namespace: string;
  pod: string;
  /** The pod the operator saw; sent as the request's UID precondition. */
  uid: string;
  options: EvictionOptions;
  /** Makes the request with the cluster's KubeConfig; never throws. */
  send: (kc: KubeConfig) => Promise<ClusterReply>;
  classify: (reply: ClusterReply) => Classified;
}

/** How an attempt takes part in the retry queue. */
export interface RetryLink {
  /** The entry this attempt is made for; marked in flight while it runs. */
  id?: number;
  /**
   * What the answer does to the queue (create, join or settle an entry), in the transaction
   * that records the answer; returns the entry's id, if there is one.
   */
  settle: (
    retries: RetryStore,
    answer: { attemptId: number; result: Classified; budget: string | null; now: number },
  ) => number | undefined;
}

/** Sends the request; a cluster whose KubeConfig cannot be had is a reply too. */
async function send(deps: AttemptDeps, attempt: PodAttempt): Promise<ClusterReply> {
  try {
    return await attempt.send(await deps.registry.kubeConfig(attempt.cluster));
  } catch (e) {
    return failedReply(attempt.cluster, e);
  }
}

/**
 * Makes one request on a pod and records it as an attempt: recorded before the request (so an
 * attempt whose answer never came is still on record), classified, finished with the outcome,
 * the cluster's code, reason and cause, the budget's numbers from just before, and the
 * latency; `retry` links it to the retry queue in the same transactions.
 * Never throws for anything the cluster does: every reply is an outcome.
 * @see ../shared/docs/architecture.md "Data flow of one click"
 */
export async function recordAttempt(
  deps: AttemptDeps,
  attempt: PodAttempt,
  retry?: RetryLink,
): Promise<EvictionAnswer> {
  const { action, cluster, namespace, pod, uid, options } = attempt;
  const live = await deps.liveState?.(cluster);
  const started = deps.clock.now();
  const time = new Date(started).toISOString();
  const attemptId = deps.store.begin(
    { action, time, who: deps.who, cluster, namespace, pod, uid, options },
    retry?.id,
  );
  const reply = await send(deps, attempt);
  const result = attempt.classify(reply);
  const budget = budgetRecord(live, attempt, result.budget);
  const now = deps.clock.now();
  const retryId = deps.store.finish(
    attemptId,
    resultOf(reply, result, budget, now - started),
    retry &&
      ((retries) =>
        retry.settle(retries, { attemptId, result, budget: budget?.name ?? null, now })),
  );
  deps.onAttempt?.(attemptId);
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
