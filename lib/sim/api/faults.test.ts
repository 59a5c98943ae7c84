import { ApiException, CoreV1Api, Watch } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openRawWatch, startControlHarness, until, type ControlHarness } from './control-testing';
import { APF_REJECTION_BODY, FaultState, FLOW_SCHEMA_UID, PRIORITY_LEVEL_UID } from './faults';

/** Fault injection on the Kubernetes paths, over real HTTP and through client-node. */

let h: ControlHarness;
/** The random source the harness draws shares from: the next values to return, then 0.99. */
const draws: number[] = [];

beforeAll(async () => {
  h = await startControlHarness(() => draws.shift() ?? 0.99);
});
afterAll(() => h.stop());
afterEach(() => {
  h.faults.clear();
  draws.length = 0;
});

const put = (faults: Record<string, unknown>) => h.call('PUT', '/sim/v1/faults', faults);

describe('latency', () => {
  it('delays every Kubernetes request, not the control API', async () => {
    await put({ latencyMs: 300 });
    let start = Date.now();
    expect((await h.call('GET', '/api/v1/namespaces')).status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
    start = Date.now();
    expect((await h.call('GET', '/version')).status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
    start = Date.now();
    await h.call('GET', '/sim/v1/state');
    expect(Date.now() - start).toBeLessThan(250);
  });
});

describe('errors', () => {
  it('fails every request with 500 InternalError at share 1', async () => {
    await put({ errorRate: 1 });
    const res = await h.call('GET', '/api/v1/namespaces');
    expect(res.status).toBe(500);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Internal error occurred: injected fault (sim errorRate)',
      reason: 'InternalError',
      details: { causes: [{ message: 'injected fault (sim errorRate)' }] },
      code: 500,
    });
  });

  it('fails with 503 ServiceUnavailable when asked', async () => {
    await put({ errorRate: 1, errorCode: 503 });
    const res = await h.call('POST', '/api/v1/namespaces', { metadata: { name: 'x' } });
    expect(res.status).toBe(503);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
  });

  it('fails the share the random source picks', async () => {
    await put({ errorRate: 0.5 });
    draws.push(0.2, 0.7, 0.49, 0.5);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await h.call('GET', '/api/v1/nodes')).status);
    expect(codes).toEqual([500, 200, 500, 200]);
  });

  it('surfaces to client-node as an ApiException', async () => {
    await put({ errorRate: 1, errorCode: 503 });
    const err = await h.kc
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<unknown>).code).toBe(503);
  });
});

describe('API Priority and Fairness throttling', () => {
  it('answers 429 exactly as the APF filter does', async () => {
    await put({ throttleRate: 1, retryAfterSeconds: 7 });
    const res = await h.call('GET', '/api/v1/namespaces/default/pods');
    expect(res.status).toBe(429);
    expect(res.text).toBe(APF_REJECTION_BODY);
    expect(res.text).toBe('Too many requests, please try again later.\n');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-kubernetes-pf-flowschema-uid')).toBe(FLOW_SCHEMA_UID);
    expect(res.headers.get('x-kubernetes-pf-prioritylevel-uid')).toBe(PRIORITY_LEVEL_UID);
  });

  it('sets the APF headers on served requests too, with or without faults', async () => {
    for (const path of ['/api/v1/namespaces', '/version', '/api/v1/nope']) {
      const res = await h.call('GET', path);
      expect(res.headers.get('x-kubernetes-pf-flowschema-uid'), path).toBe(FLOW_SCHEMA_UID);
      expect(res.headers.get('x-kubernetes-pf-prioritylevel-uid'), path).toBe(PRIORITY_LEVEL_UID);
    }
    expect(
      (await h.call('GET', '/sim/v1/state')).headers.has('x-kubernetes-pf-flowschema-uid'),
    ).toBe(false);
  });

  it('throttles before it fails, each by its own draw', async () => {
    await put({ throttleRate: 0.5, errorRate: 0.5 });
    // Request 1: throttled. Request 2: not throttled (0.9), failed (0.1). Request 3: neither.
    draws.push(0.1, 0.9, 0.1, 0.9, 0.9);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await h.call('GET', '/api/v1/nodes')).status);
    expect(codes).toEqual([429, 500, 200]);
  });

  it('applies to watches, which client-node reports as an error', async () => {
    await put({ throttleRate: 1 });
    const err = await new Promise<unknown>((resolve) => {
      void new Watch(h.kc).watch('/api/v1/pods', {}, () => undefined, resolve).catch(resolve);
    });
    expect(String(err)).toContain('Too Many Requests');
  });
});

describe('expired watches', () => {
  it('answers the next N watch requests with an ERROR 410 event, then closes', async () => {
    await h.call('POST', '/sim/v1/watches/expire', { count: 2 });
    // A list is not a watch and does not use one up.
    expect((await h.call('GET', '/api/v1/pods')).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const w = await openRawWatch(`${h.url}/api/v1/pods?watch=true&resourceVersion=5`);
      await w.ended;
      expect(w.status).toBe(200);
      expect(w.lines.map((l) => JSON.parse(l))).toEqual([
        {
          type: 'ERROR',
          object: {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: `too old resource version: 5 (${h.store.resourceVersion})`,
            reason: 'Expired',
            code: 410,
          },
        },
      ]);
    }
    expect(h.faults.pendingWatchExpiries).toBe(0);
    const normal = await openRawWatch(`${h.url}/api/v1/pods?watch=true`);
    await until(() => h.watches.count() === 1);
    normal.abort();
    await until(() => h.watches.count() === 0);
  });

  it('is what client-node sees as an ERROR event with code 410 before done', async () => {
    await h.call('POST', '/sim/v1/watches/expire', { count: 1 });
    const events: { type: string; code?: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      new Watch(h.kc)
        .watch(
          '/api/v1/namespaces',
          { resourceVersion: '1' },
          (type, obj: { code?: number }) => events.push({ type, code: obj.code }),
          () => resolve(),
        )
        .catch(reject);
    });
    expect(events).toEqual([{ type: 'ERROR', code: 410 }]);
  });
});

describe('FaultState', () => {
  it('draws nothing for shares that are off', () => {
    let calls = 0;
    const s = new FaultState(() => {
      calls++;
      return 0;
    });
    expect(s.draw()).toBeUndefined();
    s.set({ errorRate: 1 });
    expect(s.draw()).toBe('error');
    expect(calls).toBe(1);
  });
});
