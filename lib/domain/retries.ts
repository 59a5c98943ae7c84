import { z } from 'zod';

import { EvictionOutcomeSchema } from './eviction-outcome';

/**
 * The durable retry queue's entries and the stuck monitor's items, as the API lists them and
 * the stream carries them (issue 6).
 * @see ./retry-policy.ts for what moves an entry from one state to the next.
 */

export const RetryStateSchema = z.enum([
  'pending',
  'evicted',
  'gone',
  'replaced',
  'failed',
  'cancelled',
  'expired',
]);

/** The last answer the cluster gave to an entry's attempt. */
export const RetryAnswerSchema = z.object({
  attemptId: z.number().int(),
  /** RFC 3339, when the request was sent. */
  time: z.string(),
  outcome: EvictionOutcomeSchema,
  /** Our plain words. */
  message: z.string(),
  /** The cluster's cause message, verbatim ("The disruption budget web needs 3 healthy pods…"). */
  cause: z.string().nullable(),
  clusterCode: z.number().int().nullable(),
});
export type RetryAnswer = z.infer<typeof RetryAnswerSchema>;

/** One entry of the retry queue: one pod (by UID) of one cluster that we keep trying to evict. */
export const RetryViewSchema = z.object({
  id: z.number().int(),
  cluster: z.string(),
  namespace: z.string(),
  pod: z.string(),
  uid: z.string(),
  state: RetryStateSchema,
  /** Who asked first; a later request for the same pod joins the entry. */
  who: z.string(),
  /** RFC 3339. */
  createdAt: z.string(),
  updatedAt: z.string(),
  /** After it the entry is `expired`. */
  deadline: z.string(),
  /** When the timer wakes the entry; null once it is finished. The budget may wake it sooner. */
  nextAttemptAt: z.string().nullable(),
  /** Attempts answered so far, the first (blocked) one included. */
  attempts: z.number().int().nonnegative(),
  /** The budget that blocked it, when the cluster named one. */
  budget: z.string().nullable(),
  /** An attempt is in flight now. */
  inFlight: z.boolean(),
  /** The last budget block was its stale status (a recomputation wakes the entry). */
  blockedByStale: z.boolean(),
  lastAnswer: RetryAnswerSchema.nullable(),
  /** Why it ended, for `failed`, `expired` and `cancelled`. */
  reason: z.string().nullable(),
  /** The grace period each attempt asks for; null: the pod's own. */
  gracePeriodSeconds: z.number().int().nullable(),
});
export type RetryView = z.infer<typeof RetryViewSchema>;

/** The kinds of stuck item, each with its own threshold. */
export const StuckKindSchema = z.enum(['retry', 'budget', 'terminating', 'node']);
export type StuckKind = z.infer<typeof StuckKindSchema>;

/** One finding of a diagnosis, keyed by a stable code the UI and tests use, never the words. */
export const DiagnosisSchema = z.object({
  code: z.enum([
    'never-ready',
    'not-ready',
    'still-terminating',
    'past-deadline',
    'node-not-ready',
    'finalizer',
    'status-stale',
    'never-passable',
    'multiple-budgets',
    'unhealthy-blocked',
    'waiting-for-replacement',
    'no-budget-room',
    'evictable-pods-left',
    'unknown',
  ]),
  /** Plain words, e.g. "replacement web-7d9f-x2 has not become Ready for 12 min (never-ready)". */
  text: z.string(),
  /** The pods it is about (names in the item's namespace). */
  pods: z.array(z.string()),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

/** What to do about a stuck item: the docs' two remedies, and the specific fix when one exists. */
export const RemedySchema = z.object({
  code: z.enum(['pause-and-investigate', 'wait-then-delete', 'fix']),
  title: z.string(),
  detail: z.string(),
});
export type Remedy = z.infer<typeof RemedySchema>;

/** Something stuck: a retry, a budget, a terminating pod or a cordoned node, with why and what to do. */
export const StuckItemSchema = z.object({
  kind: StuckKindSchema,
  /** Unique in a cluster: `retry:12`, `budget:ns/name`, `terminating:uid`, `node:name`. */
  key: z.string(),
  namespace: z.string().nullable(),
  /** The pod, budget or node name. */
  name: z.string(),
  /** The retry entry, for `retry` (and the pending entry of a terminating pod's budget, if any). */
  retryId: z.number().int().nullable(),
  /** RFC 3339: since when the condition has held. */
  since: z.string(),
  /** One line: what is stuck and for how long. */
  title: z.string(),
  diagnoses: z.array(DiagnosisSchema),
  remedies: z.array(RemedySchema),
});
export type StuckItem = z.infer<typeof StuckItemSchema>;

/** An entry as `GET …/retries` lists it: with its stuck flag and diagnosis. */
export const RetryListItemSchema = RetryViewSchema.extend({
  stuck: z.boolean(),
  diagnoses: z.array(DiagnosisSchema),
  remedies: z.array(RemedySchema),
});
export type RetryListItem = z.infer<typeof RetryListItemSchema>;
export const RetryListSchema = z.array(RetryListItemSchema);
