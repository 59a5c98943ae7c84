import { z } from 'zod';

import { namespaceNameProblem, subdomainProblem } from './names';

/**
 * The request of a rehearsal (issue 9): times per workload of the copy, which the Nodes page's
 * form sends and `POST …/rehearsal` validates.
 */

/** The longest time a rehearsal takes per field: 10 minutes, as the copy's inferred times. */
export const MAX_SECONDS = 600;

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/** Why `key` is not `namespace/Kind/name`, or null when it is. */
function workloadKeyProblem(key: string): string | null {
  const parts = key.split('/');
  if (parts.length !== 3) return 'must be namespace/Kind/name';
  const [namespace, kind, name] = parts as [string, string, string];
  const problem = namespaceNameProblem(namespace);
  if (problem !== null) return problem;
  if (!KINDS.includes(kind)) return `the Kind must be one of ${KINDS.join(', ')}`;
  return subdomainProblem(`a ${kind} name`, name);
}

const error = `must be a whole number of seconds from 0 to ${MAX_SECONDS}`;
const seconds = z.number({ error }).int({ error }).min(0, { error }).max(MAX_SECONDS, { error });

/** One workload's times, each optional: left out, it is inferred from the pods' history. */
const TimesSchema = z.strictObject({
  startSeconds: seconds.optional(),
  readySeconds: seconds.optional(),
  shutdownSeconds: seconds.optional(),
});

/**
 * The body of `POST …/rehearsal`: `{timings?: {"namespace/Kind/name": {startSeconds?,
 * readySeconds?, shutdownSeconds?}}}`.
 */
export const RehearsalBodySchema = z.strictObject({
  timings: z
    .record(z.string(), TimesSchema)
    .superRefine((timings, ctx) => {
      for (const key of Object.keys(timings)) {
        const problem = workloadKeyProblem(key);
        if (problem !== null) ctx.addIssue({ code: 'custom', path: [key], message: problem });
      }
    })
    .optional(),
});
export type RehearsalBody = z.infer<typeof RehearsalBodySchema>;
