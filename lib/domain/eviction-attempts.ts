import { z } from 'zod';

import { EvictionOutcomeSchema, PodActionSchema, type EvictionRequest } from './eviction-outcome';
import type { DeletionRequest } from './pod-deletion';
import { BudgetViewSchema } from './views';

/**
 * The record of every attempt on a pod (each Eviction, and each direct delete), as stored and
 * as `GET …/attempts` lists it.
 */

/** The options of an attempt as stored, defaults decided. */
export const EvictionOptionsSchema = z.object({
  dryRun: z.boolean(),
  gracePeriodSeconds: z.number().int().nullable(),
  retry: z.boolean(),
});
export type EvictionOptions = z.infer<typeof EvictionOptionsSchema>;

/** The options of a request, with the defaults (no dry run, the pod's own grace, no retry). */
export function optionsOf(req: EvictionRequest): EvictionOptions {
  return {
    dryRun: req.dryRun ?? false,
    gracePeriodSeconds: req.gracePeriodSeconds ?? null,
    retry: req.retry ?? false,
  };
}

/** The options of a direct delete: never a dry run, never retried; the grace period if given. */
export function deletionOptionsOf(req: DeletionRequest): EvictionOptions {
  return { dryRun: false, gracePeriodSeconds: req.gracePeriodSeconds ?? null, retry: false };
}

/** A budget's numbers at the moment of an attempt, from the live model. */
export const BudgetMomentSchema = BudgetViewSchema.pick({
  generation: true,
  observedGeneration: true,
  disruptionsAllowed: true,
  currentHealthy: true,
  desiredHealthy: true,
  expectedPods: true,
  disruptedPods: true,
});
export type BudgetMoment = z.infer<typeof BudgetMomentSchema>;

/** One recorded attempt, as `GET /api/clusters/{cluster}/attempts` lists it. */
export const AttemptViewSchema = z.object({
  id: z.number().int(),
  /** `evict` (the Eviction API) or `delete` (a direct DELETE, bypassing every budget). */
  action: PodActionSchema,
  /** RFC 3339, when the request was sent. */
  time: z.string(),
  /** The local OS user for a kubeconfig. */
  who: z.string(),
  cluster: z.string(),
  namespace: z.string(),
  pod: z.string(),
  uid: z.string(),
  options: EvictionOptionsSchema,
  /** null while the request is in flight (or if the server stopped before the answer). */
  outcome: EvictionOutcomeSchema.nullable(),
  message: z.string().nullable(),
  /** The cluster's HTTP code; null without an answer. */
  clusterCode: z.number().int().nullable(),
  /** The cluster's `reason` (`TooManyRequests`, …). */
  reason: z.string().nullable(),
  /** The cluster's first cause message. */
  cause: z.string().nullable(),
  budget: z.object({ name: z.string(), status: BudgetMomentSchema.nullable() }).nullable(),
  latencyMs: z.number().int().nullable(),
  retryId: z.number().int().nullable(),
});
export type AttemptView = z.infer<typeof AttemptViewSchema>;

export const AttemptListSchema = z.array(AttemptViewSchema);
