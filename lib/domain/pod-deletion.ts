import { z } from 'zod';

import { classifyFailure, type Classified, type ClusterReply } from './eviction-outcome';

/**
 * The direct delete of a pod: the docs' last resort when an eviction cannot pass (a budget
 * that can never allow one, a pod stuck unhealthy). A DELETE bypasses every
 * PodDisruptionBudget, so it is its own, explicitly named action behind a typed confirmation,
 * never a fallback of Evict.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#troubleshooting-stuck-evictions
 * @see ../shared/docs/architecture.md "Evict means the Eviction API"
 */

/** The body of `POST …/pods/{pod}/delete`; unknown fields are refused. */
export const DeletionRequestSchema = z.strictObject({
  /** The UID of the pod the operator saw: a replacement under the same name is never deleted. */
  uid: z.string().min(1).max(128),
  /** The pod's name, typed by the operator; see {@link confirmationProblem}. */
  confirm: z.string().max(253),
  /** Overrides the pod's `terminationGracePeriodSeconds`; 0 kills it at once. */
  gracePeriodSeconds: z.number().int().min(0).optional(),
});
export type DeletionRequest = z.infer<typeof DeletionRequestSchema>;

/** Why the typed confirmation does not confirm deleting `pod`, or null when it does. */
export function confirmationProblem(pod: string, confirm: string): string | null {
  return confirm === pod
    ? null
    : `confirm: type the pod's name, ${JSON.stringify(pod)}, exactly to delete it`;
}

/** The words of an accepted delete: the budgets were bypassed, the grace period still applies. */
function deletedMessage(gracePeriodSeconds: number | null): string {
  const grace =
    gracePeriodSeconds === null
      ? 'its own grace period'
      : gracePeriodSeconds === 0
        ? 'no grace period: it is killed at once'
        : `a grace period of ${gracePeriodSeconds} s`;
  return `Deleted directly, bypassing every disruption budget: the pod terminates with ${grace}. Its controller, if any, creates a replacement.`;
}

/**
 * Classifies the cluster's reply to one pod DELETE (with the UID precondition): a 2xx is
 * `deleted`; a 409 on the precondition is `replaced` (nothing was deleted); the rest are the
 * refusals an Eviction gets too. A DELETE meets no budget, so it is never `blocked`.
 */
export function classifyDeletion(
  reply: ClusterReply,
  gracePeriodSeconds: number | null,
): Classified {
  const accepted = reply.kind === 'answer' && reply.code >= 200 && reply.code < 300;
  return accepted
    ? { outcome: 'deleted', message: deletedMessage(gracePeriodSeconds) }
    : classifyFailure(reply, 'delete');
}
