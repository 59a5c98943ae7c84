import { describe, expect, it } from 'vitest';

import type { Classified, ClusterReply } from './eviction-outcome';
import { DeletionRequestSchema, classifyDeletion, confirmationProblem } from './pod-deletion';

/** An answer as lib/server/k8s parses it; a DELETE's 200 carries the Pod, not a Status. */
function answer(code: number, reason: string, message: string, retryAfter?: number): ClusterReply {
  return {
    kind: 'answer',
    code,
    reason,
    message,
    causes: [],
    retryAfterSeconds: retryAfter,
    status: undefined,
  };
}

const UID_CONFLICT =
  'Operation cannot be fulfilled on Pod "db-0": the UID in the precondition (1111) does not match the UID in record (2222). The object might have been deleted and then recreated';
const RBAC =
  'pods "db-0" is forbidden: User "bob" cannot delete resource "pods" in API group "" in the namespace "shop"';

const TABLE: [string, ClusterReply, number | null, Classified][] = [
  [
    'accepted, the pod’s own grace period',
    answer(200, '', ''),
    null,
    {
      outcome: 'deleted',
      message:
        'Deleted directly, bypassing every disruption budget: the pod terminates with its own grace period. Its controller, if any, creates a replacement.',
    },
  ],
  [
    'accepted with a grace period given',
    answer(200, '', ''),
    5,
    {
      outcome: 'deleted',
      message:
        'Deleted directly, bypassing every disruption budget: the pod terminates with a grace period of 5 s. Its controller, if any, creates a replacement.',
    },
  ],
  [
    'accepted with grace 0',
    answer(200, '', ''),
    0,
    {
      outcome: 'deleted',
      message:
        'Deleted directly, bypassing every disruption budget: the pod terminates with no grace period: it is killed at once. Its controller, if any, creates a replacement.',
    },
  ],
  [
    'UID precondition failed',
    answer(409, 'Conflict', UID_CONFLICT),
    null,
    {
      outcome: 'replaced',
      message:
        'The pod was replaced: the pod of that name now is not the one you saw (its UID differs). Nothing was deleted.',
    },
  ],
  [
    'pod missing',
    answer(404, 'NotFound', 'pods "db-0" not found'),
    null,
    { outcome: 'not-found', message: 'Already gone: pods "db-0" not found.' },
  ],
  [
    'RBAC 403',
    answer(403, 'Forbidden', RBAC),
    null,
    { outcome: 'forbidden', message: `The cluster does not allow this: ${RBAC}` },
  ],
  [
    'APF 429',
    answer(429, 'TooManyRequests', 'Too many requests, please try again later.', 2),
    null,
    {
      outcome: 'rate-limited',
      message:
        'The API server is throttling requests (API Priority and Fairness): try again in 2 s. Nothing was deleted.',
      retryAfterSeconds: 2,
    },
  ],
  [
    'a 503',
    answer(503, 'ServiceUnavailable', 'injected'),
    null,
    { outcome: 'error', message: 'The cluster answered 503 ServiceUnavailable: injected' },
  ],
  [
    'no answer in time',
    { kind: 'timeout', message: 'aborted' },
    null,
    {
      outcome: 'unreachable',
      message:
        'The cluster did not answer in time, so the deletion may or may not have happened: aborted',
    },
  ],
  [
    'transport failure',
    { kind: 'unreachable', message: 'connect ECONNREFUSED' },
    null,
    { outcome: 'unreachable', message: 'The cluster could not be reached: connect ECONNREFUSED' },
  ],
];

describe('classifyDeletion', () => {
  it.each(TABLE)('%s', (_name, reply, grace, expected) => {
    expect(classifyDeletion(reply, grace)).toEqual(expected);
  });
});

describe('DeletionRequestSchema', () => {
  it.each([
    [{ uid: 'u', confirm: 'p' }],
    [{ uid: 'u', confirm: 'p', gracePeriodSeconds: 0 }],
    [{ uid: 'u', confirm: '', gracePeriodSeconds: 30 }],
  ])('accepts %j', (body) => {
    expect(DeletionRequestSchema.safeParse(body).success).toBe(true);
  });

  it.each([
    [{ uid: 'u' }],
    [{ confirm: 'p' }],
    [{ uid: '', confirm: 'p' }],
    [{ uid: 'u', confirm: 'p', gracePeriodSeconds: -1 }],
    [{ uid: 'u', confirm: 'p', gracePeriodSeconds: 0.5 }],
    [{ uid: 'u', confirm: 'p', dryRun: true }],
    [{ uid: 'u', confirm: true }],
  ])('refuses %j', (body) => {
    expect(DeletionRequestSchema.safeParse(body).success).toBe(false);
  });
});

describe('confirmationProblem', () => {
  it('accepts the pod’s name, exactly', () => {
    expect(confirmationProblem('web-1', 'web-1')).toBeNull();
  });

  it.each(['', 'web-', 'Web-1', ' web-1', 'web-1 ', 'delete'])('refuses %j', (typed) => {
    expect(confirmationProblem('web-1', typed)).toBe(
      'confirm: type the pod\'s name, "web-1", exactly to delete it',
    );
  });
});
