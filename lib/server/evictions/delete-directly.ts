import 'server-only';

import { deletionOptionsOf } from '@/lib/domain/eviction-attempts';
import type { EvictionAnswer } from '@/lib/domain/eviction-outcome';
import { classifyDeletion, type DeletionRequest } from '@/lib/domain/pod-deletion';

import { deletePod } from '../k8s/delete';
import { recordAttempt, type AttemptDeps } from './attempt';

/** One direct delete to perform: names validated, the body parsed and its confirmation checked. */
export interface DeleteCommand {
  cluster: string;
  namespace: string;
  pod: string;
  request: DeletionRequest;
}

/**
 * Deletes one pod directly (a DELETE with its UID as precondition, bypassing every disruption
 * budget: the docs' last resort) and records it as an attempt of action `delete` (see
 * {@link recordAttempt}), `deleted` when the cluster accepted; the pod's pending retry entry, if
 * any, then ends. Never throws for anything the cluster does: every reply is an outcome.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#troubleshooting-stuck-evictions
 */
export async function deleteDirectly(
  deps: AttemptDeps,
  cmd: DeleteCommand,
): Promise<EvictionAnswer> {
  const { cluster, namespace, pod } = cmd;
  const { uid } = cmd.request;
  const options = deletionOptionsOf(cmd.request);
  const { gracePeriodSeconds } = options;
  const answer = await recordAttempt(deps, {
    action: 'delete',
    cluster,
    namespace,
    pod,
    uid,
    options,
    send: (kc) => deletePod(kc, cluster, { namespace, pod, uid, gracePeriodSeconds }),
    classify: (reply) => classifyDeletion(reply, gracePeriodSeconds),
  });
  if (answer.outcome === 'deleted') deps.onDeleted?.(cluster, uid, deps.who);
  return answer;
}
