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

/**
 * The message keys of the stuck monitor's words: the `StuckWords` messages that render a
 * title, a diagnosis or a remedy in the interface's language.
 */
export const PhraseKeySchema = z.enum([
  'title.retry',
  'title.budget',
  'title.terminating',
  'title.node',
  'diagnosis.podGone',
  'diagnosis.noBudget',
  'diagnosis.lastAnswer',
  'diagnosis.syncFailed',
  'diagnosis.syncMessage',
  'diagnosis.statusStale',
  'diagnosis.neverPassable',
  'diagnosis.multipleBudgets',
  'diagnosis.unhealthyBlocked',
  'diagnosis.terminating',
  'diagnosis.deadlineLeft',
  'diagnosis.deadlinePassed',
  'diagnosis.evictedNotTerminating',
  'diagnosis.replacementStarting',
  'diagnosis.pending',
  'diagnosis.notScheduled',
  'diagnosis.container',
  'diagnosis.restarts',
  'diagnosis.forAge',
  'diagnosis.ageParen',
  'diagnosis.replacementNeverReady',
  'diagnosis.podNeverReady',
  'diagnosis.runningNotReady',
  'diagnosis.noBudgetRoom',
  'diagnosis.budgetHasRoom',
  'diagnosis.pastDeadline',
  'diagnosis.containersStopped',
  'diagnosis.containersUnconfirmed',
  'diagnosis.containerRunning',
  'diagnosis.containersRunning',
  'diagnosis.nodeGone',
  'diagnosis.nodeNotReady',
  'diagnosis.finalizer',
  'diagnosis.podsLeft',
  'diagnosis.podsFree',
  'budget.needsHas',
  'budget.none',
  'budget.never.no-rule',
  'budget.never.max-unavailable-zero',
  'budget.never.min-available-all',
  'remedy.pauseTitle',
  'remedy.pauseDetail',
  'remedy.deleteTitle',
  'remedy.deleteDetail',
  'remedy.forceTitle',
  'remedy.forceDetail',
  'remedy.staleTitle',
  'remedy.neverTitle',
  'remedy.multipleTitle',
  'remedy.unhealthyTitle',
  'remedy.lintFix',
  'remedy.scaleUp',
  'remedy.fix.unprocessed',
  'remedy.fix.sync-failed',
  'remedy.fix.no-rule',
  'remedy.fix.max-unavailable-zero',
  'remedy.fix.min-available-all',
  'remedy.fix.multiple-budgets',
  'remedy.fix.unhealthy-blocked',
  'remedy.nodeTitle',
  'remedy.nodeDetail',
  'remedy.finalizersTitle',
  'remedy.finalizersDetail',
]);
export type PhraseKey = z.infer<typeof PhraseKeySchema>;

/**
 * A sentence as a message key and its values, for the UI to say in its language what `text`
 * says in English. A value is a plain value (names and the cluster's words, as they are), a
 * duration (`ms`), a list of names, or a nested phrase; an empty string leaves a part out.
 */
export interface Phrase {
  readonly key: PhraseKey;
  readonly values?: Readonly<Record<string, PhraseValue>>;
}
export type PhraseValue =
  string | number | { readonly ms: number } | { readonly list: readonly string[] } | Phrase;

const PhraseSchema: z.ZodType<Phrase> = z.lazy(() =>
  z.object({
    key: PhraseKeySchema,
    values: z
      .record(
        z.string(),
        z.union([
          z.string(),
          z.number(),
          z.object({ ms: z.number() }),
          z.object({ list: z.array(z.string()) }),
          PhraseSchema,
        ]),
      )
      .optional(),
  }),
);

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
  /** `text` as a phrase, for the UI's language. */
  phrase: PhraseSchema.optional(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

/** What to do about a stuck item: the docs' two remedies, and the specific fix when one exists. */
export const RemedySchema = z.object({
  code: z.enum(['pause-and-investigate', 'wait-then-delete', 'fix']),
  title: z.string(),
  detail: z.string(),
  /** `title` and `detail` as phrases, for the UI's language. */
  titlePhrase: PhraseSchema.optional(),
  detailPhrase: PhraseSchema.optional(),
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
  /** `title` as a phrase, for the UI's language. */
  titlePhrase: PhraseSchema.optional(),
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
