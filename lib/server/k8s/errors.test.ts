import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CoreV1Api, KubeConfig, VersionApi } from '@kubernetes/client-node';
import { eventually, startTestCluster, type TestCluster } from '@/lib/sim/testing';
import { deadline } from './clusters';
import { ClusterError, parseStatus, toClusterError } from './errors';

let sim: TestCluster;
let core: CoreV1Api;

beforeAll(async () => {
  sim = await startTestCluster({ scenario: 'demo' });
  core = sim.kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await sim.stop();
});
afterEach(async () => {
  await fetch(`${sim.cluster.url}/sim/v1/faults`, { method: 'DELETE' });
});

/** Runs `call` and returns what it threw, normalised. */
async function caught(call: () => Promise<unknown>, cluster = 'sim'): Promise<ClusterError> {
  try {
    await call();
  } catch (e) {
    return toClusterError(cluster, e);
  }
  throw new Error('expected the call to fail');
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('toClusterError against the embedded cluster', () => {
  it('keeps a 404 NotFound Status and the cluster name', async () => {
    const err = await caught(() => core.readNamespacedPod({ name: 'nope', namespace: 'shop' }));
    expect(err).toBeInstanceOf(ClusterError);
    expect(err.kind).toBe('status');
    expect(err.cluster).toBe('sim');
    expect(err.status).toMatchObject({ code: 404, reason: 'NotFound', causes: [] });
    expect(err.message).toContain('nope');
    expect(err.status?.retryAfterSeconds).toBeUndefined();
  });

  it('keeps a 409 AlreadyExists Status', async () => {
    const err = await caught(() => core.createNamespace({ body: { metadata: { name: 'shop' } } }));
    expect(err.status).toMatchObject({ code: 409, reason: 'AlreadyExists' });
  });

  it('keeps the DisruptionBudget cause of an eviction blocked by a budget (429)', async () => {
    const pods = await eventually(async () => {
      const list = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=api' });
      const ready = list.items.filter((p) =>
        p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return ready.length === 2 ? ready : undefined;
    });
    const name = pods[0]?.metadata?.name ?? '';
    const err = await eventually(async () => {
      const e = await caught(() =>
        core.createNamespacedPodEviction({
          name,
          namespace: 'shop',
          body: { metadata: { name, namespace: 'shop' } },
        }),
      );
      return e.status?.causes.length ? e : undefined;
    });
    expect(err.status).toMatchObject({ code: 429, reason: 'TooManyRequests' });
    expect(err.status?.causes.map((c) => c.reason)).toContain('DisruptionBudget');
  });

  it('keeps Retry-After of an API priority-and-fairness 429 with a plain-text body', async () => {
    const put = await fetch(`${sim.cluster.url}/sim/v1/faults`, {
      method: 'PUT',
      body: JSON.stringify({ throttleRate: 1, retryAfterSeconds: 3 }),
    });
    expect(put.status).toBe(200);
    const err = await caught(() => core.listNamespace());
    expect(err.kind).toBe('status');
    expect(err.status).toEqual({
      code: 429,
      reason: 'TooManyRequests',
      message: 'Too many requests, please try again later.',
      causes: [],
      retryAfterSeconds: 3,
    });
  });

  it('turns a refused connection into `unreachable`, without an HTTP code', async () => {
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      { name: 'x', server: `http://127.0.0.1:${await freePort()}`, skipTLSVerify: true },
      { name: 'x' },
    );
    const err = await caught(() => kc.makeApiClient(CoreV1Api).listNamespace(), 'dead');
    expect(err.kind).toBe('unreachable');
    expect(err.cluster).toBe('dead');
    expect(err.status).toBeUndefined();
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('turns an aborted (deadline) request into `timeout`', async () => {
    await fetch(`${sim.cluster.url}/sim/v1/faults`, {
      method: 'PUT',
      body: JSON.stringify({ latencyMs: 2000 }),
    });
    const version = sim.kc.makeApiClient(VersionApi);
    const err = await caught(() => version.getCode({}, { middleware: [deadline(100)] }));
    expect(err.kind).toBe('timeout');
  });
});

describe('toClusterError on other values', () => {
  it.each([
    ['a string', 'boom', 'unknown'],
    ['a plain Error', new Error('boom'), 'unknown'],
    ['a file error', Object.assign(new Error('no file'), { code: 'ENOENT' }), 'unknown'],
    [
      'undici fetch failed',
      new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
      'unreachable',
    ],
    ['a socket timeout', Object.assign(new Error('t'), { code: 'ETIMEDOUT' }), 'timeout'],
    ['a TimeoutError', Object.assign(new Error('t'), { name: 'TimeoutError' }), 'timeout'],
  ])('%s', (_what, thrown, kind) => {
    expect(toClusterError('c', thrown).kind).toBe(kind);
  });

  it('returns a ClusterError unchanged', () => {
    const err = new ClusterError('unknown-cluster', 'x', 'unknown cluster "x"');
    expect(toClusterError('y', err)).toBe(err);
  });
});

describe('parseStatus', () => {
  it.each([
    [401, undefined, {}, { reason: 'Unauthorized', message: 'the server answered 401' }],
    [503, 'not json', {}, { reason: 'ServiceUnavailable', message: 'not json' }],
    [418, '', {}, { reason: 'Unknown', message: 'the server answered 418' }],
    [
      429,
      JSON.stringify({
        kind: 'Status',
        reason: 'TooManyRequests',
        message: 'm',
        details: { retryAfterSeconds: 10, causes: [{ reason: 'R' }] },
      }),
      {},
      { retryAfterSeconds: 10, causes: [{ reason: 'R', message: '', field: '' }] },
    ],
    [
      429,
      '{}',
      { 'Retry-After': 'Wed, 21 Oct 2026 07:28:00 GMT' },
      { retryAfterSeconds: undefined },
    ],
  ])('%i %j', (code, body, headers, want) => {
    expect(parseStatus(code, body, headers)).toMatchObject({ code, ...want });
  });
});
