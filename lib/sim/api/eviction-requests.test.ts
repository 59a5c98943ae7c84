import { ApiException, CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/**
 * Eviction API conformance, request level (eviction-semantics.md §1.1 and §3 rows S1, B1-B3,
 * N1, M1, I2, C1): a pod without any budget, so that only the request decides the answer.
 */

let tc: TestCluster;
let core: CoreV1Api;
let seq = 0;

const FAST = {
  'sim.drainboard.dev/start-after': '100ms',
  'sim.drainboard.dev/ready-after': '100ms',
  'sim.drainboard.dev/shutdown-after': '100ms',
};
const S1 = '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}';
const failureStatus = (code: number, message: string, more: Record<string, unknown> = {}) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  ...more,
  code,
});

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'empty' });
  core = tc.kc.makeApiClient(CoreV1Api);
});
afterAll(() => tc?.stop());

async function namespace(): Promise<string> {
  const name = `ev-req-${++seq}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

async function readyPod(ns: string, name: string): Promise<V1Pod> {
  const metadata = { name, annotations: FAST };
  const spec = { containers: [{ name: 'app', image: 'nginx' }] };
  await core.createNamespacedPod({ namespace: ns, body: { metadata, spec } });
  return eventually(
    async () => {
      const p = await core.readNamespacedPod({ name, namespace: ns });
      return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && p;
    },
    15_000,
    `${name} Ready`,
  );
}

async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    const body = JSON.parse((e as ApiException<string>).body) as Record<string, unknown>;
    return { code: e.code, body, headers: e.headers };
  }
  throw new Error('expected the eviction to fail');
}

async function raw(method: string, path: string, body?: unknown, type = 'application/json') {
  const res = await fetch(tc.cluster.url + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': type },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

const evictionPath = (ns: string, name: string) => `/api/v1/namespaces/${ns}/pods/${name}/eviction`;

/** The pod exactly as before: same resourceVersion, no deletion, no DisruptionTarget. */
async function expectUntouched(ns: string, pod: V1Pod): Promise<void> {
  const now = await core.readNamespacedPod({ name: pod.metadata?.name ?? '', namespace: ns });
  expect(now.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
  expect(now.metadata?.deletionTimestamp).toBeUndefined();
  expect(now.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toBeUndefined();
}

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
    const pod = await core.readNamespacedPod({ name: 'p', namespace: ns });
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
        core.createNamespacedPodEviction({ name: 'p', namespace: ns, body: { metadata } }),
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
    const err = await failure(core.createNamespacedPodEviction({ name: 'p', namespace: ns, body }));
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
    const body = { metadata: { name: 'ghost' } };
    const err = await failure(
      core.createNamespacedPodEviction({ name: 'ghost', namespace: ns, body }),
    );
    expect(err.code).toBe(404);
    expect(err.body).toEqual(
      failureStatus(404, 'pods "ghost" not found', {
        reason: 'NotFound',
        details: { name: 'ghost', kind: 'pods' },
      }),
    );
    const nsErr = await failure(
      core.createNamespacedPodEviction({ name: 'ghost', namespace: 'nowhere', body }),
    );
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
    const err = await failure(core.createNamespacedPodEviction({ name: 'p', namespace: ns, body }));
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
    await core.createNamespacedPodEviction({ name: 'p', namespace: ns, body: right });
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
    const err = await failure(core.createNamespacedPodEviction({ name: 'p', namespace: ns, body }));
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
