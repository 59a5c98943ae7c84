import { z } from 'zod';

/** Why a cluster did not answer; a normal UI state, not an error page. */
export const UnreachableReasonSchema = z.enum([
  'unreachable',
  'timeout',
  'unauthorized',
  'forbidden',
  'config',
  'error',
]);

/** One entry of `GET /api/clusters`. */
export const ClusterSummarySchema = z.object({
  name: z.string(),
  server: z.string(),
  demo: z.boolean(),
  default: z.boolean(),
  reachable: z.boolean(),
  /** Set when `reachable` is false. */
  reason: UnreachableReasonSchema.optional(),
  message: z.string().optional(),
  /** Embedded clusters only: the file for a ready `kubectl --kubeconfig …` line. */
  kubeconfigPath: z.string().optional(),
  /** An embedded cluster started at run time: a walkthrough's or a rehearsal. */
  embedded: z.object({ kind: z.enum(['walkthrough', 'rehearsal']), title: z.string() }).optional(),
});
export type ClusterSummary = z.infer<typeof ClusterSummarySchema>;

export const ClusterListSchema = z.array(ClusterSummarySchema);
