import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestCluster, type TestCluster } from '../sim/testing';
import { EvictionProxy } from './retries-proxy';

let tc: TestCluster;
let proxy: EvictionProxy;

beforeAll(async () => {
  tc = await startTestCluster();
  proxy = await EvictionProxy.start(tc.cluster.url);
});
afterAll(async () => {
  await proxy?.stop();
  await tc?.stop();
});

const evict = (name: string) =>
  fetch(`${proxy.url}/api/v1/namespaces/default/pods/${name}/eviction`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } }),
  });

describe('EvictionProxy', () => {
  it("passes requests through and notes each eviction's pod and code", async () => {
    const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    const created = await fetch(`${proxy.url}/api/v1/namespaces/default/pods`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(pod),
    });
    expect(created.status).toBe(201);
    expect((await evict('missing')).status).toBe(404);
    const before = Date.now();
    expect((await evict('p')).status).toBe(201);
    expect(proxy.answers.get('missing')?.map((a) => a.code)).toEqual([404]);
    expect(proxy.answers.get('p')?.map((a) => a.code)).toEqual([201]);
    expect(proxy.answers.get('p')?.[0]?.at).toBeGreaterThanOrEqual(before);
    expect(proxy.total()).toBe(2);
  });

  it('streams a watch: its head at once, then events; ends it upstream when the client goes away', async () => {
    const abort = new AbortController();
    // The head must come before any event, as kube-apiserver sends it.
    const res = await fetch(`${proxy.url}/api/v1/namespaces/default/configmaps?watch=1`, {
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(tc.cluster.watches.count()).toBe(1);
    await fetch(`${tc.cluster.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'c' } }),
    });
    const { value } = await res.body!.getReader().read();
    expect(new TextDecoder().decode(value)).toContain('"ADDED"');
    abort.abort();
    await expect.poll(() => tc.cluster.watches.count()).toBe(0);
  }, 10_000);
});
