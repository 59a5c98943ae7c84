import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_REASON, DENIED_REASON } from './access';
import { startControlHarness, type ControlHarness } from './control-testing';

/** SelfSubjectAccessReviews and the control API's deny rules, over real HTTP. */

let h: ControlHarness;

beforeAll(async () => {
  h = await startControlHarness();
});
afterAll(() => h.stop());
afterEach(() => h.access.clear());

const PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const EVICT = { namespace: 'shop', verb: 'create', resource: 'pods', subresource: 'eviction' };

/** Posts a review; `spec` or a raw body string. */
async function review(body: unknown) {
  const res = await h.call('POST', PATH, body);
  return { status: res.status, body: res.json() as Record<string, unknown> };
}

describe('POST selfsubjectaccessreviews', () => {
  it('answers 201 with the spec and an allowed status, as kubectl sends it', async () => {
    const res = await review({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { ...EVICT, group: '', unknown: 'x' } },
      status: { allowed: false },
    });
    expect(res).toEqual({
      status: 201,
      body: {
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { creationTimestamp: null },
        spec: { resourceAttributes: EVICT },
        status: { allowed: true, reason: ALLOWED_REASON },
      },
    });
  });

  it('allows non-resource requests and stores nothing', async () => {
    const before = h.store.resourceVersion;
    const res = await review({
      spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } },
    });
    expect(res.status).toBe(201);
    expect(res.body.spec).toEqual({ nonResourceAttributes: { path: '/healthz', verb: 'get' } });
    expect(res.body.status).toEqual({ allowed: true, reason: ALLOWED_REASON });
    expect(h.store.resourceVersion).toBe(before);
  });

  it('takes metadata holding only zero values and unknown fields as empty', async () => {
    const metadata = {
      name: '',
      labels: {},
      finalizers: [],
      generation: 0,
      managedFields: [{}],
      x: 1,
    };
    expect((await review({ metadata, spec: { resourceAttributes: EVICT } })).status).toBe(201);
  });

  const invalid: [string, unknown, string[]][] = [
    [
      'neither attributes',
      { spec: {} },
      [
        'spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
      ],
    ],
    [
      'both attributes',
      {
        spec: {
          resourceAttributes: EVICT,
          nonResourceAttributes: { path: '/x', verb: 'get' },
        },
      },
      [
        'spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: cannot be specified in combination with resourceAttributes',
      ],
    ],
    [
      'a name',
      { metadata: { name: 'mine' }, spec: { resourceAttributes: EVICT } },
      [
        'metadata: Invalid value: v1.ObjectMeta{Name:"mine", GenerateName:"", Namespace:"", SelfLink:"", UID:"", ResourceVersion:"", Generation:0, CreationTimestamp:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC), DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil), Labels:map[string]string(nil), Annotations:map[string]string(nil), OwnerReferences:[]v1.OwnerReference(nil), Finalizers:[]string(nil), ManagedFields:[]v1.ManagedFieldsEntry(nil)}: must be empty',
      ],
    ],
    [
      'owners, finalizers and a creation time',
      {
        metadata: {
          creationTimestamp: '2026-11-29T00:06:00Z',
          finalizers: ['f'],
          ownerReferences: [
            { apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: true },
          ],
        },
        spec: { resourceAttributes: EVICT },
      },
      [
        'metadata: Invalid value: v1.ObjectMeta{Name:"", GenerateName:"", Namespace:"", SelfLink:"", UID:"", ResourceVersion:"", Generation:0, CreationTimestamp:time.Date(2026, time.November, 29, 0, 6, 0, 0, time.Local), DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil), Labels:map[string]string(nil), Annotations:map[string]string(nil), OwnerReferences:[]v1.OwnerReference{v1.OwnerReference{APIVersion:"v1", Kind:"Pod", Name:"p", UID:"u", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}}, Finalizers:[]string{"f"}, ManagedFields:[]v1.ManagedFieldsEntry(nil)}: must be empty',
      ],
    ],
    [
      'a selector with neither form',
      { spec: { resourceAttributes: { ...EVICT, labelSelector: { requirements: [] } } } },
      [
        'spec.resourceAttributes.labelSelector.requirements: Required value: when spec.resourceAttributes.labelSelector is specified, requirements or rawSelector is required',
      ],
    ],
    [
      'a selector with both forms',
      {
        spec: {
          resourceAttributes: {
            ...EVICT,
            fieldSelector: {
              rawSelector: 'spec.nodeName=a',
              requirements: [{ key: 'spec.nodeName', operator: 'In', values: ['a'] }],
            },
          },
        },
      },
      [
        'spec.resourceAttributes.fieldSelector.rawSelector: Invalid value: "spec.nodeName=a": may not specified at the same time as requirements',
      ],
    ],
  ];
  it.each(invalid)('answers 422 for %s, with upstream message', async (_, body, messages) => {
    const res = await review(body);
    expect(res.status).toBe(422);
    const summary = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'Invalid',
      code: 422,
      message: `.authorization.k8s.io "" is invalid: ${summary}`,
      details: { group: 'authorization.k8s.io', kind: '' },
    });
    const causes = (res.body.details as { causes: { message: string }[] }).causes;
    expect(causes.map((c) => c.message)).toEqual(messages);
  });

  it('reports every invalid field at once', async () => {
    const res = await review({ metadata: { namespace: 'shop' }, spec: {} });
    expect(res.status).toBe(422);
    const causes = (res.body.details as { causes: { field: string }[] }).causes;
    expect(causes.map((c) => c.field)).toEqual(['spec.resourceAttributes', 'metadata']);
  });

  const bad: [string, unknown, string][] = [
    [
      'another apiVersion',
      { apiVersion: 'authorization.k8s.io/v1beta1', spec: { resourceAttributes: EVICT } },
      'the API version in the data (authorization.k8s.io/v1beta1) does not match the expected API version (authorization.k8s.io/v1)',
    ],
    [
      'another kind',
      { kind: 'SubjectAccessReview', spec: { resourceAttributes: EVICT } },
      'the kind in the data (SubjectAccessReview) does not match the expected kind (SelfSubjectAccessReview)',
    ],
    [
      'a string spec',
      { spec: 'pods' },
      'SelfSubjectAccessReview in version "v1" cannot be handled as a SelfSubjectAccessReview: json: cannot unmarshal string into Go struct field SelfSubjectAccessReview.spec of type v1.SelfSubjectAccessReviewSpec',
    ],
    [
      'an array of attributes',
      { spec: { resourceAttributes: [] } },
      'SelfSubjectAccessReview in version "v1" cannot be handled as a SelfSubjectAccessReview: json: cannot unmarshal array into Go struct field SelfSubjectAccessReviewSpec.spec.resourceAttributes of type v1.ResourceAttributes',
    ],
    [
      'a numeric verb',
      { spec: { resourceAttributes: { verb: 1 } } },
      'SelfSubjectAccessReview in version "v1" cannot be handled as a SelfSubjectAccessReview: json: cannot unmarshal number into Go struct field ResourceAttributes.spec.resourceAttributes.verb of type string',
    ],
    ['a body that is not JSON', '{', ''],
  ];
  it.each(bad)('answers 400 for %s', async (_, body, message) => {
    const res = await review(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    if (message !== '') expect(res.body.message).toBe(message);
  });

  it('is counted in apiserver_request_total as a POST', async () => {
    const series =
      'apiserver_request_total{verb="POST",dry_run="",group="authorization.k8s.io",version="v1",resource="selfsubjectaccessreviews",subresource="",scope="resource",component="apiserver",code="201"}';
    const count = async () => {
      const line = (await h.call('GET', '/metrics')).text
        .split('\n')
        .find((l) => l.startsWith(series));
      return Number(line?.slice(series.length + 1) ?? 0);
    };
    const before = await count();
    expect((await review({ spec: { resourceAttributes: EVICT } })).status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('serves only POST on the collection, and nothing below it', async () => {
    const get = await h.call('GET', PATH);
    expect(get.status).toBe(405);
    expect(get.json()).toMatchObject({ reason: 'MethodNotAllowed' });
    expect((await h.call('GET', `${PATH}/x`)).status).toBe(404);
    expect((await h.call('POST', `${PATH}/x`, { spec: {} })).status).toBe(404);
    const namespaced = '/apis/authorization.k8s.io/v1/namespaces/shop/selfsubjectaccessreviews';
    expect((await h.call('POST', namespaced, { spec: {} })).status).toBe(404);
  });
});

/** Protobuf as gogo-protobuf writes it: every field length-delimited, empty strings included. */
const varint = (n: number): Buffer => {
  const out: number[] = [];
  for (; n > 0x7f; n >>>= 7) out.push((n & 0x7f) | 0x80);
  return Buffer.from([...out, n]);
};
const field = (num: number, value: Buffer | string): Buffer => {
  const b = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([varint((num << 3) | 2), varint(b.length), b]);
};
const MAGIC = Buffer.from('k8s\0');
const envelope = (raw: Buffer): Buffer =>
  Buffer.concat([
    MAGIC,
    field(
      1,
      Buffer.concat([field(1, 'authorization.k8s.io/v1'), field(2, 'SelfSubjectAccessReview')]),
    ),
    field(2, raw),
  ]);
const evictAttributes = Buffer.concat(
  ['shop', 'create', '', '', 'pods', 'eviction', ''].map((v, i) => field(i + 1, v)),
);

async function protobufReview(body: Buffer) {
  const res = await fetch(`${h.url}${PATH}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/vnd.kubernetes.protobuf',
      Accept: 'application/vnd.kubernetes.protobuf,application/json',
    },
    body: new Uint8Array(body),
  });
  expect(res.headers.get('content-type')).toBe('application/json');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('protobuf bodies, as kubectl auth can-i sends them', () => {
  it('decodes the review and answers in JSON', async () => {
    const res = await protobufReview(
      envelope(Buffer.concat([field(1, ''), field(2, field(1, evictAttributes))])),
    );
    expect(res.status).toBe(201);
    expect(res.body.spec).toEqual({ resourceAttributes: EVICT });
    expect(res.body.status).toEqual({ allowed: true, reason: ALLOWED_REASON });
  });

  it('validates the decoded metadata', async () => {
    const labels = field(11, Buffer.concat([field(1, 'b'), field(2, '2')]));
    const meta = Buffer.concat([field(1, 'mine'), labels]);
    const res = await protobufReview(envelope(Buffer.concat([field(1, meta), field(2, '')])));
    expect(res.status).toBe(422);
    const message = String(res.body.message);
    expect(message).toContain('spec.resourceAttributes: Invalid value: "null"');
    expect(message).toContain('metadata: Invalid value: v1.ObjectMeta{Name:"mine",');
    expect(message).toContain('Labels:map[string]string{"b":"2"}');
  });

  it('answers 400 for a body without the envelope, or cut short', async () => {
    const plain = await protobufReview(field(2, field(1, evictAttributes)));
    expect(plain).toMatchObject({
      status: 400,
      body: {
        reason: 'BadRequest',
        message:
          'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
      },
    });
    const whole = envelope(field(2, field(1, evictAttributes)));
    const cut = await protobufReview(whole.subarray(0, whole.length - 3));
    expect(cut).toMatchObject({ status: 400, body: { message: 'unexpected EOF' } });
  });
});

describe('discovery', () => {
  it('lists authorization.k8s.io/v1 with a create-only selfsubjectaccessreviews', async () => {
    const groups = (await h.call('GET', '/apis')).json() as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toContain('authorization.k8s.io');
    expect((await h.call('GET', '/apis/authorization.k8s.io')).json()).toMatchObject({
      kind: 'APIGroup',
      name: 'authorization.k8s.io',
      preferredVersion: { groupVersion: 'authorization.k8s.io/v1', version: 'v1' },
    });
    expect((await h.call('GET', '/apis/authorization.k8s.io/v1')).json()).toEqual({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'authorization.k8s.io/v1',
      resources: [
        {
          name: 'selfsubjectaccessreviews',
          singularName: 'selfsubjectaccessreview',
          namespaced: false,
          kind: 'SelfSubjectAccessReview',
          verbs: ['create'],
        },
      ],
    });
  });
});

describe('PUT /sim/v1/access', () => {
  it('denies the listed permission, in the listed namespace only, until cleared', async () => {
    const rules = {
      deny: [{ verb: 'create', resource: 'pods', subresource: 'eviction', namespace: 'shop' }],
    };
    const put = await h.call('PUT', '/sim/v1/access', rules);
    expect(put.status).toBe(200);
    expect(put.json()).toEqual(rules);
    expect((await h.call('GET', '/sim/v1/access')).json()).toEqual(rules);
    const denied = { allowed: false, reason: DENIED_REASON };
    const allowed = { allowed: true, reason: ALLOWED_REASON };
    const statusOf = async (attrs: object) =>
      (await review({ spec: { resourceAttributes: attrs } })).body.status;
    expect(await statusOf(EVICT)).toEqual(denied);
    expect(await statusOf({ ...EVICT, namespace: 'default' })).toEqual(allowed);
    expect(await statusOf({ ...EVICT, subresource: undefined })).toEqual(allowed);
    expect(await statusOf({ ...EVICT, verb: 'get' })).toEqual(allowed);
    expect((await h.call('DELETE', '/sim/v1/access')).json()).toEqual({ deny: [] });
    expect(await statusOf(EVICT)).toEqual(allowed);
  });

  it('matches every namespace and group when they are left out', async () => {
    await h.call('PUT', '/sim/v1/access', { deny: [{ verb: 'delete', resource: 'pods' }] });
    const res = await review({
      spec: { resourceAttributes: { namespace: 'any', verb: 'delete', resource: 'pods' } },
    });
    expect(res.body.status).toEqual({ allowed: false, reason: DENIED_REASON });
  });

  const badBodies: [string, unknown, string][] = [
    ['no deny list', {}, 'deny must be an array of rules'],
    [
      'a rule without a resource',
      { deny: [{ verb: 'get' }] },
      'deny[0] needs a verb and a resource',
    ],
    [
      'a non-string field',
      { deny: [{ verb: 'get', resource: 'pods', namespace: 1 }] },
      'deny[0].namespace must be a string, got 1',
    ],
    [
      'an unknown field',
      { deny: [{ verb: 'get', resource: 'pods', name: 'x' }] },
      'unknown field "name"',
    ],
  ];
  it.each(badBodies)('answers 400 for %s', async (_, body, message) => {
    const res = await h.call('PUT', '/sim/v1/access', body);
    expect(res.status).toBe(400);
    expect((res.json() as { error: string }).error).toContain(message);
    expect(h.access.snapshot()).toEqual({ deny: [] });
  });
});
