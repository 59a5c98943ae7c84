import 'server-only';

import type { RehearsalBody } from '@/lib/domain/rehearsals';

import type { RehearsalTimings } from '../k8s/demo';

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
