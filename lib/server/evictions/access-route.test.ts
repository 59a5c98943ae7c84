import { afterEach, describe, expect, it } from 'vitest';

import { PodAccessSchema } from '@/lib/domain/pod-access';

import { ManualClock } from '../k8s/clock';
import { AccessCache } from './access';
import { useRouteKit } from './route-testkit';

/**
 * The access route over real HTTP against the embedded cluster: its SelfSubjectAccessReviews
 * (counted with the cluster's /metrics), the 30 s reuse, and its refusals and errors.
 */

const kit = useRouteKit();

afterEach(async () => {
  await kit.faults();
  await kit.denyAccess();
});

const ALLOWED = { allowed: true, reason: 'drainboard-sim: every request is allowed' };
const DENIED = { allowed: false, reason: 'drainboard-sim: denied by a rule of PUT /sim/v1/access' };

/** A cache whose time only moves by hand. */
function manualCache(): { clock: ManualClock; cache: AccessCache } {
  const clock = new ManualClock();
  return { clock, cache: new AccessCache(clock) };
}

describe('the access route', () => {
  it('answers both permissions from two reviews, then reuses them for 30 s', async () => {
    const { clock, cache } = manualCache();
    const before = await kit.counters();
    const res = await kit.access('?namespace=shop', cache);
    expect(res.status).toBe(200);
    expect(PodAccessSchema.parse(await res.json())).toEqual({
      namespace: 'shop',
      evict: ALLOWED,
      delete: ALLOWED,
    });
    expect((await kit.counters()).reviews).toBe(before.reviews + 2);
    clock.advance(29_999);
    expect((await kit.access('?namespace=shop', cache)).status).toBe(200);
    expect((await kit.counters()).reviews).toBe(before.reviews + 2);
    clock.advance(1);
    expect((await kit.access('?namespace=shop', cache)).status).toBe(200);
    expect((await kit.counters()).reviews).toBe(before.reviews + 4);
  });

  it('keeps answers per cluster and namespace, and shares one ask between callers', async () => {
    const { cache } = manualCache();
    const before = await kit.counters();
    const both = await Promise.all([
      kit.access('?namespace=shop', cache),
      kit.access('?namespace=shop', cache),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect((await kit.counters()).reviews).toBe(before.reviews + 2);
    await kit.access('?namespace=default', cache);
    expect((await kit.counters()).reviews).toBe(before.reviews + 4);
  });

  it('says which permission the cluster denies, in that namespace only', async () => {
    await kit.denyAccess([{ verb: 'delete', group: '', resource: 'pods', namespace: 'shop' }]);
    const { cache } = manualCache();
    const shop = await (await kit.access('?namespace=shop', cache)).json();
    expect(shop).toEqual({ namespace: 'shop', evict: ALLOWED, delete: DENIED });
    const other = await (await kit.access('?namespace=default', cache)).json();
    expect(other).toMatchObject({ delete: ALLOWED });
    await kit.denyAccess([
      { verb: 'create', group: '', resource: 'pods', subresource: 'eviction', namespace: 'ops' },
    ]);
    const ops = await (await kit.access('?namespace=ops', cache)).json();
    expect(ops).toEqual({ namespace: 'ops', evict: DENIED, delete: ALLOWED });
  });

  it('answers 502 {error, message} when a review fails, and keeps no failure', async () => {
    const { cache } = manualCache();
    await kit.faults({ errorRate: 1, errorCode: 503 });
    const res = await kit.access('?namespace=shop', cache);
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('status');
    expect(body.message).not.toBe('');
    await kit.faults();
    expect((await kit.access('?namespace=shop', cache)).status).toBe(200);
  });

  it('answers 502 unreachable when nobody listens at the cluster address', async () => {
    const res = await kit.access('?namespace=shop', manualCache().cache, 'dead');
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: 'unreachable' });
  });

  it.each([
    ['no namespace', '', 400],
    ['an empty namespace', '?namespace=', 400],
    ['an upper-case namespace', '?namespace=Shop', 400],
    ['a namespace ".."', '?namespace=..', 400],
    ['an unknown parameter', '?namespace=shop&verb=get', 400],
  ])('refuses %s (400), asking nothing', async (_what, query, code) => {
    const before = await kit.counters();
    const res = await kit.access(query, manualCache().cache);
    expect(res.status).toBe(code);
    expect(await res.json()).toMatchObject({ error: 'invalid' });
    expect(await kit.counters()).toEqual(before);
  });

  it('answers 404 for an unknown cluster, asking nothing', async () => {
    const before = await kit.counters();
    const res = await kit.access('?namespace=shop', manualCache().cache, 'nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'unknown-cluster',
      message: 'no cluster named "nope"',
    });
    expect(await kit.counters()).toEqual(before);
  });
});
