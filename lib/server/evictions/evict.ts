import 'server-only';

import { optionsOf } from '@/lib/domain/eviction-attempts';
import {
  classifyEviction,
  isStaleBudgetCause,
  type EvictionAnswer,
  type EvictionRequest,
} from '@/lib/domain/eviction-outcome';
import { backoffMs } from '@/lib/domain/retry-policy';

import type { EvictionOptions } from '@/lib/domain/eviction-attempts';

import { postEviction } from '../k8s/eviction';
import { recordAttempt, type AttemptDeps, type PodAttempt, type RetryLink } from './attempt';

/** How long a retry entry keeps trying unless the request says otherwise. */
export const DEFAULT_RETRY_DEADLINE_SECONDS = 3600;

/** One eviction to perform: names already validated, the body already parsed. */
export interface EvictCommand {
  cluster: string;
  namespace: string;
  pod: string;
  request: EvictionRequest;
}

/** An Eviction of one pod as an attempt: its UID as precondition, the options as decided. */
export function evictionAttempt(
  target: { cluster: string; namespace: string; pod: string; uid: string },
  options: EvictionOptions,
): PodAttempt {
  const { cluster, namespace, pod, uid } = target;
  const { dryRun, gracePeriodSeconds } = options;
  // A dry run is never retried: it changes nothing, so there is nothing to keep trying.
  const retry = options.retry && !dryRun;
  return {
    action: 'evict',
    ...target,
    options,
    send: (kc) => postEviction(kc, cluster, { namespace, pod, uid, dryRun, gracePeriodSeconds }),
    classify: (reply) => classifyEviction(reply, { dryRun, retry }),
  };
}

/**
 * The link of a first eviction with `retry` asked: a budget's block (`queued`) creates the
 * pod's pending entry, its first retry on backoff (the live budget may wake it sooner), or
 * joins the one a concurrent request has just created.
 */
function firstAttemptLink(deps: AttemptDeps, deadlineSeconds: number): RetryLink {
  return {
    settle: (retries, { attemptId, result, budget, now }) => {
      if (result.outcome !== 'queued') return undefined;
      const random = deps.random ?? Math.random;
      return retries.createOrJoin(attemptId, {
        created: now,
        deadline: now + deadlineSeconds * 1000,
        nextAttemptAt: now + backoffMs(1, random, result.retryAfterSeconds),
        budget,
        blockedByStale: isStaleBudgetCause(result.cause),
      }).id;
    },
  };
}

/**
 * Evicts one pod through the Eviction API and records the attempt (see {@link recordAttempt}).
 * With `retry` asked, a budget's block creates the pod's pending retry entry (`queued`), and a
 * request for a pod that already has one joins it without sending anything.
 * Never throws for anything the cluster does: every reply is an outcome.
 * @see ../shared/docs/architecture.md "Data flow of one click"
 */
export async function evict(deps: AttemptDeps, cmd: EvictCommand): Promise<EvictionAnswer> {
  const { cluster, namespace, pod } = cmd;
  const { uid } = cmd.request;
  const asked = optionsOf(cmd.request);
  const retry = asked.retry && !asked.dryRun;
  if (retry) {
    const waiting = deps.store.retries.pendingFor(cluster, uid);
    // Another pod under that UID is not this one: the cluster answers it (409 on the precondition).
    if (waiting !== undefined && waiting.namespace === namespace && waiting.pod === pod) {
      return {
        outcome: 'queued',
        message: `Already waiting: this pod has a pending retry (#${waiting.id}, ${waiting.attempts} attempts so far); this request joins it.`,
        ...(waiting.budget !== null ? { budget: waiting.budget } : {}),
        attemptId: null,
        retryId: waiting.id,
      };
    }
  }
  const deadlineSeconds = cmd.request.retryDeadlineSeconds ?? DEFAULT_RETRY_DEADLINE_SECONDS;
  const answer = await recordAttempt(
    deps,
    evictionAttempt({ cluster, namespace, pod, uid }, asked),
    retry ? firstAttemptLink(deps, deadlineSeconds) : undefined,
  );
  if (answer.retryId !== undefined) deps.onQueued?.(cluster, answer.retryId);
  return answer;
}
