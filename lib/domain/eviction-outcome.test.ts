import { describe, expect, it } from 'vitest';

import {
  EvictionAnswerSchema,
  EvictionRequestSchema,
  OUTCOME_HTTP,
  classifyEviction,
  type Classified,
  type ClusterReply,
} from './eviction-outcome';

/** A reply as lib/server/k8s parses it: the Status's fields, the header's Retry-After. */
function reply(code: number, body: string, retryAfterHeader?: number): ClusterReply {
  let status: Record<string, unknown> | undefined;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if (parsed['kind'] === 'Status') status = parsed;
  } catch {
    status = undefined;
  }
  const details = (status?.['details'] ?? {}) as {
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  return {
    kind: 'answer',
    code,
    reason: (status?.['reason'] as string | undefined) ?? '',
    message: (status?.['message'] as string | undefined) ?? body.trim(),
    causes: (details.causes ?? []).map((c) => ({ field: '', ...c })),
    retryAfterSeconds: retryAfterHeader ?? details.retryAfterSeconds,
    status,
  };
}
type StatusCause = { reason: string; message: string; field?: string };

const S1 = '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}';
const T1 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Cannot evict pod as it would violate the pod\'s disruption budget.","reason":"TooManyRequests","details":{"causes":[{"reason":"DisruptionBudget","message":"The disruption budget orders-api needs 2 healthy pods and has 2 currently"}]},"code":429}';
const T2 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Cannot evict pod as it would violate the pod\'s disruption budget.","reason":"TooManyRequests","details":{"causes":[{"reason":"DisruptionBudget","message":"The disruption budget web is still being processed by the server."}],"retryAfterSeconds":10},"code":429}';
const APF = 'Too many requests, please try again later.\n';
const I1 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.","code":500}';
const I2 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Non-matching dry-run options in request and content: [All] and []","code":500}';
const C1_UID =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on Pod \\"db-0\\": the UID in the precondition (1111) does not match the UID in record (2222). The object might have been deleted and then recreated","reason":"Conflict","details":{"name":"db-0","kind":"Pod"},"code":409}';
const C2 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on poddisruptionbudgets.policy \\"web\\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"web","group":"policy","kind":"poddisruptionbudgets"},"code":409}';
const N1 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"web-1\\" not found","reason":"NotFound","details":{"name":"web-1","kind":"pods"},"code":404}';
const F1 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"poddisruptionbudget.policy \\"web\\" is forbidden: pdb disruptions allowed is negative","reason":"Forbidden","details":{"name":"web","group":"policy","kind":"poddisruptionbudget"},"code":403}';
const F2 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"held\\" is forbidden: unable to create new content in namespace gone because it is being terminated","reason":"Forbidden","details":{"name":"held","kind":"pods","causes":[{"reason":"NamespaceTerminating","message":"namespace gone is being terminated","field":"metadata.namespace"}]},"code":403}';
const RBAC =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"web-1\\" is forbidden: User \\"bob\\" cannot create resource \\"pods/eviction\\" in API group \\"\\" in the namespace \\"shop\\"","reason":"Forbidden","details":{"name":"web-1","kind":"pods"},"code":403}';
const B1 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"name in URL does not match name in Eviction object","reason":"BadRequest","code":400}';
const INTERNAL =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Internal error occurred: injected fault (sim errorRate)","reason":"InternalError","details":{"causes":[{"message":"injected fault (sim errorRate)"}]},"code":500}';

const OFF = { dryRun: false, retry: false };

const TABLE: [string, ClusterReply, { dryRun: boolean; retry: boolean }, Classified][] = [
  [
    'S1 accepted',
    reply(201, S1),
    OFF,
    { outcome: 'evicted', message: 'Accepted: the pod will be deleted gracefully.' },
  ],
  [
    'S1 accepted with 200 (older servers, proxies)',
    reply(200, S1),
    OFF,
    { outcome: 'evicted', message: 'Accepted: the pod will be deleted gracefully.' },
  ],
  [
    'dry run accepted',
    reply(201, S1),
    { dryRun: true, retry: false },
    {
      outcome: 'would-evict',
      message: 'Dry run: the cluster would accept this eviction. Nothing was changed.',
    },
  ],
  [
    'T1 budget exhausted',
    reply(429, T1),
    OFF,
    {
      outcome: 'blocked',
      message:
        "Cannot evict pod as it would violate the pod's disruption budget. Budget orders-api needs 2 healthy, has 2.",
      budget: 'orders-api',
      cause: 'The disruption budget orders-api needs 2 healthy pods and has 2 currently',
    },
  ],
  [
    'T1 with retry asked',
    reply(429, T1),
    { dryRun: false, retry: true },
    {
      outcome: 'queued',
      message:
        "Cannot evict pod as it would violate the pod's disruption budget. Budget orders-api needs 2 healthy, has 2. Drainboard will keep retrying.",
      budget: 'orders-api',
      cause: 'The disruption budget orders-api needs 2 healthy pods and has 2 currently',
    },
  ],
  [
    'T2 budget still being processed (Retry-After: 10)',
    reply(429, T2, 10),
    OFF,
    {
      outcome: 'blocked',
      message:
        "Cannot evict pod as it would violate the pod's disruption budget. Budget web has changed and its status is not yet recomputed by the disruption controller.",
      budget: 'web',
      cause: 'The disruption budget web is still being processed by the server.',
      retryAfterSeconds: 10,
    },
  ],
  [
    'APF 429: plain text, Retry-After, no DisruptionBudget cause',
    reply(429, APF, 3),
    { dryRun: false, retry: true },
    {
      outcome: 'rate-limited',
      message:
        'The API server is throttling requests (API Priority and Fairness): try again in 3 s. Nothing was evicted.',
      retryAfterSeconds: 3,
    },
  ],
  [
    'I1 several budgets',
    reply(500, I1),
    OFF,
    {
      outcome: 'multiple-budgets',
      message:
        'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support. Several budgets select this pod: a configuration error, and every eviction of it fails until only one does.',
    },
  ],
  [
    'I2 another 500',
    reply(500, I2),
    OFF,
    {
      outcome: 'error',
      message:
        'The cluster answered 500: Non-matching dry-run options in request and content: [All] and []',
    },
  ],
  [
    'C1 UID precondition failed',
    reply(409, C1_UID),
    OFF,
    {
      outcome: 'replaced',
      message:
        'The pod was replaced: the pod of that name now is not the one you saw (its UID differs). Nothing was evicted.',
    },
  ],
  [
    'C2 conflicts on the budget',
    reply(409, C2),
    OFF,
    {
      outcome: 'error',
      message:
        'The cluster answered 409 Conflict: Operation cannot be fulfilled on poddisruptionbudgets.policy "web": the object has been modified; please apply your changes to the latest version and try again',
    },
  ],
  [
    'N1 pod missing',
    reply(404, N1),
    OFF,
    { outcome: 'not-found', message: 'Already gone: pods "web-1" not found.' },
  ],
  [
    'F1 broken budget',
    reply(403, F1),
    OFF,
    {
      outcome: 'forbidden',
      message:
        'The disruption budget web is in a state the API server refuses to use: poddisruptionbudget.policy "web" is forbidden: pdb disruptions allowed is negative',
      budget: 'web',
    },
  ],
  [
    'F2 terminating namespace',
    reply(403, F2),
    OFF,
    {
      outcome: 'forbidden',
      message:
        'The namespace gone is being terminated: nothing can be evicted there; its pods are being deleted with it.',
      cause: 'namespace gone is being terminated',
    },
  ],
  [
    'RBAC 403',
    reply(403, RBAC),
    OFF,
    {
      outcome: 'forbidden',
      message:
        'The cluster does not allow this: pods "web-1" is forbidden: User "bob" cannot create resource "pods/eviction" in API group "" in the namespace "shop"',
    },
  ],
  [
    'B1 bad request',
    reply(400, B1),
    OFF,
    {
      outcome: 'error',
      message:
        'The cluster answered 400 BadRequest: name in URL does not match name in Eviction object',
    },
  ],
  [
    'injected 500',
    reply(500, INTERNAL),
    OFF,
    {
      outcome: 'error',
      message:
        'The cluster answered 500 InternalError: Internal error occurred: injected fault (sim errorRate)',
    },
  ],
  [
    'transport failure',
    { kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:1' },
    OFF,
    {
      outcome: 'unreachable',
      message: 'The cluster could not be reached: connect ECONNREFUSED 127.0.0.1:1',
    },
  ],
  [
    'no answer in time',
    { kind: 'timeout', message: 'The operation was aborted due to timeout' },
    OFF,
    {
      outcome: 'unreachable',
      message:
        'The cluster did not answer in time, so the eviction may or may not have happened: The operation was aborted due to timeout',
    },
  ],
  [
    'failure before sending',
    { kind: 'failed', message: 'the context has no user' },
    OFF,
    { outcome: 'error', message: 'the context has no user' },
  ],
];

describe('classifyEviction (eviction-semantics.md §3)', () => {
  it.each(TABLE)('%s', (_name, r, opts, expected) => {
    expect(classifyEviction(r, opts)).toEqual(expected);
  });

  it('maps every outcome to the HTTP code of the issue', () => {
    expect(OUTCOME_HTTP).toEqual({
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
    });
  });
});

describe('EvictionRequestSchema', () => {
  it.each([
    [{ uid: 'u' }],
    [{ uid: 'u', dryRun: true, gracePeriodSeconds: 1, retry: false }],
    [{ uid: 'u', gracePeriodSeconds: 3600 }],
  ])('accepts %j', (body) => {
    expect(EvictionRequestSchema.safeParse(body).success).toBe(true);
  });

  it.each([
    [{}],
    [{ uid: '' }],
    [{ uid: 'u'.repeat(129) }],
    [{ uid: 'u', gracePeriodSeconds: 0 }],
    [{ uid: 'u', gracePeriodSeconds: 1.5 }],
    [{ uid: 'u', dryRun: 'yes' }],
    [{ uid: 'u', deleteOptions: { gracePeriodSeconds: 0 } }],
    [{ uid: 'u', path: '/api/v1/namespaces/x/pods/y' }],
    [null],
    [['u']],
  ])('refuses %j', (body) => {
    expect(EvictionRequestSchema.safeParse(body).success).toBe(false);
  });
});

describe('EvictionAnswerSchema', () => {
  it('requires attemptId, null when nothing was sent', () => {
    expect(EvictionAnswerSchema.safeParse({ outcome: 'invalid', message: 'm' }).success).toBe(
      false,
    );
    expect(
      EvictionAnswerSchema.safeParse({ outcome: 'invalid', message: 'm', attemptId: null }).success,
    ).toBe(true);
  });
});
