import { describe, expect, it } from 'vitest';
import type { Json } from '../store/types';
import { ApiError, type Status } from './errors';
import { applyMergePatch, applyPatch, PATCH_TYPES } from './patch';
import { listMergeKey } from './strategic-merge';

const JSON_PATCH = 'application/json-patch+json';
const MERGE = 'application/merge-patch+json';
const SMP = 'application/strategic-merge-patch+json';

/** The Status an ApiError thrown by `fn` would answer. */
function statusOf(fn: () => unknown): Status {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.toStatus();
    throw e;
  }
  throw new Error('expected an ApiError');
}

const REJECTED = {
  code: 422,
  reason: 'Invalid',
  message: 'the server rejected our request due to an error in our request',
  details: {},
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('applyPatch media types', () => {
  it('serves the three patch types kube-apiserver lists first, in its order', () => {
    expect(PATCH_TYPES).toEqual([JSON_PATCH, MERGE, SMP]);
  });

  it.each([[`${MERGE}; charset=utf-8`], [`${SMP};charset=UTF-8`], [`${JSON_PATCH} ; foo=bar`]])(
    'ignores media type parameters: %s',
    (contentType) => {
      const patch = contentType.startsWith(JSON_PATCH)
        ? [{ op: 'replace', path: '/a', value: 2 }]
        : { a: 2 };
      expect(applyPatch({ a: 1 }, patch, contentType, 'ConfigMap')).toEqual({ a: 2 });
    },
  );

  it.each([
    ['application/apply-patch+yaml'],
    ['application/apply-patch+cbor'],
    ['application/json'],
    ['text/plain'],
    [''],
  ])('answers 415 for %j with the accepted types listed', (contentType) => {
    expect(statusOf(() => applyPatch({}, {}, contentType, 'Pod'))).toMatchObject({
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: ' +
        'application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
    });
  });

  it.each([
    [JSON_PATCH, [{ op: 'add', path: '/spec/containers/0/env/-', value: { name: 'B' } }]],
    [MERGE, { spec: { containers: [{ name: 'x' }], nodeName: null } }],
    [
      SMP,
      {
        spec: {
          containers: [{ name: 'app', env: [{ name: 'B', value: 'b' }] }],
          nodeName: null,
        },
      },
    ],
  ])('never mutates the target and shares nothing with it (%s)', (contentType, patch) => {
    const target = deepFreeze({
      kind: 'Pod',
      spec: { nodeName: 'n1', containers: [{ name: 'app', env: [{ name: 'A', value: 'a' }] }] },
      metadata: { labels: { app: 'web' } },
    });
    const snapshot = JSON.stringify(target);
    const out = applyPatch(target, patch, contentType, 'Pod') as {
      metadata: { labels: Record<string, string> };
    };
    expect(JSON.stringify(target)).toBe(snapshot);
    out.metadata.labels.app = 'changed';
    expect(target.metadata.labels.app).toBe('web');
  });
});

describe('JSON patch (RFC 6902 appendix A)', () => {
  const cases: { name: string; doc: Json; patch: Json; want: Json }[] = [
    {
      name: 'A.1 adding an object member',
      doc: { foo: 'bar' },
      patch: [{ op: 'add', path: '/baz', value: 'qux' }],
      want: { baz: 'qux', foo: 'bar' },
    },
    {
      name: 'A.2 adding an array element',
      doc: { foo: ['bar', 'baz'] },
      patch: [{ op: 'add', path: '/foo/1', value: 'qux' }],
      want: { foo: ['bar', 'qux', 'baz'] },
    },
    {
      name: 'A.3 removing an object member',
      doc: { baz: 'qux', foo: 'bar' },
      patch: [{ op: 'remove', path: '/baz' }],
      want: { foo: 'bar' },
    },
    {
      name: 'A.4 removing an array element',
      doc: { foo: ['bar', 'qux', 'baz'] },
      patch: [{ op: 'remove', path: '/foo/1' }],
      want: { foo: ['bar', 'baz'] },
    },
    {
      name: 'A.5 replacing a value',
      doc: { baz: 'qux', foo: 'bar' },
      patch: [{ op: 'replace', path: '/baz', value: 'boo' }],
      want: { baz: 'boo', foo: 'bar' },
    },
    {
      name: 'A.6 moving a value',
      doc: { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      patch: [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      want: { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    },
    {
      name: 'A.7 moving an array element',
      doc: { foo: ['all', 'grass', 'cows', 'eat'] },
      patch: [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
      want: { foo: ['all', 'cows', 'eat', 'grass'] },
    },
    {
      name: 'A.8 testing a value: success',
      doc: { baz: 'qux', foo: ['a', 2, 'c'] },
      patch: [
        { op: 'test', path: '/baz', value: 'qux' },
        { op: 'test', path: '/foo/1', value: 2 },
      ],
      want: { baz: 'qux', foo: ['a', 2, 'c'] },
    },
    {
      name: 'A.10 adding a nested member object',
      doc: { foo: 'bar' },
      patch: [{ op: 'add', path: '/child', value: { grandchild: {} } }],
      want: { foo: 'bar', child: { grandchild: {} } },
    },
    {
      name: 'A.11 ignoring unrecognized elements',
      doc: { foo: 'bar' },
      patch: [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
      want: { foo: 'bar', baz: 'qux' },
    },
    {
      name: 'A.14 ~ escape ordering',
      doc: { '/': 9, '~1': 10 },
      patch: [{ op: 'test', path: '/~01', value: 10 }],
      want: { '/': 9, '~1': 10 },
    },
    {
      name: 'A.16 adding an array value',
      doc: { foo: ['bar'] },
      patch: [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
      want: { foo: ['bar', ['abc', 'def']] },
    },
    {
      name: 'copy, and ~1 in a label key',
      doc: { metadata: { labels: { 'app.kubernetes.io/name': 'web' } } },
      patch: [
        { op: 'copy', from: '/metadata/labels', path: '/metadata/annotations' },
        { op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' },
      ],
      want: { metadata: { labels: {}, annotations: { 'app.kubernetes.io/name': 'web' } } },
    },
    {
      name: 'kubectl patch --type=json: replace an image, append a toleration',
      doc: { spec: { containers: [{ name: 'app', image: 'nginx:1' }] } },
      patch: [
        { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:2' },
        { op: 'add', path: '/spec/tolerations', value: [] },
        { op: 'add', path: '/spec/tolerations/-', value: { key: 'k', operator: 'Exists' } },
      ],
      want: {
        spec: {
          containers: [{ name: 'app', image: 'nginx:2' }],
          tolerations: [{ key: 'k', operator: 'Exists' }],
        },
      },
    },
    {
      name: 'test of a missing member for null succeeds (json-patch v4)',
      doc: { spec: {} },
      patch: [{ op: 'test', path: '/spec/nodeName', value: null }],
      want: { spec: {} },
    },
    {
      name: 'replace of the whole document',
      doc: { a: 1 },
      patch: [{ op: 'replace', path: '', value: { b: 2 } }],
      want: { b: 2 },
    },
    {
      name: 'replace of a missing member adds it (json-patch v4)',
      doc: { data: { x: '1' } },
      patch: [{ op: 'replace', path: '/data/y', value: '2' }],
      want: { data: { x: '1', y: '2' } },
    },
    {
      name: 'indices as strconv.Atoi reads them: leading zeros, negative from the end (v4)',
      doc: { a: [1, 2, 3, 4] },
      patch: [
        { op: 'remove', path: '/a/01' },
        { op: 'remove', path: '/a/-1' },
        { op: 'add', path: '/a/-1', value: 9 },
      ],
      want: { a: [1, 3, 9] },
    },
    { name: 'null is an empty patch', doc: { a: 1 }, patch: null, want: { a: 1 } },
  ];

  it.each(cases)('$name', ({ doc, patch, want }) => {
    expect(applyPatch(doc, patch, JSON_PATCH, 'ConfigMap')).toEqual(want);
  });

  const failures: { name: string; doc: Json; patch: Json }[] = [
    {
      name: 'A.9 testing a value: error',
      doc: { baz: 'qux' },
      patch: [{ op: 'test', path: '/baz', value: 'bar' }],
    },
    {
      name: 'A.12 adding to a nonexistent target',
      doc: { foo: 'bar' },
      patch: [{ op: 'add', path: '/baz/bat', value: 'qux' }],
    },
    {
      name: 'A.15 comparing strings and numbers',
      doc: { '/': 9, '~1': 10 },
      patch: [{ op: 'test', path: '/~01', value: '10' }],
    },
    { name: 'remove of a missing member', doc: { a: 1 }, patch: [{ op: 'remove', path: '/b' }] },
    {
      name: 'array index out of range',
      doc: { a: [1] },
      patch: [{ op: 'add', path: '/a/2', value: 1 }],
    },
    {
      name: 'negative index beyond the start',
      doc: { a: [1, 2] },
      patch: [{ op: 'remove', path: '/a/-3' }],
    },
    { name: '"-" outside add', doc: { a: [1] }, patch: [{ op: 'remove', path: '/a/-' }] },
    { name: 'unknown op', doc: {}, patch: [{ op: 'frobnicate', path: '/a' }] },
    { name: 'missing path', doc: {}, patch: [{ op: 'add', value: 1 }] },
    { name: 'pointer without a slash', doc: {}, patch: [{ op: 'add', path: 'a', value: 1 }] },
    { name: 'add without value', doc: {}, patch: [{ op: 'add', path: '/a' }] },
    {
      name: 'move into its own child',
      doc: { a: { b: {} } },
      patch: [{ op: 'move', from: '/a', path: '/a/b/c' }],
    },
    { name: 'a null operation', doc: {}, patch: [null] },
    {
      name: 'a later failure discards earlier operations',
      doc: { a: 1 },
      patch: [
        { op: 'replace', path: '/a', value: 2 },
        { op: 'test', path: '/a', value: 1 },
      ],
    },
  ];

  it.each(failures)('422 Invalid: $name', ({ doc, patch }) => {
    expect(statusOf(() => applyPatch(doc, patch, JSON_PATCH, 'Pod'))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      ...REJECTED,
    });
  });

  it.each([
    [{ op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['x', 'json: cannot unmarshal string into Go value of type jsonpatch.Patch'],
    [[1], 'json: cannot unmarshal number into Go value of type jsonpatch.Operation'],
    [[true], 'json: cannot unmarshal bool into Go value of type jsonpatch.Operation'],
  ])('400 BadRequest for a body that is not a list of operations: %j', (patch, message) => {
    expect(statusOf(() => applyPatch({}, patch, JSON_PATCH, 'Pod'))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message,
    });
  });

  it('413 beyond 10000 operations', () => {
    const patch = Array.from({ length: 10001 }, () => ({ op: 'test', path: '', value: {} }));
    expect(statusOf(() => applyPatch({}, patch, JSON_PATCH, 'Pod'))).toMatchObject({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message:
        'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
  });
});

describe('JSON merge patch (RFC 7386 appendix A)', () => {
  it.each<[Json, Json, Json]>([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, want) => {
    expect(applyMergePatch(target, patch)).toEqual(want);
  });

  it.each<[string, Json, Json, Json]>([
    [
      'kubectl label',
      { metadata: { name: 'n1', labels: { a: '1' } } },
      { metadata: { labels: { env: 'prod' } } },
      { metadata: { name: 'n1', labels: { a: '1', env: 'prod' } } },
    ],
    [
      'kubectl label env-',
      { metadata: { name: 'n1', labels: { a: '1', env: 'prod' } } },
      { metadata: { labels: { env: null } } },
      { metadata: { name: 'n1', labels: { a: '1' } } },
    ],
    [
      'kubectl annotate on an object without annotations',
      { metadata: { name: 'n1' } },
      { metadata: { annotations: { 'drainboard.io/note': 'x' } } },
      { metadata: { name: 'n1', annotations: { 'drainboard.io/note': 'x' } } },
    ],
    [
      'kubectl scale through the scale subresource',
      {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: 'web', namespace: 'default' },
        spec: { replicas: 1 },
        status: { replicas: 1, selector: 'app=web' },
      },
      { spec: { replicas: 3 } },
      {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: 'web', namespace: 'default' },
        spec: { replicas: 3 },
        status: { replicas: 1, selector: 'app=web' },
      },
    ],
    [
      'lists are replaced whole, even merge lists',
      { metadata: { finalizers: ['a', 'b'] }, spec: { containers: [{ name: 'a', image: 'x' }] } },
      { metadata: { finalizers: null }, spec: { containers: [{ name: 'b' }] } },
      { metadata: {}, spec: { containers: [{ name: 'b' }] } },
    ],
  ])('%s', (_name, target, patch, want) => {
    expect(applyPatch(target, patch, MERGE, 'Deployment')).toEqual(want);
  });

  it.each<[Json]>([[null], [['a']], ['x'], [3]])(
    '400 Invalid JSON Patch for a body that is not an object: %j',
    (patch) => {
      expect(statusOf(() => applyPatch({}, patch, MERGE, 'Pod'))).toMatchObject({
        code: 400,
        reason: 'BadRequest',
        message: 'Invalid JSON Patch',
      });
    },
  );

  it('keeps a "__proto__" member as data', () => {
    const out = applyPatch({}, JSON.parse('{"__proto__":{"x":1}}'), MERGE, 'ConfigMap');
    expect(Object.keys(out as object)).toEqual(['__proto__']);
    expect(({} as { x?: number }).x).toBeUndefined();
  });
});

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

describe('strategic merge patch', () => {
  const cases: { name: string; kind: string; doc: Json; patch: Json; want: Json }[] = [
    {
      name: 'kubectl cordon',
      kind: 'Node',
      doc: { metadata: { name: 'n1' }, spec: { podCIDR: '10.0.0.0/24' } },
      patch: { spec: { unschedulable: true } },
      want: { metadata: { name: 'n1' }, spec: { podCIDR: '10.0.0.0/24', unschedulable: true } },
    },
    {
      name: 'kubectl uncordon',
      kind: 'Node',
      doc: { spec: { podCIDR: '10.0.0.0/24', unschedulable: true } },
      patch: { spec: { unschedulable: null } },
      want: { spec: { podCIDR: '10.0.0.0/24' } },
    },
    {
      name: 'kubectl set image merges containers by name',
      kind: 'Deployment',
      doc: {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'app', image: 'web:1', ports: [{ containerPort: 80 }] },
                { name: 'sidecar', image: 'envoy:1' },
              ],
            },
          },
        },
      },
      patch: { spec: { template: { spec: { containers: [{ name: 'app', image: 'web:2' }] } } } },
      want: {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'app', image: 'web:2', ports: [{ containerPort: 80 }] },
                { name: 'sidecar', image: 'envoy:1' },
              ],
            },
          },
        },
      },
    },
    {
      name: 'kubectl rollout restart',
      kind: 'Deployment',
      doc: { spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } } } } },
      patch: {
        spec: {
          template: {
            metadata: {
              annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' },
            },
          },
        },
      },
      want: {
        spec: {
          replicas: 2,
          template: {
            metadata: {
              labels: { app: 'web' },
              annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' },
            },
          },
        },
      },
    },
    {
      name: 'kubectl apply: image change, container added and removed, order set',
      kind: 'Deployment',
      doc: {
        metadata: { name: 'web', annotations: { [lastApplied]: '{"old":true}\n' } },
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'app', image: 'web:1', env: [{ name: 'A', value: '1' }] },
                { name: 'old', image: 'old:1' },
              ],
            },
          },
        },
      },
      patch: {
        metadata: { annotations: { [lastApplied]: '{"new":true}\n' } },
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }],
              containers: [
                { name: 'sidecar', image: 'envoy:1' },
                { image: 'web:2', name: 'app' },
                { $patch: 'delete', name: 'old' },
              ],
            },
          },
        },
      },
      want: {
        metadata: { name: 'web', annotations: { [lastApplied]: '{"new":true}\n' } },
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'sidecar', image: 'envoy:1' },
                { name: 'app', image: 'web:2', env: [{ name: 'A', value: '1' }] },
              ],
            },
          },
        },
      },
    },
    {
      name: 'kubectl apply: env var removed and changed inside a container',
      kind: 'Pod',
      doc: {
        spec: {
          containers: [
            {
              name: 'app',
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
                { name: 'C', value: '3' },
              ],
            },
          ],
        },
      },
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 'app' }],
          containers: [
            {
              '$setElementOrder/env': [{ name: 'C' }, { name: 'A' }],
              env: [
                { name: 'C', value: '33' },
                { $patch: 'delete', name: 'B' },
              ],
              name: 'app',
            },
          ],
        },
      },
      want: {
        spec: {
          containers: [
            {
              name: 'app',
              env: [
                { name: 'C', value: '33' },
                { name: 'A', value: '1' },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'a new item lands after the live items that precede its neighbours',
      kind: 'Pod',
      doc: { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } },
      patch: { spec: { containers: [{ name: 'b', image: 'x' }, { name: 'd' }] } },
      want: {
        spec: {
          containers: [{ name: 'a' }, { name: 'b', image: 'x' }, { name: 'd' }, { name: 'c' }],
        },
      },
    },
    {
      name: '$setElementOrder alone reorders',
      kind: 'Pod',
      doc: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      patch: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
      want: { spec: { containers: [{ name: 'b' }, { name: 'a' }] } },
    },
    {
      name: 'ports by containerPort, volumeMounts by mountPath',
      kind: 'Pod',
      doc: {
        spec: {
          containers: [
            {
              name: 'app',
              ports: [{ containerPort: 80, name: 'http' }],
              volumeMounts: [{ mountPath: '/data', name: 'data' }],
            },
          ],
        },
      },
      patch: {
        spec: {
          containers: [
            {
              name: 'app',
              ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }],
              volumeMounts: [{ mountPath: '/data', readOnly: true }],
            },
          ],
        },
      },
      want: {
        spec: {
          containers: [
            {
              name: 'app',
              ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 443 }],
              volumeMounts: [{ mountPath: '/data', name: 'data', readOnly: true }],
            },
          ],
        },
      },
    },
    {
      name: 'initContainers and imagePullSecrets by name',
      kind: 'StatefulSet',
      doc: {
        spec: {
          template: {
            spec: {
              initContainers: [{ name: 'init', image: 'i:1' }],
              imagePullSecrets: [{ name: 'a' }],
            },
          },
        },
      },
      patch: {
        spec: {
          template: {
            spec: {
              initContainers: [{ name: 'init', image: 'i:2' }],
              imagePullSecrets: [{ name: 'b' }],
            },
          },
        },
      },
      want: {
        spec: {
          template: {
            spec: {
              initContainers: [{ name: 'init', image: 'i:2' }],
              imagePullSecrets: [{ name: 'b' }, { name: 'a' }],
            },
          },
        },
      },
    },
    {
      name: 'no $setElementOrder: the patch order wins, server-only items keep their place',
      kind: 'Pod',
      doc: { spec: { containers: [{ name: 'B' }, { name: 'C' }, { name: 'A' }] } },
      patch: {
        spec: { containers: [{ name: 'A', image: 'a' }, { name: 'B', image: 'b' }, { name: 'D' }] },
      },
      want: {
        spec: {
          containers: [
            { name: 'C' },
            { name: 'A', image: 'a' },
            { name: 'B', image: 'b' },
            { name: 'D' },
          ],
        },
      },
    },
    {
      name: 'volumes merge by name, $retainKeys drops the old source',
      kind: 'DaemonSet',
      doc: {
        spec: {
          template: {
            spec: {
              volumes: [
                { name: 'cfg', emptyDir: {} },
                { name: 'logs', hostPath: { path: '/var/log' } },
              ],
            },
          },
        },
      },
      patch: {
        spec: {
          template: {
            spec: {
              volumes: [
                { $retainKeys: ['configMap', 'name'], configMap: { name: 'c' }, name: 'cfg' },
              ],
            },
          },
        },
      },
      want: {
        spec: {
          template: {
            spec: {
              volumes: [
                { name: 'cfg', configMap: { name: 'c' } },
                { name: 'logs', hostPath: { path: '/var/log' } },
              ],
            },
          },
        },
      },
    },
    {
      name: 'kubectl apply: Deployment strategy to Recreate via $retainKeys',
      kind: 'Deployment',
      doc: {
        spec: {
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
        },
      },
      patch: {
        spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } },
      },
      want: { spec: { strategy: { type: 'Recreate' } } },
    },
    {
      name: 'tolerations have no merge key: replaced whole',
      kind: 'Pod',
      doc: { spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } },
      patch: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } },
      want: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } },
    },
    {
      name: 'pod status conditions by type; containerStatuses is atomic',
      kind: 'Pod',
      doc: {
        status: {
          phase: 'Pending',
          conditions: [
            { type: 'PodScheduled', status: 'True' },
            { type: 'Ready', status: 'False' },
          ],
          containerStatuses: [
            { name: 'a', ready: false },
            { name: 'b', ready: false },
          ],
        },
      },
      patch: {
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [{ name: 'a', ready: true }],
        },
      },
      want: {
        status: {
          phase: 'Running',
          conditions: [
            { type: 'PodScheduled', status: 'True' },
            { type: 'Ready', status: 'True' },
          ],
          containerStatuses: [{ name: 'a', ready: true }],
        },
      },
    },
    {
      name: 'node status conditions and addresses by type',
      kind: 'Node',
      doc: {
        status: {
          conditions: [
            { type: 'Ready', status: 'True' },
            { type: 'MemoryPressure', status: 'False' },
          ],
          addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
        },
      },
      patch: {
        status: {
          conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }],
          addresses: [{ type: 'Hostname', address: 'n1' }],
        },
      },
      want: {
        status: {
          conditions: [
            { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' },
            { type: 'MemoryPressure', status: 'False' },
          ],
          // kube's mergeSortedSlice: a new item with no live neighbour goes first.
          addresses: [
            { type: 'Hostname', address: 'n1' },
            { type: 'InternalIP', address: '10.0.0.1' },
          ],
        },
      },
    },
    {
      name: 'ownerReferences by uid',
      kind: 'ReplicaSet',
      doc: { metadata: { ownerReferences: [{ uid: 'u1', name: 'd', controller: true }] } },
      patch: { metadata: { ownerReferences: [{ uid: 'u1', blockOwnerDeletion: true }] } },
      want: {
        metadata: {
          ownerReferences: [{ uid: 'u1', name: 'd', controller: true, blockOwnerDeletion: true }],
        },
      },
    },
    {
      name: 'finalizers merge as a set',
      kind: 'Pod',
      doc: { metadata: { finalizers: ['a', 'b'] } },
      patch: { metadata: { finalizers: ['b', 'c'] } },
      want: { metadata: { finalizers: ['a', 'b', 'c'] } },
    },
    {
      name: 'kubectl apply: $deleteFromPrimitiveList/finalizers',
      kind: 'Pod',
      doc: { metadata: { finalizers: ['a', 'b', 'c'] } },
      patch: {
        metadata: {
          '$setElementOrder/finalizers': ['c', 'a'],
          '$deleteFromPrimitiveList/finalizers': ['b'],
        },
      },
      want: { metadata: { finalizers: ['c', 'a'] } },
    },
    {
      name: 'service ports by port',
      kind: 'Service',
      doc: { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } },
      patch: { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
      want: { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } },
    },
    {
      name: 'spec.ports is only keyed for Services',
      kind: 'EndpointSlice',
      doc: { spec: { ports: [{ port: 80 }, { port: 443 }] } },
      patch: { spec: { ports: [{ port: 80, name: 'http' }] } },
      want: { spec: { ports: [{ port: 80, name: 'http' }] } },
    },
    {
      name: '$patch: replace in a list',
      kind: 'Pod',
      doc: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      patch: { spec: { containers: [{ $patch: 'replace' }, { name: 'c', image: 'x' }] } },
      want: { spec: { containers: [{ name: 'c', image: 'x' }] } },
    },
    {
      name: '$patch: replace and $patch: delete on maps',
      kind: 'Pod',
      doc: { spec: { nodeSelector: { a: '1', b: '2' }, affinity: { nodeAffinity: {} } } },
      patch: {
        spec: { nodeSelector: { $patch: 'replace', c: '3' }, affinity: { $patch: 'delete' } },
      },
      want: { spec: { nodeSelector: { c: '3' }, affinity: {} } },
    },
    {
      name: 'a merge list the original lacks is taken without its directives',
      kind: 'Pod',
      doc: { metadata: { name: 'p' } },
      patch: {
        metadata: { ownerReferences: [{ uid: 'u1' }, { $patch: 'delete', uid: 'u2' }] },
      },
      want: { metadata: { name: 'p', ownerReferences: [{ uid: 'u1' }] } },
    },
    {
      name: 'merge patch rules for everything else',
      kind: 'ConfigMap',
      doc: { data: { a: '1', b: '2' }, binaryData: { x: 'eA==' } },
      patch: { data: { a: null, c: '3' }, binaryData: null, immutable: true },
      want: { data: { b: '2', c: '3' }, immutable: true },
    },
    { name: 'a null body is a no-op', kind: 'Pod', doc: { a: 1 }, patch: null, want: { a: 1 } },
  ];

  it.each(cases)('$name', ({ kind, doc, patch, want }) => {
    expect(applyPatch(doc, patch, SMP, kind)).toEqual(want);
  });

  /**
   * Raw fixtures of k8s.io/apimachinery strategicpatch/patch_test.go (patch applied to
   * `Current`, order significant), with its `mergingList` (merge key `name`) mapped onto
   * `spec.containers`, `mergeItemPtr` onto `spec.initContainers` and `mergingIntList` onto
   * `metadata.finalizers`.
   */
  const kubeFixtures: { name: string; doc: Json; patch: Json; want: Json }[] = [
    {
      name: 'add an item in a list and preserve order',
      doc: {
        spec: {
          containers: [
            { name: 1, other: 'a' },
            { name: 2, value: 2, other: 'b' },
          ],
        },
      },
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 3 }, { name: 1 }, { name: 2 }],
          containers: [{ name: 3, value: 3 }],
        },
      },
      want: {
        spec: {
          containers: [
            { name: 3, value: 3 },
            { name: 1, other: 'a' },
            { name: 2, value: 2, other: 'b' },
          ],
        },
      },
    },
    {
      name: 'RawExtension field and merge list',
      doc: { spec: { containers: [{ name: 1 }, { name: 3 }] } },
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 1 }, { name: 2 }],
          containers: [{ name: 2 }],
        },
      },
      want: { spec: { containers: [{ name: 1 }, { name: 2 }, { name: 3 }] } },
    },
    {
      name: 'nested patch merge with empty list',
      doc: { spec: { containers: [{ name: 'hello2' }] } },
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 'hello' }, { name: 'doesntexist' }],
          containers: [{ name: 'hello' }],
        },
      },
      want: { spec: { containers: [{ name: 'hello' }, { name: 'hello2' }] } },
    },
    {
      name: '$setElementOrder contains item that is not present in the list to be merged',
      doc: { spec: { containers: [{ name: 1 }, { name: 3 }] } },
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 3 }, { name: 2 }, { name: 1 }],
          containers: [
            { name: 3, value: 3 },
            { name: 1, value: 1 },
          ],
        },
      },
      want: {
        spec: {
          containers: [
            { name: 3, value: 3 },
            { name: 1, value: 1 },
          ],
        },
      },
    },
    {
      name: 'behavior of set element order for a merging list with duplicate',
      doc: {
        spec: {
          containers: [
            { name: 1 },
            { name: 2, value: 'dup1' },
            { name: 3 },
            { name: 2, value: 'dup2' },
            { name: 4 },
          ],
        },
      },
      patch: {
        spec: {
          '$setElementOrder/containers': [
            { name: 2 },
            { name: 1 },
            { name: 4 },
            { name: 3 },
            { name: 2 },
          ],
        },
      },
      want: {
        spec: {
          containers: [
            { name: 2, value: 'dup1' },
            { name: 2, value: 'dup2' },
            { name: 1 },
            { name: 4 },
            { name: 3 },
          ],
        },
      },
    },
    {
      name: 'reorder and delete in a merging int list',
      doc: { metadata: { finalizers: [1, 2, 3] } },
      patch: {
        metadata: {
          '$setElementOrder/finalizers': [2, 1],
          '$deleteFromPrimitiveList/finalizers': [3],
        },
      },
      want: { metadata: { finalizers: [2, 1] } },
    },
    {
      name: 'delete and reorder in one list, reorder in another',
      doc: {
        spec: {
          containers: [
            { name: 'a', value: 'a' },
            { name: 'b', value: 'b' },
          ],
          initContainers: [
            { name: 'c', value: 'c' },
            { name: 'd', value: 'd' },
          ],
        },
      },
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 'b' }],
          '$setElementOrder/initContainers': [{ name: 'd' }, { name: 'c' }],
          containers: [{ $patch: 'delete', name: 'a' }],
        },
      },
      want: {
        spec: {
          containers: [{ name: 'b', value: 'b' }],
          initContainers: [
            { name: 'd', value: 'd' },
            { name: 'c', value: 'c' },
          ],
        },
      },
    },
  ];

  it.each(kubeFixtures)('kube fixture: $name', ({ doc, patch, want }) => {
    expect(applyPatch(doc, patch, SMP, 'Pod')).toEqual(want);
  });

  const failures: { name: string; patch: Json; status: Partial<Status> }[] = [
    {
      name: 'a merge list item without its merge key',
      patch: { spec: { containers: [{ image: 'x' }] } },
      status: { code: 500, message: 'map: map[image:x] does not contain declared merge key: name' },
    },
    {
      name: 'an unknown $patch directive',
      patch: { spec: { nodeSelector: { $patch: 'frob' } } },
      status: { code: 500, message: 'unknown patch type: frob in map: map[$patch:frob]' },
    },
    {
      name: '$patch: merge in a list',
      patch: { spec: { containers: [{ $patch: 'merge', name: 'a' }] } },
      status: { code: 500, message: 'merging lists cannot yet be specified in the patch' },
    },
    {
      name: 'a field outside $retainKeys',
      patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } },
      status: { code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys' },
    },
    {
      name: '$retainKeys that is not a list',
      patch: { spec: { strategy: { $retainKeys: 'type' } } },
      status: { code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys' },
    },
    {
      name: 'a deletion list that is not a list',
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } },
      status: { code: 400, message: 'invalid patch format of primitive list' },
    },
    {
      name: 'a malformed parallel list key',
      patch: { metadata: { $setElementOrderfinalizers: ['a'] } },
      status: { code: 400, message: 'invalid patch format of setElementOrder list' },
    },
    {
      name: 'a patch list out of $setElementOrder',
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
          containers: [{ name: 'b' }, { name: 'a' }],
        },
      },
      status: { code: 500 },
    },
    {
      name: 'a list of lists in a merge list',
      patch: { spec: { containers: [[1]] } },
      status: REJECTED,
    },
    {
      name: 'mixed element types',
      patch: { spec: { containers: ['a'] } },
      status: { code: 500 },
    },
    {
      name: 'a body that is not an object',
      patch: ['x'],
      status: {
        code: 400,
        reason: 'BadRequest',
        message: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
      },
    },
  ];

  it.each(failures)('$name', ({ patch, status }) => {
    const doc = {
      metadata: { finalizers: ['a'] },
      spec: { containers: [{ name: 'a' }, { name: 'b' }], strategy: { type: 'RollingUpdate' } },
    };
    expect(statusOf(() => applyPatch(doc, patch, SMP, 'Deployment'))).toMatchObject(status);
  });

  it.each<[string, string[], string | undefined]>([
    ['Pod', ['spec', 'containers'], 'name'],
    ['Deployment', ['spec', 'template', 'spec', 'containers'], 'name'],
    ['Deployment', ['spec', 'template', 'spec', 'containers', 'env'], 'name'],
    ['Pod', ['spec', 'initContainers', 'ports'], 'containerPort'],
    ['Pod', ['metadata', 'finalizers'], ''],
    ['Pod', ['spec', 'tolerations'], undefined],
    ['Pod', ['status', 'containerStatuses'], undefined],
    ['Service', ['spec', 'ports'], 'port'],
    ['Deployment', ['spec', 'template', 'spec', 'containers', 'ports'], 'containerPort'],
    ['Pod', ['spec', 'containers', 'x'], undefined],
  ])('%s %j merges on %j', (kind, path, key) => {
    expect(listMergeKey(kind, path)).toBe(key);
  });
});
