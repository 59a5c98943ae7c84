import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawWatch, startControlHarness, until, type ControlHarness } from './control-testing';
import { escapeLabelValue, METRICS_CONTENT_TYPE } from './metrics';

/** GET /metrics over real HTTP. */

let h: ControlHarness;

beforeAll(async () => {
  h = await startControlHarness();
  expect((await h.call('POST', '/api/v1/namespaces', { metadata: { name: 'm' } })).status).toBe(
    201,
  );
});
afterAll(() => h.stop());

async function scrape(): Promise<string> {
  const res = await h.call('GET', '/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(METRICS_CONTENT_TYPE);
  return res.text;
}

/** The value of one series, by its exact label text; 0 when absent. */
async function value(series: string): Promise<number> {
  const line = (await scrape()).split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

const req = (labels: string, code: number) =>
  `apiserver_request_total{${labels},component="apiserver",code="${code}"}`;
const podsList = req(
  'verb="LIST",dry_run="",group="",version="v1",resource="pods",subresource="",scope="namespace"',
  200,
);

describe('GET /metrics', () => {
  it('declares each family with HELP and TYPE', async () => {
    const text = await scrape();
    for (const [name, type] of [
      ['apiserver_request_total', 'counter'],
      ['apiserver_longrunning_requests', 'gauge'],
      ['drainboard_sim_evictions_total', 'counter'],
      ['drainboard_sim_evictions_repeated_total', 'counter'],
    ]) {
      expect(text).toContain(`# HELP ${name} `);
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    }
    expect(text.endsWith('\n')).toBe(true);
  });

  it('counts requests by verb, resource and final code', async () => {
    const before = await value(podsList);
    await h.call('GET', '/api/v1/namespaces/m/pods');
    await h.call('GET', '/api/v1/namespaces/m/pods?limit=1');
    await until(async () => (await value(podsList)) === before + 2);

    await h.call('GET', '/api/v1/namespaces/m/configmaps/missing');
    await h.call('POST', '/api/v1/namespaces/m/configmaps?dryRun=All', {
      metadata: { name: 'c' },
    });
    await h.call('DELETE', '/apis/apps/v1/namespaces/m/deployments/gone');
    const text = await scrape();
    expect(text).toContain(
      req(
        'verb="GET",dry_run="",group="",version="v1",resource="configmaps",subresource="",scope="resource"',
        404,
      ) + ' 1',
    );
    expect(text).toContain(
      req(
        'verb="POST",dry_run="All",group="",version="v1",resource="configmaps",subresource="",scope="resource"',
        201,
      ) + ' 1',
    );
    expect(text).toContain(
      req(
        'verb="DELETE",dry_run="",group="apps",version="v1",resource="deployments",subresource="",scope="resource"',
        404,
      ) + ' 1',
    );
    expect(text).toContain(
      req(
        'verb="POST",dry_run="",group="",version="v1",resource="namespaces",subresource="",scope="resource"',
        201,
      ) + ' 1',
    );
    // Non-resource paths carry the path as subresource, as upstream records them.
    await h.call('GET', '/version');
    expect(await scrape()).toContain(
      req(
        'verb="GET",dry_run="",group="",version="",resource="",subresource="/version",scope=""',
        200,
      ),
    );
    // Neither the simulator's own endpoints nor unrouted paths are counted.
    expect(await scrape()).not.toMatch(/subresource="\/(sim|metrics|nope)/);
  });

  it('counts injected faults by their code', async () => {
    await h.call('PUT', '/sim/v1/faults', { throttleRate: 1 });
    await h.call('GET', '/api/v1/namespaces/m/pods');
    await h.call('DELETE', '/sim/v1/faults');
    expect(await value(podsList.replace('code="200"', 'code="429"'))).toBe(1);
  });

  it('shows open watches and counts each watch when it ends', async () => {
    const gauge = (scope: string) =>
      `apiserver_longrunning_requests{verb="WATCH",group="",version="v1",resource="pods",subresource="",scope="${scope}",component="apiserver"}`;
    expect(await value(gauge('namespace'))).toBe(0);
    const a = await openRawWatch(`${h.url}/api/v1/namespaces/m/pods?watch=true`);
    const b = await openRawWatch(`${h.url}/api/v1/namespaces/m/pods?watch=1`);
    const c = await openRawWatch(`${h.url}/api/v1/pods?watch=true`);
    await until(() => h.watches.count() === 3);
    expect(await value(gauge('namespace'))).toBe(2);
    expect(await value(gauge('cluster'))).toBe(1);
    const watchTotal = req(
      'verb="WATCH",dry_run="",group="",version="v1",resource="pods",subresource="",scope="namespace"',
      200,
    );
    expect(await value(watchTotal)).toBe(0);
    a.abort();
    await h.call('POST', '/sim/v1/watches/close');
    await Promise.all([b.ended, c.ended]);
    expect(await value(gauge('namespace'))).toBe(0);
    await until(async () => (await value(watchTotal)) === 2);
  });

  it('counts evictions by response code', async () => {
    const pod = {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    expect((await h.call('POST', '/api/v1/namespaces/m/pods', pod)).status).toBe(201);
    const evict = (name: string) =>
      h.call('POST', `/api/v1/namespaces/m/pods/${name}/eviction`, {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name, namespace: 'm' },
      });
    expect((await evict('p')).status).toBe(201);
    expect((await evict('missing')).status).toBe(404);
    expect((await evict('missing')).status).toBe(404);
    await until(async () => (await value('drainboard_sim_evictions_total{code="404"}')) === 2);
    expect(await value('drainboard_sim_evictions_total{code="201"}')).toBe(1);
    expect(await scrape()).toContain(
      req(
        'verb="POST",dry_run="",group="",version="v1",resource="pods",subresource="eviction",scope="resource"',
        404,
      ) + ' 2',
    );
  });

  it('counts a second successful eviction of the same pod, not dry runs', async () => {
    const repeated = 'drainboard_sim_evictions_repeated_total';
    expect(await scrape()).toContain(`# TYPE ${repeated} counter\n${repeated} 0\n`);
    // Bound to a node, so the delete is graceful and the pod stays with its deletionTimestamp.
    const pod = {
      metadata: { name: 'twice' },
      spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] },
    };
    expect((await h.call('POST', '/api/v1/namespaces/m/pods', pod)).status).toBe(201);
    const evict = (query = '', deleteOptions?: object) =>
      h.call('POST', `/api/v1/namespaces/m/pods/twice/eviction${query}`, {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: 'twice', namespace: 'm' },
        deleteOptions,
      });
    expect((await evict('?dryRun=All')).status).toBe(201);
    expect((await evict()).status).toBe(201);
    expect(await value(repeated)).toBe(0);
    const got = await h.call('GET', '/api/v1/namespaces/m/pods/twice');
    expect(got.text).toContain('deletionTimestamp');

    expect((await evict('?dryRun=All')).status).toBe(201);
    expect((await evict('', { dryRun: ['All'] })).status).toBe(201);
    expect(await value(repeated)).toBe(0);
    expect((await evict()).status).toBe(201);
    expect(await value(repeated)).toBe(1);
  });

  it('answers 405 for other methods', async () => {
    const res = await h.call('POST', '/metrics');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('escapeLabelValue', () => {
  it('escapes backslash, double quote and line feed', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });
});
