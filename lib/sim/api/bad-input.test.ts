import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../testing';

/**
 * Bad request bodies over raw HTTP: every failure is a `Status` with kube-apiserver's code, and
 * the server keeps serving. Routes, query parameters and methods are in bad-input-routes.test.ts.
 */

let tc: TestCluster;

interface Reply {
  code: number;
  body: Record<string, unknown>;
}

interface Send {
  body?: string | Buffer;
  type?: string;
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
}

/** One request over node:http, so that any body, header and framing can be sent. */
function send(method: string, path: string, opts: Send = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.type !== undefined) headers['Content-Type'] = opts.type;
    const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
    if (body && !opts.chunked) headers['Content-Length'] = String(body.length);
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
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer`)));
    req.on('error', reject);
    if (body && opts.chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
    }
    req.end(opts.chunked ? undefined : body);
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
const podSpec = { containers: [{ name: 'c', image: 'nginx:1.27' }] };
const workload = (app: string, extra: Record<string, unknown> = { replicas: 0 }) => ({
  selector: { matchLabels: { app } },
  template: { metadata: { labels: { app } }, spec: podSpec },
  ...extra,
});

/** [collection, an existing object, subresources, name rule, a valid body beside metadata]. */
type Row = [string, string, string[], 'label' | 'subdomain', (name: string) => object];
const ROWS: Row[] = [
  [`${NS}/pods`, 'p1', ['status'], 'subdomain', () => ({ spec: podSpec })],
  [`${NS}/services`, 's1', ['status'], 'label', () => ({ spec: { ports: [{ port: 80 }] } })],
  [`${NS}/configmaps`, 'c1', [], 'subdomain', () => ({ data: { k: 'v' } })],
  [`${NS}/events`, 'e1', [], 'subdomain', () => ({ involvedObject: { kind: 'Pod', name: 'p1' } })],
  ['/api/v1/namespaces', 'bad-input', ['status'], 'label', () => ({})],
  ['/api/v1/nodes', 'node-1', ['status'], 'subdomain', () => ({})],
  [`${APPS}/deployments`, 'd1', ['status', 'scale'], 'subdomain', (n) => ({ spec: workload(n) })],
  [`${APPS}/replicasets`, 'rs1', ['status', 'scale'], 'subdomain', (n) => ({ spec: workload(n) })],
  [
    `${APPS}/statefulsets`,
    'ss1',
    ['status', 'scale'],
    'subdomain',
    (n) => ({ spec: workload(n, { replicas: 0, serviceName: 's1' }) }),
  ],
  [`${APPS}/daemonsets`, 'ds1', ['status'], 'subdomain', (n) => ({ spec: workload(n, {}) })],
  [
    '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
    'es1',
    [],
    'subdomain',
    () => ({ addressType: 'IPv4', endpoints: [] }),
  ],
];

/** Every served resource: core, apps and discovery.k8s.io; namespaced and cluster-scoped. */
const KINDS = ROWS.map(([collection, existing, subresources, nameRule, rest]) => ({
  collection,
  /** An existing object (created in beforeAll unless the scenario has it). */
  existing,
  subresources,
  nameRule,
  body: (name: string): object => ({ metadata: { name }, ...rest(name) }),
  /** Whether the kind has `spec`/`status` structs (a string there fails to decode). */
  hasSpec: subresources.includes('status'),
}));
type Kind = (typeof KINDS)[number];

const item = (k: Kind) => `${k.collection}/${k.existing}`;
const kindOf = (path: string) => KINDS.find((k) => path.startsWith(`${k.collection}/`));
/** The object name in an item path (`…/deployments/d1/scale` → `d1`). */
const itemName = (path: string) =>
  path.slice((kindOf(path)?.collection.length ?? 0) + 1).split('/')[0] ?? '';
/** Every item path: the object, its /status and its /scale. */
const ITEM_PATHS = KINDS.flatMap((k) => [item(k), ...k.subresources.map((s) => `${item(k)}/${s}`)]);
const COLLECTIONS = KINDS.map((k) => k.collection);
const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];
const JSON_TYPE = 'application/json';
const MALFORMED = '{"metadata": {"name": ';

/** The body a PUT of `path` takes: the object itself, or its Scale. */
function putBody(path: string, name: string): string {
  if (path.endsWith('/scale')) {
    return JSON.stringify({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name },
      spec: { replicas: 0 },
    });
  }
  return JSON.stringify(kindOf(path)?.body(name) ?? {});
}

beforeAll(async () => {
  tc = await startTestCluster();
  for (const k of KINDS) {
    if (k.existing === 'node-1') continue;
    const reply = await send('POST', k.collection, {
      body: JSON.stringify(k.body(k.existing)),
      type: JSON_TYPE,
    });
    expect(reply.code, JSON.stringify(reply.body)).toBe(201);
  }
});

afterAll(async () => {
  await tc?.stop();
});

afterEach(async () => {
  expect((await send('GET', '/version')).code).toBe(200);
});

describe('malformed JSON', () => {
  it.each(COLLECTIONS)('POST %s → 400', async (path) => {
    expectStatus(await send('POST', path, { body: MALFORMED, type: JSON_TYPE }), 400, 'BadRequest');
  });

  it.each(ITEM_PATHS)('PUT %s → 400', async (path) => {
    expectStatus(await send('PUT', path, { body: MALFORMED, type: JSON_TYPE }), 400, 'BadRequest');
  });

  it.each(ITEM_PATHS.flatMap((p) => PATCH_TYPES.map((t) => [p, t])))(
    'PATCH %s as %s → 400',
    async (path, type) => {
      expectStatus(await send('PATCH', path, { body: MALFORMED, type }), 400, 'BadRequest');
    },
  );

  it.each(ITEM_PATHS)('a JSON patch that is not a list of operations on %s → 400', async (path) => {
    const body = '{"op": "add", "path": "/metadata/labels/a", "value": "b"}';
    const reply = await send('PATCH', path, { body, type: PATCH_TYPES[0] });
    expectStatus(reply, 400, 'BadRequest');
  });
});

describe('JSON of the wrong shape', () => {
  const shapes = ['[]', '"x"', 'null', '5'];
  it.each(COLLECTIONS.flatMap((p) => shapes.map((s) => ['POST', p, s])))(
    '%s %s with %s → 400 or 422',
    async (method, path, body) => {
      expectStatus(await send(method, path, { body, type: JSON_TYPE }), [400, 422]);
    },
  );

  it.each(ITEM_PATHS.flatMap((p) => shapes.map((s) => [p, s])))(
    'PUT %s with %s → 400 or 422',
    async (path, body) => {
      expectStatus(await send('PUT', path, { body, type: JSON_TYPE }), [400, 422]);
    },
  );

  // Go decodes into typed structs, so a field of the wrong type is a 400 (transformDecodeError).
  const structs = KINDS.flatMap((k) => {
    const cases: [string, string, unknown][] = [
      [k.collection, 'metadata', 5],
      [k.collection, 'metadata', 'x'],
    ];
    if (k.hasSpec)
      cases.push([k.collection, 'spec', 'x'], [item(k), 'spec', 'x'], [item(k), 'metadata', []]);
    return cases;
  });
  it.each(structs)('%s with %s: %j → 400, nothing written', async (path, field, value) => {
    const creating = COLLECTIONS.includes(path);
    const name = creating ? 'wrong-shape' : itemName(path);
    const body = JSON.stringify({ metadata: { name }, [field]: value });
    const target = creating ? `${path}/${name}` : path;
    const before = await send('GET', target);
    const reply = await send(creating ? 'POST' : 'PUT', path, { body, type: JSON_TYPE });
    expectStatus(reply, 400, 'BadRequest');
    const after = await send('GET', target);
    expect(after.code).toBe(creating ? 404 : 200);
    expect(after.body.spec).toEqual(before.body.spec);
  });
});

describe('invalid names', () => {
  const cases = KINDS.flatMap((k) => {
    const names = ['Upper', 'under_score', '.', '..', '-dash', 'a'.repeat(254)];
    if (k.nameRule === 'label') names.push('a'.repeat(64), 'a.b');
    return names.map((n) => [k.collection, n]);
  });
  it.each(cases)('POST %s named %s → 422 on metadata.name', async (path, name) => {
    const k = KINDS.find((c) => c.collection === path);
    const body = JSON.stringify(k?.body(name));
    const status = expectStatus(
      await send('POST', path, { body, type: JSON_TYPE }),
      422,
      'Invalid',
    );
    const causes = (status.details as { causes?: { field?: string }[] }).causes ?? [];
    expect(causes.map((c) => c.field)).toContain('metadata.name');
  });

  it.each(ITEM_PATHS)('PUT %s with another name in the body → 400', async (path) => {
    const reply = await send('PUT', path, { body: putBody(path, 'other-name'), type: JSON_TYPE });
    expect(expectStatus(reply, 400, 'BadRequest').message).toMatch(/does not match the name/);
  });
});

describe('oversized bodies', () => {
  const huge = (name: string) =>
    JSON.stringify({ metadata: { name }, data: { big: 'x'.repeat(4 * 1024 * 1024) } });

  it.each([false, true])('POST (chunked: %s) → 413, nothing created', async (chunked) => {
    const name = `huge-${String(chunked)}`;
    const reply = await send('POST', `${NS}/configmaps`, {
      body: huge(name),
      type: JSON_TYPE,
      chunked,
    });
    expectStatus(reply, 413, 'RequestEntityTooLarge');
    expect((await send('GET', `${NS}/configmaps/${name}`)).code).toBe(404);
    const ns = JSON.stringify({ metadata: { name, annotations: { a: 'x'.repeat(3_200_000) } } });
    const nsReply = await send('POST', '/api/v1/namespaces', {
      body: ns,
      type: JSON_TYPE,
      chunked,
    });
    expectStatus(nsReply, 413, 'RequestEntityTooLarge');
    expect((await send('GET', `/api/v1/namespaces/${name}`)).code).toBe(404);
  });

  it.each([
    ['PUT', JSON_TYPE, false],
    ['PUT', JSON_TYPE, true],
    ['PATCH', PATCH_TYPES[1] ?? '', false],
    ['PATCH', PATCH_TYPES[2] ?? '', true],
  ] as const)('%s as %s (chunked: %s) → 413, nothing changed', async (method, type, chunked) => {
    const path = `${NS}/configmaps/c1`;
    const before = (await send('GET', path)).body.metadata as { resourceVersion: string };
    expectStatus(await send(method, path, { body: huge('c1'), type, chunked }), 413);
    const after = (await send('GET', path)).body.metadata as { resourceVersion: string };
    expect(after.resourceVersion).toBe(before.resourceVersion);
  });
});
