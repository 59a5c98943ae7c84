import { describe, expect, it } from 'vitest';

import { ObjectCache, stripManagedFields, type CachedObject } from './reflector-cache';
import { parseWatchLine } from './reflector-stream';

const pod = (name: string, uid: string, rv: string, extra = {}): CachedObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'ns', uid, resourceVersion: rv, ...extra },
});

describe('ObjectCache', () => {
  it('treats an object of the same name and another UID as a replacement', () => {
    const c = new ObjectCache<CachedObject>();
    c.upsert(pod('a', 'u1', '1'));
    const r = c.upsert(pod('a', 'u2', '2'));
    expect(r.replaced?.metadata.uid).toBe('u1');
    expect(c.list().map((o) => o.metadata.uid)).toEqual(['u2']);
  });

  it('reports an unchanged resourceVersion, compared as an opaque string', () => {
    const c = new ObjectCache<CachedObject>();
    expect(c.upsert(pod('a', 'u1', '10')).unchanged).toBe(false);
    expect(c.upsert(pod('a', 'u1', '10')).unchanged).toBe(true);
    expect(c.upsert(pod('a', 'u1', '010')).unchanged).toBe(false);
  });

  it('removes by UID only, keeping a newer object of the same name', () => {
    const c = new ObjectCache<CachedObject>();
    c.upsert(pod('a', 'u2', '2'));
    expect(c.remove(pod('a', 'u1', '1'))).toBeUndefined();
    expect(c.remove(pod('a', 'u2', '3'))?.metadata.resourceVersion).toBe('2');
    expect(c.size).toBe(0);
  });

  it('keeps objects of the same name in different namespaces apart', () => {
    const c = new ObjectCache<CachedObject>();
    c.upsert(pod('a', 'u1', '1'));
    const other = {
      ...pod('a', 'u2', '1'),
      metadata: { ...pod('a', 'u2', '1').metadata, namespace: 'x' },
    };
    expect(c.upsert(other).replaced).toBeUndefined();
    expect(c.size).toBe(2);
  });
});

describe('stripManagedFields', () => {
  it('drops metadata.managedFields and keeps the rest', () => {
    const p = pod('a', 'u1', '1', { managedFields: [{ manager: 'kubectl' }], labels: { a: 'b' } });
    expect(stripManagedFields(p).metadata).toEqual({
      name: 'a',
      namespace: 'ns',
      uid: 'u1',
      resourceVersion: '1',
      labels: { a: 'b' },
    });
  });
});

describe('parseWatchLine', () => {
  it.each<[string, { ok: boolean; kind?: string }]>([
    ['{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"7"}}}', { ok: true }],
    [JSON.stringify({ type: 'ADDED', object: pod('a', 'u', '1') }), { ok: true }],
    ['{"type":"ADDED","object":{"metadata":{"name":"a"}}}', { ok: false, kind: 'parse' }],
    ['{not json', { ok: false, kind: 'parse' }],
    ['{"type":"SURPRISE","object":{}}', { ok: false, kind: 'parse' }],
  ])('%s', (line, expected) => {
    const r = parseWatchLine(line);
    expect(r.ok).toBe(expected.ok);
    if (!r.ok) expect(r.error.kind).toBe(expected.kind);
  });

  it('turns an ERROR event into its Status: 410 Expired', () => {
    const line = JSON.stringify({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' },
    });
    expect(parseWatchLine(line)).toEqual({
      ok: false,
      error: { kind: 'status', code: 410, reason: 'Expired', message: 'too old resource version' },
    });
  });

  const TOO_LARGE = 'Too large resource version';
  const status = (fields: object) => ({ type: 'ERROR', object: { kind: 'Status', ...fields } });

  // client-go's isTooLargeResourceVersionError, over the Status shapes servers have sent.
  it.each<[string, object, boolean]>([
    [
      'the ResourceVersionTooLarge cause (1.18.6+)',
      {
        code: 504,
        reason: 'Timeout',
        details: { causes: [{ reason: 'ResourceVersionTooLarge' }] },
      },
      true,
    ],
    [
      'the cause message alone (1.17.0–1.18.5)',
      { code: 504, reason: 'Timeout', details: { causes: [{ message: TOO_LARGE }] } },
      true,
    ],
    [
      'the message alone (before 1.17)',
      {
        code: 504,
        reason: 'Timeout',
        message: `Timeout: ${TOO_LARGE}: 9, current: 3`,
        details: {},
      },
      true,
    ],
    ['a message without details', { code: 504, reason: 'Timeout', message: TOO_LARGE }, false],
    [
      'a message in another reason',
      { code: 500, reason: 'InternalError', message: TOO_LARGE, details: {} },
      false,
    ],
    ['410 Expired', { code: 410, reason: 'Expired', message: 'too old resource version' }, false],
  ])('an ERROR event with %s: tooLargeResourceVersion %s', (_, fields, tooLarge) => {
    const r = parseWatchLine(JSON.stringify(status(fields)));
    expect(r).toMatchObject({ ok: false, error: { kind: 'status' } });
    const flagged = !r.ok && r.error.kind === 'status' && r.error.tooLargeResourceVersion === true;
    expect(flagged).toBe(tooLarge);
  });

  it('strips managedFields from watched objects', () => {
    const line = JSON.stringify({
      type: 'MODIFIED',
      object: pod('a', 'u', '1', { managedFields: [] }),
    });
    const r = parseWatchLine(line);
    expect(r.ok && r.value.type === 'MODIFIED' && r.value.object.metadata.managedFields).toBe(
      undefined,
    );
  });
});
