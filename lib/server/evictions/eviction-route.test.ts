import { afterEach, describe, expect, it, onTestFinished } from 'vitest';

import { eventually } from '@/lib/sim/testing';

import { nameOf, uidOf, useRouteKit } from './route-testkit';

/**
 * Every outcome of the eviction route over real HTTP against the embedded cluster's demo
 * scenario (issue 5's table): what the route answers, and what the cluster did.
 */

const kit = useRouteKit();

afterEach(() => kit.faults());

describe('the eviction route: outcomes', () => {
  it('evicted (201): the cluster accepted; the grace period asked is the one applied', async () => {
    const ns = await kit.namespace();
    const pod = await kit.readyPod(ns, 'p');
    const { code, answer } = await kit.evict(
      { namespace: ns, pod: 'p' },
      { uid: uidOf(pod), gracePeriodSeconds: 7 },
    );
    expect(code).toBe(201);
    expect(answer).toMatchObject({
      outcome: 'evicted',
      message: 'Accepted: the pod will be deleted gracefully.',
      status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 },
    });
    expect(answer.attemptId).toBeGreaterThan(0);
    const gone = await kit.until(ns, 'p', (p) => p.metadata?.deletionTimestamp !== undefined);
    expect(gone.metadata?.deletionGracePeriodSeconds).toBe(7);
    const target = gone.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    expect(target?.reason).toBe('EvictionByEvictionAPI');
  });

  it('would-evict (200): a dry run changes nothing', async () => {
    const ns = await kit.namespace();
    const pod = await kit.readyPod(ns, 'p');
    const { code, answer } = await kit.evict(
      { namespace: ns, pod: 'p' },
      { uid: uidOf(pod), dryRun: true, retry: true },
    );
    expect(code).toBe(200);
    expect(answer.outcome).toBe('would-evict');
    const now = await kit.read(ns, 'p');
    expect(now.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
    expect(now.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('blocked (429): the budget api needs 2 healthy and has 2', async () => {
    const [pod] = await kit.demoPods('api', 2);
    if (!pod) throw new Error('no api pod');
    const { code, answer } = await kit.evict(
      { namespace: 'shop', pod: nameOf(pod) },
      { uid: uidOf(pod) },
    );
    expect(code).toBe(429);
    expect(answer).toMatchObject({
      outcome: 'blocked',
      message:
        "Cannot evict pod as it would violate the pod's disruption budget. Budget api needs 2 healthy, has 2.",
      budget: 'api',
      cause: 'The disruption budget api needs 2 healthy pods and has 2 currently',
      status: { reason: 'TooManyRequests', code: 429 },
    });
    expect(answer.retryAfterSeconds).toBeUndefined();
    expect(answer.retryId).toBeUndefined();
  });

  it('queued (202): blocked with retry asked leaves a pending retry entry', async () => {
    const [pod] = await kit.demoPods('api', 2);
    if (!pod) throw new Error('no api pod');
    const { code, answer } = await kit.evict(
      { namespace: 'shop', pod: nameOf(pod) },
      { uid: uidOf(pod), retry: true },
    );
    expect(code).toBe(202);
    expect(answer).toMatchObject({ outcome: 'queued', budget: 'api' });
    expect(answer.message).toContain('Drainboard will keep retrying.');
    const pending = kit.store.retries.pending();
    expect(pending).toContainEqual(
      expect.objectContaining({
        id: answer.retryId,
        cluster: 'sim',
        namespace: 'shop',
        pod: nameOf(pod),
        uid: uidOf(pod),
        state: 'pending',
        attempts: 1,
        budget: 'api',
      }),
    );
    const again = await kit.evict(
      { namespace: 'shop', pod: nameOf(pod) },
      { uid: uidOf(pod), retry: true },
    );
    expect(again.code).toBe(202);
    expect(again.answer).toMatchObject({
      outcome: 'queued',
      retryId: answer.retryId,
      attemptId: null,
    });
    expect(kit.store.retries.pending().filter((r) => r.uid === uidOf(pod))).toHaveLength(1);
  });

  it('multiple-budgets (409): the search pods are selected by two budgets', async () => {
    const [pod] = await kit.demoPods('search', 1);
    if (!pod) throw new Error('no search pod');
    const { code, answer } = await kit.evict(
      { namespace: 'shop', pod: nameOf(pod) },
      { uid: uidOf(pod) },
    );
    expect(code).toBe(409);
    expect(answer.outcome).toBe('multiple-budgets');
    expect(answer.status).toMatchObject({ code: 500 });
    expect(answer.status?.['reason']).toBeUndefined();
  });

  it('replaced (409): a stale UID evicts nothing', async () => {
    const ns = await kit.namespace();
    const pod = await kit.readyPod(ns, 'p');
    const stale = '00000000-0000-4000-8000-000000000000';
    const { code, answer } = await kit.evict({ namespace: ns, pod: 'p' }, { uid: stale });
    expect(code).toBe(409);
    expect(answer.outcome).toBe('replaced');
    expect(answer.status?.['message']).toBe(
      `Operation cannot be fulfilled on Pod "p": the UID in the precondition (${stale}) does not match the UID in record (${uidOf(pod)}). The object might have been deleted and then recreated`,
    );
    const now = await kit.read(ns, 'p');
    expect(now.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('not-found (404): no such pod', async () => {
    const { code, answer } = await kit.evict({ namespace: 'shop', pod: 'nope' }, { uid: 'u' });
    expect(code).toBe(404);
    expect(answer).toMatchObject({
      outcome: 'not-found',
      message: 'Already gone: pods "nope" not found.',
    });
  });

  it('forbidden (403): a terminating namespace, told apart in the message', async () => {
    const ns = await kit.namespace();
    const pod = await kit.readyPod(ns, 'held', ['example.com/hold']);
    onTestFinished(async () => {
      await kit.api(
        'PATCH',
        `/api/v1/namespaces/${ns}/pods/held`,
        { metadata: { finalizers: null } },
        'application/merge-patch+json',
      );
    });
    await kit.api('DELETE', `/api/v1/namespaces/${ns}`);
    await eventually(async () => (await kit.readNamespace(ns)).status?.phase === 'Terminating');
    const { code, answer } = await kit.evict({ namespace: ns, pod: 'held' }, { uid: uidOf(pod) });
    expect(code).toBe(403);
    expect(answer).toMatchObject({
      outcome: 'forbidden',
      message: `The namespace ${ns} is being terminated: nothing can be evicted there; its pods are being deleted with it.`,
      cause: `namespace ${ns} is being terminated`,
    });
  });

  it('rate-limited (429): API Priority and Fairness throttling, with its Retry-After', async () => {
    await kit.faults({ throttleRate: 1, retryAfterSeconds: 4 });
    const { code, answer } = await kit.evict(
      { namespace: 'shop', pod: 'any' },
      { uid: 'u', retry: true },
    );
    expect(code).toBe(429);
    expect(answer).toMatchObject({ outcome: 'rate-limited', retryAfterSeconds: 4 });
    expect(answer.status).toBeUndefined();
    expect(answer.retryId).toBeUndefined();
  });

  it('error (502): any other answer, e.g. a 503', async () => {
    await kit.faults({ errorRate: 1, errorCode: 503 });
    const { code, answer } = await kit.evict({ namespace: 'shop', pod: 'any' }, { uid: 'u' });
    expect(code).toBe(502);
    expect(answer.outcome).toBe('error');
    expect(answer.message).toContain('The cluster answered 503 ServiceUnavailable');
  });

  it('unreachable (502): nobody listens at the cluster address', async () => {
    const { code, answer } = await kit.evict(
      { cluster: 'dead', namespace: 'shop', pod: 'any' },
      { uid: 'u' },
    );
    expect(code).toBe(502);
    expect(answer.outcome).toBe('unreachable');
    expect(answer.message).toContain('The cluster could not be reached');
  });
});
