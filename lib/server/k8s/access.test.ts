import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '@/lib/sim/testing';
import { canDelete, canEvict } from './access';
import { ClusterError } from './errors';

/** canEvict and canDelete against a real embedded cluster over HTTP. */

let sim: TestCluster;

beforeAll(async () => {
  sim = await startTestCluster({ scenario: 'demo' });
});
afterAll(async () => {
  await sim.stop();
});
afterEach(async () => {
  await fetch(`${sim.cluster.url}/sim/v1/access`, { method: 'DELETE' });
  await fetch(`${sim.cluster.url}/sim/v1/faults`, { method: 'DELETE' });
});

async function putJson(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${sim.cluster.url}${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

describe('canEvict', () => {
  it('is allowed by the embedded cluster, with its reason', async () => {
    const verdict = await canEvict(sim.kc, 'shop');
    expect(verdict).toEqual({ allowed: true, reason: 'drainboard-sim: every request is allowed' });
  });

  it('asks about create pods/eviction in the namespace, as the deny rule shows', async () => {
    await putJson('/sim/v1/access', {
      deny: [
        { verb: 'create', group: '', resource: 'pods', subresource: 'eviction', namespace: 'shop' },
      ],
    });
    expect(await canEvict(sim.kc, 'shop')).toEqual({
      allowed: false,
      reason: 'drainboard-sim: denied by a rule of PUT /sim/v1/access',
    });
    expect(await canEvict(sim.kc, 'default')).toMatchObject({ allowed: true });
  });

  it('asks canDelete about delete pods, apart from the eviction subresource', async () => {
    await putJson('/sim/v1/access', {
      deny: [{ verb: 'delete', group: '', resource: 'pods', namespace: 'shop' }],
    });
    expect(await canDelete(sim.kc, 'shop')).toEqual({
      allowed: false,
      reason: 'drainboard-sim: denied by a rule of PUT /sim/v1/access',
    });
    expect(await canEvict(sim.kc, 'shop')).toMatchObject({ allowed: true });
    expect(await canDelete(sim.kc, 'default')).toEqual({
      allowed: true,
      reason: 'drainboard-sim: every request is allowed',
    });
  });

  it('returns the Status of a failed review as an error value', async () => {
    await putJson('/sim/v1/faults', { errorRate: 1, errorCode: 503 });
    const result = await canEvict(sim.kc, 'shop');
    expect('error' in result && result.error).toBeInstanceOf(ClusterError);
    if (!('error' in result)) throw new Error('expected an error');
    expect(result.error.kind).toBe('status');
    expect(result.error.cluster).toBe('drainboard-sim');
    expect(result.error.status).toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
  });

  it('returns unreachable when nobody listens', async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'gone', server: 'http://127.0.0.1:9', skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'u' }],
      currentContext: 'gone',
    });
    const result = await canEvict(kc, 'shop');
    if (!('error' in result)) throw new Error('expected an error');
    expect(result.error).toMatchObject({ kind: 'unreachable', cluster: 'gone' });
  });
});
