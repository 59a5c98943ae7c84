import { describe, expect, it } from 'vitest';

import { AttemptListSchema } from '@/lib/domain/eviction-attempts';

import { EvictionStore } from '../store/eviction-store';
import { evict } from './evict';
import { nameOf, uidOf, useRouteKit } from './route-testkit';

/**
 * The record of attempts: what is stored (with the budget's numbers from the live model), the
 * attempts route, and that the record survives reopening the store (a dashboard restart).
 */

const kit = useRouteKit();

describe('attempts', () => {
  it('records a blocked attempt with the budget as the live model had it', async () => {
    const [pod] = await kit.demoPods('api', 2);
    if (!pod) throw new Error('no api pod');
    await kit.watched();
    const deps = kit.deps();
    const request = { uid: uidOf(pod), gracePeriodSeconds: 3 };
    const answer = await evict(deps, {
      cluster: 'sim',
      namespace: 'shop',
      pod: nameOf(pod),
      request,
    });
    expect(answer.outcome).toBe('blocked');
    const [attempt] = kit.store.list({
      cluster: 'sim',
      namespace: 'shop',
      pod: nameOf(pod),
      limit: 1,
    });
    expect(attempt).toMatchObject({
      id: answer.attemptId,
      action: 'evict',
      who: 'tester',
      cluster: 'sim',
      namespace: 'shop',
      pod: nameOf(pod),
      uid: uidOf(pod),
      options: { dryRun: false, gracePeriodSeconds: 3, retry: false },
      outcome: 'blocked',
      clusterCode: 429,
      reason: 'TooManyRequests',
      cause: 'The disruption budget api needs 2 healthy pods and has 2 currently',
      budget: {
        name: 'api',
        status: { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2 },
      },
      retryId: null,
    });
    expect(attempt?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('names the one budget selecting an evicted pod, from the live model', async () => {
    const [pod] = await kit.demoPods('web', 3);
    if (!pod) throw new Error('no web pod');
    await kit.watched();
    const deps = kit.deps();
    const request = { uid: uidOf(pod), dryRun: true };
    const answer = await evict(deps, {
      cluster: 'sim',
      namespace: 'shop',
      pod: nameOf(pod),
      request,
    });
    expect(answer.outcome).toBe('would-evict');
    const [attempt] = kit.store.list({
      cluster: 'sim',
      pod: nameOf(pod),
      namespace: 'shop',
      limit: 1,
    });
    expect(attempt?.budget).toMatchObject({ name: 'web', status: { disruptionsAllowed: 1 } });
  });

  it('lists attempts newest first, filtered and limited, and validates the query', async () => {
    for (const pod of ['gone-a', 'gone-b', 'gone-a']) {
      await kit.evict({ namespace: 'shop', pod }, { uid: 'u' });
    }
    const res = await kit.attempts('?namespace=shop&pod=gone-a&limit=5');
    expect(res.status).toBe(200);
    const list = AttemptListSchema.parse(await res.json());
    expect(list.map((a) => [a.pod, a.outcome])).toEqual([
      ['gone-a', 'not-found'],
      ['gone-a', 'not-found'],
    ]);
    expect(list[0]!.id).toBeGreaterThan(list[1]!.id);
    const one = AttemptListSchema.parse(await (await kit.attempts('?limit=1')).json());
    expect(one).toHaveLength(1);
    for (const bad of ['?limit=0', '?limit=x', '?pod=gone-a', '?namespace=Shop', '?other=1']) {
      expect((await kit.attempts(bad)).status, bad).toBe(400);
    }
    expect((await kit.attempts('', 'nope')).status).toBe(404);
  });

  it('survive reopening the store (a restart of the dashboard)', async () => {
    const before = kit.store.list({ cluster: 'sim', limit: 500 });
    expect(before.length).toBeGreaterThan(0);
    kit.store.close();
    kit.store = EvictionStore.open(kit.dataDir);
    expect(kit.store.list({ cluster: 'sim', limit: 500 })).toEqual(before);
    const { answer } = await kit.evict({ namespace: 'shop', pod: 'after-restart' }, { uid: 'u' });
    expect(answer.attemptId).toBeGreaterThan(Math.max(...before.map((a) => a.id)));
  });
});
