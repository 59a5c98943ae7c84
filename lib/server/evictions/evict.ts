import 'server-only';

import { optionsOf } from '@/lib/domain/eviction-attempts';
import {
  classifyEviction,
  type EvictionAnswer,
  type EvictionRequest,
} from '@/lib/domain/eviction-outcome';

import { postEviction } from '../k8s/eviction';
import { recordAttempt, type AttemptDeps } from './attempt';

/** One eviction to perform: names already validated, the body already parsed. */
export interface EvictCommand {
  cluster: string;
  namespace: string;
  pod: string;
  request: EvictionRequest;
}

/**
 * Evicts one pod through the Eviction API and records the attempt (see {@link recordAttempt});
 * a budget's block with `retry` asked creates a pending retry entry (`queued`).
 * Never throws for anything the cluster does: every reply is an outcome.
 * @see ../shared/docs/architecture.md "Data flow of one click"
 */
export function evict(deps: AttemptDeps, cmd: EvictCommand): Promise<EvictionAnswer> {
  const { cluster, namespace, pod } = cmd;
  const { uid } = cmd.request;
  const options = optionsOf(cmd.request);
  const { dryRun, gracePeriodSeconds } = options;
  // A dry run is never retried: it changes nothing, so there is nothing to keep trying.
  const retry = options.retry && !dryRun;
  return recordAttempt(deps, {
    action: 'evict',
    cluster,
    namespace,
    pod,
    uid,
    options,
    send: (kc) => postEviction(kc, cluster, { namespace, pod, uid, dryRun, gracePeriodSeconds }),
    classify: (reply) => classifyEviction(reply, { dryRun, retry }),
  });
}
