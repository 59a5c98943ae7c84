import { z } from 'zod';

/**
 * What an eviction came to, in the words of ../shared/docs/eviction-semantics.md §3: the
 * outcome union, its HTTP mapping, the route's request and answer, and the one classifier from
 * a cluster's answer to an outcome with a plain-words message. A direct delete (the docs' last
 * resort, `pod-deletion.ts`) answers with the same union and shares the refusals.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
 */

export const EvictionOutcomeSchema = z.enum([
  'evicted',
  'would-evict',
  'deleted',
  'blocked',
  'queued',
  'rate-limited',
  'multiple-budgets',
  'replaced',
  'not-found',
  'forbidden',
  'invalid',
  'unreachable',
  'error',
]);
export type EvictionOutcome = z.infer<typeof EvictionOutcomeSchema>;

/** The HTTP code our eviction and delete routes answer each outcome with. */
export const OUTCOME_HTTP: Readonly<Record<EvictionOutcome, number>> = {
  evicted: 201,
  'would-evict': 200,
  deleted: 200,
  blocked: 429,
  queued: 202,
  'rate-limited': 429,
  'multiple-budgets': 409,
  replaced: 409,
  'not-found': 404,
  forbidden: 403,
  invalid: 400,
  unreachable: 502,
  error: 502,
};

/** The body of `POST …/pods/{pod}/eviction`; unknown fields are refused. */
export const EvictionRequestSchema = z.strictObject({
  /** The UID of the pod the operator saw: a replacement under the same name is never evicted. */
  uid: z.string().min(1).max(128),
  dryRun: z.boolean().optional(),
  /** Overrides the pod's `terminationGracePeriodSeconds`; 0 (kill at once) is not offered. */
  gracePeriodSeconds: z.number().int().min(1).optional(),
  /** Keep retrying while a disruption budget blocks the eviction. */
  retry: z.boolean().optional(),
  /** How long to keep retrying, in seconds (default 1 hour, at most 7 days). */
  retryDeadlineSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .optional(),
});
export type EvictionRequest = z.infer<typeof EvictionRequestSchema>;

/** The answer of `POST …/eviction` and of `POST …/delete`. */
export const EvictionAnswerSchema = z.object({
  outcome: EvictionOutcomeSchema,
  /** What happened and why, in plain words. */
  message: z.string(),
  /** The disruption budget the cluster named, if any. */
  budget: z.string().optional(),
  /** The cluster's cause message, verbatim (e.g. "… needs 2 healthy pods and has 2 currently"). */
  cause: z.string().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** The cluster's `Status` object, verbatim, when it answered with one. */
  status: z.record(z.string(), z.unknown()).optional(),
  /** The recorded attempt; null when we refused before sending anything to the cluster. */
  attemptId: z.number().int().nullable(),
  /** The pending retry entry of a `queued` outcome. */
  retryId: z.number().int().optional(),
});
export type EvictionAnswer = z.infer<typeof EvictionAnswerSchema>;

/** One cause of a Kubernetes `Status`; the cause's type is serialised as `reason`. */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/**
 * What the cluster made of one Eviction POST or pod DELETE: an answer (any HTTP code, its Status
 * parsed, with defaults for a body that is not one), no answer at all, or a failure before
 * sending.
 */
export type ClusterReply =
  | {
      kind: 'answer';
      code: number;
      reason: string;
      message: string;
      causes: StatusCause[];
      retryAfterSeconds: number | undefined;
      /** The Status object verbatim; undefined when the body was not one (APF's plain text). */
      status: Record<string, unknown> | undefined;
    }
  | { kind: 'unreachable' | 'timeout' | 'failed'; message: string };

/** An outcome with its plain words; `invalid` is ours alone, never the cluster's. */
export interface Classified {
  outcome: Exclude<EvictionOutcome, 'invalid'>;
  message: string;
  budget?: string;
  cause?: string;
  retryAfterSeconds?: number;
}

/** The exact message of the 500 for several budgets (eviction.go). */
export const MULTIPLE_BUDGETS_MESSAGE =
  'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

const BLOCKED_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";
const NEEDS = /^The disruption budget (\S+) needs (\d+) healthy pods and has (\d+) currently$/;
const PROCESSING = /^The disruption budget (\S+) is still being processed by the server\.$/;
const UID_CONFLICT = 'the UID in the precondition';

/** What a `DisruptionBudget` cause of the cluster says: the budget's counts, or a stale status. */
type BudgetCause =
  | { kind: 'needs'; budget: string; desired: number; current: number }
  | { kind: 'processing'; budget: string };

/** Reads the cluster's `DisruptionBudget` cause (eviction.go's two messages); null otherwise. */
export function readBudgetCause(cause: string): BudgetCause | null {
  const needs = NEEDS.exec(cause);
  if (needs) {
    const [, budget = '', desired = '', current = ''] = needs;
    return { kind: 'needs', budget, desired: Number(desired), current: Number(current) };
  }
  const processing = PROCESSING.exec(cause);
  return processing ? { kind: 'processing', budget: processing[1] ?? '' } : null;
}

/** What the cluster's `DisruptionBudget` cause says about the budget, in plain words. */
function budgetWords(cause: string): { budget?: string; words: string } {
  const read = readBudgetCause(cause);
  if (read?.kind === 'needs') {
    const { budget, desired, current } = read;
    return { budget, words: `Budget ${budget} needs ${desired} healthy, has ${current}.` };
  }
  if (read?.kind === 'processing') {
    return {
      budget: read.budget,
      words: `Budget ${read.budget} has changed and its status is not yet recomputed by the disruption controller.`,
    };
  }
  return { words: cause };
}

/** The cause says the budget's status is stale (changed, not yet recomputed): worth a wake. */
export function isStaleBudgetCause(cause: string | undefined): boolean {
  return cause !== undefined && PROCESSING.test(cause);
}

type Answer = Extract<ClusterReply, { kind: 'answer' }>;

/** A 429 caused by a disruption budget (T1–T3), with `retry` asked or not. */
function blocked(reply: Answer, cause: string, retry: boolean): Classified {
  const { budget, words } = budgetWords(cause);
  const retryWords = retry ? ' Drainboard will keep retrying.' : '';
  return {
    outcome: retry ? 'queued' : 'blocked',
    message: `${BLOCKED_MESSAGE} ${words}${retryWords}`,
    cause,
    ...(budget !== undefined ? { budget } : {}),
    ...(reply.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: reply.retryAfterSeconds }
      : {}),
  };
}

/** An Eviction's 403 beyond permissions: a terminating namespace (F2), a broken budget (F1). */
function evictionForbidden(reply: Answer): Classified | undefined {
  const terminating = reply.causes.find((c) => c.reason === 'NamespaceTerminating');
  if (terminating) {
    return {
      outcome: 'forbidden',
      message: `The ${terminating.message}: nothing can be evicted there; its pods are being deleted with it.`,
      cause: terminating.message,
    };
  }
  const details = reply.status?.['details'] as Record<string, unknown> | undefined;
  const budget = details?.['kind'] === 'poddisruptionbudget' ? details['name'] : undefined;
  if (typeof budget !== 'string') return undefined;
  return {
    outcome: 'forbidden',
    message: `The disruption budget ${budget} is in a state the API server refuses to use: ${reply.message}`,
    budget,
  };
}

/** Classifies an answer the cluster gave to an Eviction (any HTTP code). */
function classifyAnswer(reply: Answer, dryRun: boolean, retry: boolean): Classified {
  const { code } = reply;
  if (code >= 200 && code < 300) {
    return dryRun
      ? {
          outcome: 'would-evict',
          message: 'Dry run: the cluster would accept this eviction. Nothing was changed.',
        }
      : {
          outcome: 'evicted',
          message: 'Accepted: the pod will be deleted gracefully.',
        };
  }
  const budgetCause = reply.causes.find((c) => c.reason === 'DisruptionBudget');
  if (code === 429 && budgetCause) return blocked(reply, budgetCause.message, retry);
  if (code === 500 && reply.message === MULTIPLE_BUDGETS_MESSAGE) {
    return {
      outcome: 'multiple-budgets',
      message: `${MULTIPLE_BUDGETS_MESSAGE} Several budgets select this pod: a configuration error, and every eviction of it fails until only one does.`,
    };
  }
  return (code === 403 ? evictionForbidden(reply) : undefined) ?? classifyFailure(reply, 'evict');
}

/**
 * Classifies the cluster's reply to one Eviction POST. A 429 is a budget's block only with a
 * cause of type `DisruptionBudget`; without one it is API Priority and Fairness throttling.
 * With `retry`, a budget's block is `queued` (the caller creates the retry entry).
 * @see ../shared/docs/eviction-semantics.md §3
 */
export function classifyEviction(
  reply: ClusterReply,
  opts: { dryRun: boolean; retry: boolean },
): Classified {
  return reply.kind === 'answer'
    ? classifyAnswer(reply, opts.dryRun, opts.retry)
    : classifyFailure(reply, 'evict');
}

/** What was asked of a pod: an Eviction, or the direct delete that bypasses every budget. */
export const PodActionSchema = z.enum(['evict', 'delete']);
export type PodAction = z.infer<typeof PodActionSchema>;

const ACTION_WORDS: Readonly<Record<PodAction, { done: string; noun: string }>> = {
  evict: { done: 'evicted', noun: 'eviction' },
  delete: { done: 'deleted', noun: 'deletion' },
};

/** A refusal any request on a pod can get: throttling, a replaced or gone pod, a permission. */
function refusal(reply: Answer, done: string): Classified {
  const { code } = reply;
  if (code === 429) {
    const after = reply.retryAfterSeconds;
    return {
      outcome: 'rate-limited',
      message: `The API server is throttling requests (API Priority and Fairness)${after !== undefined ? `: try again in ${after} s` : ''}. Nothing was ${done}.`,
      ...(after !== undefined ? { retryAfterSeconds: after } : {}),
    };
  }
  if (code === 409 && reply.message.includes(UID_CONFLICT)) {
    return {
      outcome: 'replaced',
      message: `The pod was replaced: the pod of that name now is not the one you saw (its UID differs). Nothing was ${done}.`,
    };
  }
  if (code === 404) {
    return { outcome: 'not-found', message: `Already gone: ${reply.message}.` };
  }
  if (code === 403) {
    return { outcome: 'forbidden', message: `The cluster does not allow this: ${reply.message}` };
  }
  const reason = reply.reason === '' ? '' : ` ${reply.reason}`;
  return { outcome: 'error', message: `The cluster answered ${code}${reason}: ${reply.message}` };
}

/**
 * Classifies a reply that is neither a success nor particular to `action` (the caller has
 * classified those): a 429 without a budget's cause is API Priority and Fairness throttling, a
 * 409 on the UID precondition a replaced pod; no answer is `unreachable`, and a timeout says
 * the request may or may not have taken effect.
 */
export function classifyFailure(reply: ClusterReply, action: PodAction): Classified {
  const { done, noun } = ACTION_WORDS[action];
  switch (reply.kind) {
    case 'answer':
      return refusal(reply, done);
    case 'unreachable':
      return {
        outcome: 'unreachable',
        message: `The cluster could not be reached: ${reply.message}`,
      };
    case 'timeout':
      return {
        outcome: 'unreachable',
        message: `The cluster did not answer in time, so the ${noun} may or may not have happened: ${reply.message}`,
      };
    case 'failed':
      return { outcome: 'error', message: reply.message };
    default: {
      const never: never = reply;
      return never;
    }
  }
}
