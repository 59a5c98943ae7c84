import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../testing';

/**
 * Bad routes, methods, content types and query parameters over raw HTTP: every failure is a
 * `Status` with kube-apiserver's code, and the server keeps serving. Bodies are in
 * bad-input.test.ts.
 */

let tc: TestCluster;

interface Reply {
  code: number;
  body: Record<string, unknown>;
}

/** One request over node:http, which sends any method, path and body as given. */
function send(method: string, path: string, body?: string, type?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (type !== undefined) headers['Content-Type'] = type;
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const req = request(
      { host: '127.0.0.1', port: tc.cluster.port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown>;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = { unparsed: text };
          }
          resolve({ code: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    // A watch that wrongly succeeds would stay open: fail it rather than hang.
    req.setTimeout(5_000, () => req.destroy(new Error(`${method} ${path}: no answer`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Asserts a failure `Status` with this code (or one of these codes) and returns it. */
function expectStatus(reply: Reply, code: number | number[], reason?: string): Reply['body'] {
  const codes = Array.isArray(code) ? code : [code];
  expect(codes, JSON.stringify(reply.body)).toContain(reply.code);
  expect(reply.body).toMatchObject({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    code: reply.code,
  });
  expect(typeof reply.body.reason).toBe('string');
  if (reason !== undefined) expect(reply.body.reason).toBe(reason);
  return reply.body;
}

const NS = '/api/v1/namespaces/default';
const APPS = '/apis/apps/v1/namespaces/default';
const JSON_TYPE = 'application/json';
const MERGE = 'application/merge-patch+json';

/** Every served resource (core, apps, discovery.k8s.io; namespaced and cluster-scoped). */
const ROUTES: [collection: string, subresources: string[]][] = [
  [`${NS}/pods`, ['status']],
  [`${NS}/services`, ['status']],
  [`${NS}/configmaps`, []],
  [`${NS}/events`, []],
  ['/api/v1/namespaces', ['status']],
  ['/api/v1/nodes', ['status']],
  [`${APPS}/deployments`, ['status', 'scale']],
  [`${APPS}/replicasets`, ['status', 'scale']],
  [`${APPS}/statefulsets`, ['status', 'scale']],
  [`${APPS}/daemonsets`, ['status']],
  ['/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', []],
];
/** Lists across all namespaces: GET only. */
const ALL_NAMESPACES = [
  '/api/v1/pods',
  '/api/v1/configmaps',
  '/apis/apps/v1/deployments',
  '/apis/discovery.k8s.io/v1/endpointslices',
];
const COLLECTIONS = ROUTES.map(([c]) => c);
const LISTS = [...COLLECTIONS, ...ALL_NAMESPACES];
const ITEMS = COLLECTIONS.map((c) => `${c}/target`);
const SUBRESOURCES = ROUTES.flatMap(([c, subs]) => subs.map((s) => `${c}/target/${s}`));
const ITEM_PATHS = [...ITEMS, ...SUBRESOURCES];
const DISCOVERY = [
  '/version',
  '/api',
  '/api/v1',
  '/apis',
  '/apis/apps',
  '/apis/apps/v1',
  '/apis/discovery.k8s.io/v1',
  '/openapi/v3',
  '/openapi/v3/api/v1',
];
const cross = <A, B>(as: A[], bs: B[]): [A, B][] =>
  as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
const b64 = (s: string) => Buffer.from(s).toString('base64url');

beforeAll(async () => {
  tc = await startTestCluster();
  const cm = JSON.stringify({ metadata: { name: 'target' }, data: { k: 'v' } });
  expect((await send('POST', `${NS}/configmaps`, cm, JSON_TYPE)).code).toBe(201);
});

afterAll(async () => {
  await tc?.stop();
});

afterEach(async () => {
  expect((await send('GET', '/version')).code).toBe(200);
});

describe('unknown resources and groups', () => {
  const paths = [
    '/api/v1/widgets',
    '/apis/nope/v1/things',
    '/api/v2/pods',
    '/apis/apps/v1/namespaces/default/pods',
    `${NS}/widgets/x`,
    `${NS}/namespaces`,
    '/apis/apps/v2/deployments',
    '/apis/discovery.k8s.io/v1/nodes',
    `${NS}/pods/target/scale`,
    `${NS}/configmaps/target/status`,
    `${NS}/pods/target/status/extra`,
    '/apis/nope',
    '/apis/nope/v1',
    '/openapi/v3/apis/nope/v1',
    '/nope',
  ];
  it.each(cross(['GET', 'POST', 'PUT', 'DELETE'], paths))('%s %s → 404', async (method, path) => {
    const body = method === 'POST' || method === 'PUT' ? '{}' : undefined;
    const status = expectStatus(await send(method, path, body, JSON_TYPE), 404, 'NotFound');
    expect(status.message).toBe('the server could not find the requested resource');
  });
});

describe('methods a route does not allow → 405', () => {
  const cases: [string, string][] = [
    ...cross(['POST'], ITEM_PATHS),
    ...cross(['PUT', 'PATCH', 'DELETE'], LISTS),
    ...cross(['POST'], ALL_NAMESPACES),
    ...cross(['DELETE'], SUBRESOURCES),
    ...cross(['POST', 'PUT', 'PATCH', 'DELETE'], DISCOVERY),
  ];
  it.each(cases)('%s %s', async (method, path) => {
    const body = method === 'DELETE' ? undefined : '{}';
    const type = method === 'PATCH' ? MERGE : JSON_TYPE;
    expectStatus(await send(method, path, body, type), 405, 'MethodNotAllowed');
  });
});

describe('content types', () => {
  const types = ['text/plain', 'application/vnd.kubernetes.protobuf'];
  it.each(cross(COLLECTIONS, types))('POST %s as %s → 415', async (path, type) => {
    const body = JSON.stringify({ metadata: { name: 'ct' } });
    expectStatus(await send('POST', path, body, type), 415, 'UnsupportedMediaType');
  });

  it.each(cross(ITEM_PATHS, types))('PUT %s as %s → 415', async (path, type) => {
    const body = JSON.stringify({ metadata: { name: 'target' } });
    expectStatus(await send('PUT', path, body, type), 415, 'UnsupportedMediaType');
  });

  const patches: [string, string][] = [
    ['application/apply-patch+yaml', 'metadata:\n  labels:\n    a: b\n'],
    ['text/plain', 'hello'],
    [JSON_TYPE, '{"metadata": {"labels": {"a": "b"}}}'],
  ];
  it.each(cross(ITEM_PATHS, patches))('PATCH %s as %j → 415', async (path, [type, body]) => {
    expectStatus(await send('PATCH', path, body, type), 415, 'UnsupportedMediaType');
  });
});

describe('bad query parameters', () => {
  it.each(COLLECTIONS)('dryRun=Foo on POST, PUT, PATCH and DELETE of %s → 422', async (c) => {
    const body = JSON.stringify({ metadata: { name: 'target' } });
    const calls: [string, string, string?, string?][] = [
      ['POST', c, body, JSON_TYPE],
      ['PUT', `${c}/target`, body, JSON_TYPE],
      ['PATCH', `${c}/target`, '{}', MERGE],
      ['DELETE', `${c}/target`],
    ];
    for (const [method, path, b, type] of calls) {
      const status = expectStatus(
        await send(method, `${path}?dryRun=Foo`, b, type),
        422,
        'Invalid',
      );
      expect(status.message, method).toMatch(/dryRun: Unsupported value/);
    }
  });

  it('accepts dryRun=All repeated (creating nothing) and refuses it mixed with another value', async () => {
    const path = '/api/v1/namespaces/default/configmaps';
    const body = JSON.stringify({ metadata: { name: 'twice' } });
    const twice = await send('POST', `${path}?dryRun=All&dryRun=All`, body, JSON_TYPE);
    expect(twice.code).toBe(201);
    expect((await send('GET', `${path}/twice`)).code).toBe(404);
    const mixed = await send('POST', `${path}?dryRun=All&dryRun=Foo`, body, JSON_TYPE);
    expectStatus(mixed, 422, 'Invalid');
  });

  const lists: [string, number][] = [
    ['limit=abc', 400],
    ['labelSelector=' + encodeURIComponent('a in ('), 400],
    ['labelSelector=' + encodeURIComponent('==x'), 400],
    ['fieldSelector=bogus.field%3Dx', 400],
    ['limit=1&continue=not-a-token', 400],
    [`limit=1&continue=${b64('hello')}`, 400],
    [`limit=1&continue=${b64('{"rv":"x","after":1}')}`, 400],
    ['resourceVersion=abc', 400],
    ['watch=true&labelSelector=' + encodeURIComponent('a in ('), 400],
    ['watch=true&fieldSelector=bogus.field%3Dx', 400],
    ['watch=true&timeoutSeconds=abc', 400],
  ];
  it.each(cross(LISTS, lists))('GET %s?%s', async (path, [query, code]) => {
    expectStatus(await send('GET', `${path}?${query}`), code, 'BadRequest');
  });

  const deletes: [string, string | undefined, number, string][] = [
    ['propagationPolicy=Sideways', undefined, 422, 'Invalid'],
    ['', '{"propagationPolicy": "Sideways"}', 422, 'Invalid'],
    ['', '{"dryRun": ["Foo"]}', 422, 'Invalid'],
    ['', '{"orphanDependents": true, "propagationPolicy": "Orphan"}', 422, 'Invalid'],
    ['gracePeriodSeconds=abc', undefined, 400, 'BadRequest'],
    ['', '{"gracePeriodSeconds": ', 400, 'BadRequest'],
  ];
  it.each(deletes)('DELETE ?%s with body %s → %i, nothing deleted', async (q, body, code, why) => {
    const path = `${NS}/configmaps/target`;
    expectStatus(await send('DELETE', `${path}?${q}`, body, JSON_TYPE), code, why);
    expect((await send('GET', path)).code).toBe(200);
  });
});

describe('percent-encoded paths', () => {
  const items = [
    `${NS}/pods/%2E%2E`,
    `${NS}/pods/%2e`,
    `${NS}/pods/a%2Fb`,
    `${NS}/pods/%00`,
    `${NS}/pods/%E0%A4%A`,
    `${NS}/pods/%`,
    '/api/v1/nodes/%2E%2E/status',
  ];
  it.each(
    cross(['GET', 'PUT', 'PATCH', 'DELETE'], items).filter(
      ([m, p]) => !(m === 'DELETE' && p.endsWith('/status')), // 405 there
    ),
  )('%s %s → 400 or 404', async (method, path) => {
    const body =
      method === 'PUT' || method === 'PATCH' ? '{"metadata": {"name": ".."}}' : undefined;
    const type = method === 'PATCH' ? MERGE : JSON_TYPE;
    expectStatus(await send(method, path, body, type), [400, 404]);
  });

  it('a DELETE of …/configmaps/%2E%2E does not reach the namespace', async () => {
    const ns = JSON.stringify({ metadata: { name: 'victim' } });
    expect((await send('POST', '/api/v1/namespaces', ns, JSON_TYPE)).code).toBe(201);
    for (const name of ['%2E%2E', '%2e%2e', '..']) {
      const path = `/api/v1/namespaces/victim/configmaps/${name}`;
      expectStatus(await send('DELETE', path), [400, 404]);
    }
    const after = await send('GET', '/api/v1/namespaces/victim');
    expect(after.body.status).toEqual({ phase: 'Active' });
  });

  const collections = [
    '/api/v1/namespaces/%zz/pods',
    '/apis/%zz/v1/things',
    '/api/v1/namespaces/default/%zz',
    '//[',
  ];
  it.each(cross(['GET', 'POST'], collections))('%s %s → 400 or 404', async (method, path) => {
    const body = method === 'POST' ? '{"metadata": {"name": "x"}}' : undefined;
    expectStatus(await send(method, path, body, JSON_TYPE), [400, 404]);
  });
});
