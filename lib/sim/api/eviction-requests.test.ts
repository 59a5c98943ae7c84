import { describe, expect, it } from 'vitest';
import {
  SUCCESS_STATUS,
  evictionPath,
  failure,
  failureStatus,
  useEvictionCluster,
} from './eviction-testkit';

/**
 * Eviction API conformance, request level (eviction-semantics.md §1.1 and §3 rows S1, B1-B3,
 * N1, M1, I2, C1): a pod without any budget, so that only the request decides the answer.
 */

const { core, namespace, raw, readyPod, evict, expectUntouched } = useEvictionCluster('ev-req');
const S1 = JSON.stringify(SUCCESS_STATUS);

describe('eviction requests (§1.1, §3)', () => {
  it.each([
    ['policy/v1', { apiVersion: 'policy/v1', kind: 'Eviction' }],
    ['policy/v1beta1', { apiVersion: 'policy/v1beta1', kind: 'Eviction' }],
    ['no apiVersion/kind', {}],
  ])('S1: accepts a %s body with 201 and exactly the bare Success Status', async (_, typeMeta) => {
    const ns = await namespace();
    await readyPod(ns, 'p');
    const body = { ...typeMeta, metadata: { name: 'p', namespace: ns } };
    const res = await raw('POST', evictionPath(ns, 'p'), body);
    expect(res.status).toBe(201);
    expect(res.text.trim()).toBe(S1);
    expect(res.headers.get('retry-after')).toBeNull();
    const pod = await core().readNamespacedPod({ name: 'p', namespace: ns });
    expect(pod.metadata?.deletionTimestamp).toBeDefined();
  });

  it('B1: refuses a body whose name differs from the URL, or is missing', async () => {
    const ns = await namespace();
    const pod = await readyPod(ns, 'p');
    const want = failureStatus(400, 'name in URL does not match name in Eviction object', {
      reason: 'BadRequest',
    });
    for (const metadata of [{ name: 'other', namespace: ns }, { namespace: ns }]) {
      const err = await failure(
        core().createNamespacedPodEviction({ name: 'p', namespace: ns, body: { metadata } }),
      );
      expect(err.code).toBe(400);
      expect(err.body).toEqual(want);
    }
    await expectUntouched(ns, pod);
  });

  it('B2: refuses a body whose namespace differs from the URL', async () => {
    const ns = await namespace();
    const pod = await readyPod(ns, 'p');
    const body = { metadata: { name: 'p', namespace: 'default' } };
    const err = await failure(evict(ns, 'p', body));
    expect(err.code).toBe(400);
    expect(err.body).toEqual(
      failureStatus(
        400,
        'the namespace of the provided object does not match the namespace sent on the request',
        { reason: 'BadRequest' },
      ),
    );
    await expectUntouched(ns, pod);
  });

  it('B3: refuses a policy/v2 body with a 400 naming the version', async () => {
    const ns = await namespace();
    const pod = await readyPod(ns, 'p');
    const body = { apiVersion: 'policy/v2', kind: 'Eviction', metadata: { name: 'p' } };
    const res = await raw('POST', evictionPath(ns, 'p'), body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({
      ...failureStatus(400, expect.stringContaining('policy/v2') as string),
      reason: 'BadRequest',
    });
    await expectUntouched(ns, pod);
  });

  it('N1: answers 404 for a missing pod, and for a missing namespace', async () => {
    const ns = await namespace();
    const err = await failure(evict(ns, 'ghost'));
    expect(err.code).toBe(404);
    expect(err.body).toEqual(
      failureStatus(404, 'pods "ghost" not found', {
        reason: 'NotFound',
        details: { name: 'ghost', kind: 'pods' },
      }),
    );
    const nsErr = await failure(evict('nowhere', 'ghost'));
    expect(nsErr.code).toBe(404);
    expect(nsErr.body).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "nowhere" not found',
    });
  });

  it('M1: answers 405 MethodNotAllowed to GET, PUT, DELETE and every PATCH type', async () => {
    const ns = await namespace();
    const pod = await readyPod(ns, 'p');
    const body = { metadata: { name: 'p' } };
    const requests: [string, unknown, string?][] = [
      ['GET', undefined],
      ['PUT', body],
      ['DELETE', undefined],
      [
        'PATCH',
        [{ op: 'add', path: '/metadata/labels', value: {} }],
        'application/json-patch+json',
      ],
      ['PATCH', body, 'application/merge-patch+json'],
      ['PATCH', body, 'application/strategic-merge-patch+json'],
      ['PATCH', body, 'application/apply-patch+yaml'],
    ];
    for (const [method, payload, type] of requests) {
      const res = await raw(method, evictionPath(ns, 'p'), payload, type);
      expect({ method, type, status: res.status }).toEqual({ method, type, status: 405 });
      expect(JSON.parse(res.text)).toMatchObject({ reason: 'MethodNotAllowed', code: 405 });
    }
    await expectUntouched(ns, pod);
  });

  it('I2: answers 500 without a reason when query and body dry-run differ', async () => {
    const ns = await namespace();
    const pod = await readyPod(ns, 'p');
    const body = { metadata: { name: 'p' }, deleteOptions: { dryRun: ['All', 'All'] } };
    const res = await raw('POST', `${evictionPath(ns, 'p')}?dryRun=All`, body);
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toEqual(
      failureStatus(
        500,
        'Non-matching dry-run options in request and content: [All] and [All All]',
      ),
    );
    const illegal = await raw('POST', `${evictionPath(ns, 'p')}?dryRun=Foo`, body);
    expect(illegal.status).toBe(422); // generic create-options validation, before the handler
    await expectUntouched(ns, pod);
  });

  it('C1: a wrong preconditions.uid is the exact 409 and deletes nothing', async () => {
    const ns = await namespace();
    const pod = await readyPod(ns, 'p');
    const wrong = '00000000-0000-4000-8000-000000000000';
    const body = { metadata: { name: 'p' }, deleteOptions: { preconditions: { uid: wrong } } };
    const err = await failure(evict(ns, 'p', body));
    expect(err.code).toBe(409);
    expect(err.body).toEqual(
      failureStatus(
        409,
        `Operation cannot be fulfilled on Pod "p": the UID in the precondition (${wrong}) does not match the UID in record (${pod.metadata?.uid ?? ''}). The object might have been deleted and then recreated`,
        { reason: 'Conflict', details: { name: 'p', kind: 'Pod' } },
      ),
    );
    await expectUntouched(ns, pod);
    const right = { ...body, deleteOptions: { preconditions: { uid: pod.metadata?.uid } } };
    await evict(ns, 'p', right);
  });

  it('C1: a stale preconditions.resourceVersion is the exact 409 and deletes nothing', async () => {
    const ns = await namespace();
    const pod = await readyPod(ns, 'p');
    const rv = pod.metadata?.resourceVersion ?? '';
    const stale = String(Number(rv) - 1);
    const body = {
      metadata: { name: 'p' },
      deleteOptions: { preconditions: { resourceVersion: stale } },
    };
    const err = await failure(evict(ns, 'p', body));
    expect(err.code).toBe(409);
    expect(err.body).toEqual(
      failureStatus(
        409,
        `Operation cannot be fulfilled on Pod "p": the ResourceVersion in the precondition (${stale}) does not match the ResourceVersion in record (${rv}). The object might have been modified`,
        { reason: 'Conflict', details: { name: 'p', kind: 'Pod' } },
      ),
    );
    await expectUntouched(ns, pod);
  });
});
