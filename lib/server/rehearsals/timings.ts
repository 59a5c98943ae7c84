import 'server-only';
import { z } from 'zod';

import type { RehearsalTimings } from '../k8s/demo';

/** The longest time a rehearsal takes per field: 10 minutes, as the copy's inferred times. */
const MAX_SECONDS = 600;

const LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const NAMESPACE = new RegExp(`^${LABEL}$`);
const NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/** Why `key` is not `namespace/Kind/name`, or null when it is. */
function workloadKeyProblem(key: string): string | null {
  const parts = key.split('/');
  if (parts.length !== 3) return 'must be namespace/Kind/name';
  const [namespace, kind, name] = parts as [string, string, string];
  if (namespace.length > 63 || !NAMESPACE.test(namespace))
    return `${JSON.stringify(namespace)} is not a namespace name (DNS-1123 label)`;
  if (!KINDS.includes(kind)) return `the Kind must be one of ${KINDS.join(', ')}`;
  if (name.length > 253 || !NAME.test(name))
    return `${JSON.stringify(name)} is not an object name (DNS-1123 subdomain)`;
  return null;
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

const ms = (s: number | undefined) => (s === undefined ? undefined : s * 1000);

/** The body's times in the copy's terms (milliseconds); a field left out stays undefined. */
export function toTimings(body: RehearsalBody): RehearsalTimings {
  return Object.fromEntries(
    Object.entries(body.timings ?? {}).map(([key, t]) => [
      key,
      {
        startMs: ms(t.startSeconds),
        readyMs: ms(t.readySeconds),
        shutdownMs: ms(t.shutdownSeconds),
      },
    ]),
  );
}
