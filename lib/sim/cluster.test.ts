import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startCluster, type SimCluster } from './cluster';
import { startTestCluster, type TestCluster } from './testing';

/** The kubeconfig's bearer token, and a restart on the same port that the same kubeconfig reaches. */

const running: (SimCluster | TestCluster)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

async function start(opts: Parameters<typeof startCluster>[0]): Promise<SimCluster> {
  const cluster = await startCluster(opts);
  running.push(cluster);
  return cluster;
}

const tokenOf = (kubeconfig: string): unknown =>
  (parse(kubeconfig) as { users: { user: { token: unknown } }[] }).users[0]?.user.token;

describe('the kubeconfig token', () => {
  it('is random by default', async () => {
    const [a, b] = await Promise.all([start({}), start({})]);
    expect(tokenOf(a.kubeconfig())).toMatch(/^[0-9a-f]{32}$/);
    expect(tokenOf(b.kubeconfig())).toMatch(/^[0-9a-f]{32}$/);
    expect(tokenOf(a.kubeconfig())).not.toBe(tokenOf(b.kubeconfig()));
  });

  it('is the one given', async () => {
    const cluster = await start({ token: 'restart-token.v1' });
    expect(tokenOf(cluster.kubeconfig())).toBe('restart-token.v1');
  });

  it('must be an RFC 6750 b64token, as it is written into YAML as it is', async () => {
    await expect(start({ token: 'a b' })).rejects.toThrow(/b64token/);
    await expect(start({ token: 'x\nusers: []' })).rejects.toThrow(/b64token/);
  });

  it("lets a stopped cluster's kubeconfig reach a new one on the same port", async () => {
    const first = await startTestCluster({ scenario: 'empty', token: 'same' });
    running.push(first);
    const core = first.kc.makeApiClient(CoreV1Api);
    const before = await core.listNamespace();
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const second = await start({ scenario: 'empty', port: first.cluster.port, token: 'same' });
    expect(second.kubeconfig()).toBe(first.cluster.kubeconfig());
    const after = await core.listNamespace();
    const uids = (list: typeof before) => list.items.map((n) => n.metadata?.uid);
    expect(after.items.map((n) => n.metadata?.name)).toEqual(
      before.items.map((n) => n.metadata?.name),
    );
    expect(uids(after).filter((uid) => uids(before).includes(uid))).toEqual([]);
    expect(uids(after)).toEqual(second.store.list('namespaces').map((n) => n.metadata.uid));
  });
});
