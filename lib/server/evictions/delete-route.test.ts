import { afterEach, describe, expect, it, onTestFinished } from 'vitest';

import { ORIGIN, nameOf, uidOf, useRouteKit } from './route-testkit';

/**
 * The delete route, the docs' last resort, over real HTTP against the embedded cluster: its
 * outcomes and what the cluster did, its record, and refusals that send nothing (checked with
 * the cluster's /metrics).
 */

const kit = useRouteKit();

afterEach(() => kit.faults());

/** A Ready pod in a namespace of its own, kept by a finalizer once deleted so it can be read. */
async function heldPod(): Promise<{ ns: string; uid: string }> {
  const ns = await kit.namespace();
  const pod = await kit.readyPod(ns, 'p', ['example.com/hold']);
  onTestFinished(async () => {
    await kit.api(
      'PATCH',
      `/api/v1/namespaces/${ns}/pods/p`,
      { metadata: { finalizers: null } },
      'application/merge-patch+json',
    );
  });
  return { ns, uid: uidOf(pod) };
}

describe('the delete route: outcomes', () => {
  it('deleted (200): a DELETE, not an eviction, with the pod’s own grace period', async () => {
    const { ns, uid } = await heldPod();
    const before = await kit.counters();
    const { code, answer } = await kit.delete({ namespace: ns, pod: 'p' }, { uid, confirm: 'p' });
    expect(code).toBe(200);
    expect(answer).toMatchObject({
      outcome: 'deleted',
      message:
        'Deleted directly, bypassing every disruption budget: the pod terminates with its own grace period. Its controller, if any, creates a replacement.',
    });
    expect(answer.status).toBeUndefined();
    const after = await kit.counters();
    expect([after.deletes, after.evictions]).toEqual([before.deletes + 1, before.evictions]);
    const gone = await kit.read(ns, 'p');
    expect(gone.metadata?.deletionTimestamp).toBeDefined();
    expect(gone.metadata?.deletionGracePeriodSeconds).toBe(
      gone.spec?.terminationGracePeriodSeconds,
    );
    expect(gone.status?.conditions?.some((c) => c.type === 'DisruptionTarget')).toBe(false);
  });

  it('deleted (200): a grace period of 0 is applied', async () => {
    const { ns, uid } = await heldPod();
    const { code } = await kit.delete(
      { namespace: ns, pod: 'p' },
      { uid, confirm: 'p', gracePeriodSeconds: 0 },
    );
    expect(code).toBe(200);
    expect((await kit.read(ns, 'p')).metadata?.deletionGracePeriodSeconds).toBe(0);
  });

  it('deleted (200): bypasses a budget that blocks its eviction; recorded with it', async () => {
    const [pod] = await kit.demoPods('api', 2);
    if (!pod) throw new Error('no api pod');
    const path = { namespace: 'shop', pod: nameOf(pod) };
    expect((await kit.evict(path, { uid: uidOf(pod) })).answer.outcome).toBe('blocked');
    await kit.watched();
    const { code } = await kit.delete(path, {
      uid: uidOf(pod),
      confirm: path.pod,
      gracePeriodSeconds: 1,
    });
    expect(code).toBe(200);
    const [attempt] = kit.store.list({ cluster: 'sim', ...path, limit: 1 });
    expect(attempt).toMatchObject({
      action: 'delete',
      uid: uidOf(pod),
      options: { dryRun: false, gracePeriodSeconds: 1, retry: false },
      outcome: 'deleted',
      clusterCode: 200,
      budget: { name: 'api', status: { disruptionsAllowed: 0 } },
      retryId: null,
    });
    await kit.until('shop', path.pod, (p) => p.metadata?.deletionTimestamp !== undefined);
  });

  it('replaced (409): a stale UID deletes nothing', async () => {
    const ns = await kit.namespace();
    await kit.readyPod(ns, 'p');
    const stale = '00000000-0000-4000-8000-000000000000';
    const { code, answer } = await kit.delete(
      { namespace: ns, pod: 'p' },
      { uid: stale, confirm: 'p' },
    );
    expect(code).toBe(409);
    expect(answer.outcome).toBe('replaced');
    expect(answer.message).toContain('Nothing was deleted.');
    expect(answer.status).toMatchObject({ reason: 'Conflict', code: 409 });
    expect((await kit.read(ns, 'p')).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('not-found (404): no such pod', async () => {
    const { code, answer } = await kit.delete(
      { namespace: 'shop', pod: 'nope' },
      { uid: 'u', confirm: 'nope' },
    );
    expect(code).toBe(404);
    expect(answer).toMatchObject({
      outcome: 'not-found',
      message: 'Already gone: pods "nope" not found.',
    });
  });

  it('rate-limited (429): API Priority and Fairness throttling', async () => {
    await kit.faults({ throttleRate: 1, retryAfterSeconds: 2 });
    const { code, answer } = await kit.delete(
      { namespace: 'shop', pod: 'any' },
      { uid: 'u', confirm: 'any' },
    );
    expect(code).toBe(429);
    expect(answer).toMatchObject({ outcome: 'rate-limited', retryAfterSeconds: 2 });
  });

  it('unreachable (502): nobody listens at the cluster address', async () => {
    const { code, answer } = await kit.delete(
      { cluster: 'dead', namespace: 'shop', pod: 'any' },
      { uid: 'u', confirm: 'any' },
    );
    expect(code).toBe(502);
    expect(answer.outcome).toBe('unreachable');
  });

  it('lists its attempts with action delete', async () => {
    const res = await kit.attempts('?namespace=shop&pod=nope');
    expect(await res.json()).toMatchObject([{ action: 'delete', outcome: 'not-found' }]);
  });
});

const JSON_TYPE = { 'Content-Type': 'application/json' };
const POD = { namespace: 'shop', pod: 'web-1' };
const BODY = { uid: 'u', confirm: 'web-1' };

const REFUSALS: [string, Parameters<typeof kit.delete>, number, string][] = [
  ['a confirmation of another name', [POD, { uid: 'u', confirm: 'web-2' }], 400, 'exactly'],
  ['an empty confirmation', [POD, { uid: 'u', confirm: '' }], 400, 'type the pod\'s name, "web-1"'],
  ['a confirmation in other case', [POD, { uid: 'u', confirm: 'WEB-1' }], 400, 'confirm:'],
  ['no confirmation', [POD, { uid: 'u' }], 400, 'confirm'],
  ['a missing Origin', [POD, BODY, JSON_TYPE], 400, 'has no Origin header'],
  ['a foreign Origin', [POD, BODY, { ...JSON_TYPE, Origin: 'https://evil.example' }], 400, 'evil'],
  ['a text/plain body', [POD, JSON.stringify(BODY), { Origin: ORIGIN }], 400, 'application/json'],
  ['unknown fields', [POD, { ...BODY, propagationPolicy: 'Orphan' }], 400, 'Unrecognized key'],
  ['a negative grace period', [POD, { ...BODY, gracePeriodSeconds: -1 }], 400, 'gracePeriod'],
  ['an invalid pod name', [{ namespace: 'shop', pod: 'a%2Fb' }, BODY], 400, 'may not contain'],
  ['an unknown cluster', [{ cluster: 'nope', ...POD }, BODY], 404, 'no cluster named "nope"'],
];

describe('the delete route: refusals send nothing to the cluster', () => {
  it.each(REFUSALS)('refuses %s', async (_what, args, code, message) => {
    const before = await kit.counters();
    const { code: got, answer } = await kit.delete(...args);
    expect(got).toBe(code);
    expect(answer.outcome).toBe(code === 404 ? 'not-found' : 'invalid');
    expect(answer.message).toContain(message);
    expect(answer.attemptId).toBeNull();
    expect(await kit.counters()).toEqual(before);
  });
});
