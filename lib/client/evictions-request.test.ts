import { describe, expect, it } from 'vitest';

import {
  attemptsUrl,
  evictionRequest,
  isDeleteConfirmed,
  kubectlEviction,
  podActionUrl,
  readGracePeriod,
} from './evictions-request';
import { japanese } from './test-translators';

describe('readGracePeriod', () => {
  it.each([
    ['', { ok: true, seconds: null }],
    ['  ', { ok: true, seconds: null }],
    ['30', { ok: true, seconds: 30 }],
    [' 1 ', { ok: true, seconds: 1 }],
    ['0', { ok: false, problem: 'The grace period is at least 1 second.' }],
    ['-5', { ok: false, problem: 'The grace period is a whole number of seconds.' }],
    ['1.5', { ok: false, problem: 'The grace period is a whole number of seconds.' }],
    ['ten', { ok: false, problem: 'The grace period is a whole number of seconds.' }],
  ])('%j → %j', (text, expected) => {
    expect(readGracePeriod(text)).toEqual(expected);
  });

  it('says its problems in Japanese', () => {
    const t = japanese('EvictWords');
    expect(readGracePeriod('0', t)).toEqual({ ok: false, problem: '猶予期間は 1 秒以上です。' });
    expect(readGracePeriod('ten', t)).toEqual({
      ok: false,
      problem: '猶予期間は秒単位の整数で指定します。',
    });
  });
});

describe('evictionRequest', () => {
  it.each([
    [{ gracePeriod: '', keepRetrying: false }, false, { uid: 'u1' }],
    [
      { gracePeriod: '15', keepRetrying: true },
      false,
      { uid: 'u1', gracePeriodSeconds: 15, retry: true },
    ],
    // A dry run never creates a retry entry.
    [{ gracePeriod: '', keepRetrying: true }, true, { uid: 'u1', dryRun: true }],
    [{ gracePeriod: '0', keepRetrying: false }, false, null],
  ])('%j, dry run %j → %j', (options, dryRun, expected) => {
    expect(evictionRequest('u1', options, dryRun)).toEqual(expected);
  });
});

describe('urls', () => {
  const target = { cluster: 'kind/dev', namespace: 'shop', pod: 'web-1', uid: 'u1' };

  it('percent-encodes every name of the action route', () => {
    expect(podActionUrl(target, 'eviction')).toBe(
      '/api/clusters/kind%2Fdev/namespaces/shop/pods/web-1/eviction',
    );
    expect(podActionUrl(target, 'delete')).toBe(
      '/api/clusters/kind%2Fdev/namespaces/shop/pods/web-1/delete',
    );
  });

  it('asks for one pod’s attempts', () => {
    expect(attemptsUrl('demo', 'shop', 'web-1', 5)).toBe(
      '/api/clusters/demo/attempts?namespace=shop&pod=web-1&limit=5',
    );
  });
});

describe('isDeleteConfirmed', () => {
  it.each([
    ['web-1', true],
    ['web-1 ', false],
    ['WEB-1', false],
    ['', false],
  ])('%j → %j', (typed, expected) => {
    expect(isDeleteConfirmed('web-1', typed)).toBe(expected);
  });
});

describe('kubectlEviction', () => {
  it('posts the Eviction with the UID precondition and the options', () => {
    const target = { cluster: 'demo', namespace: 'shop', pod: 'web-1', uid: 'u1' };
    expect(kubectlEviction(target, { uid: 'u1', gracePeriodSeconds: 5 })).toBe(
      `kubectl create --raw /api/v1/namespaces/shop/pods/web-1/eviction -f - <<'EOF'
{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web-1","namespace":"shop"},"deleteOptions":{"preconditions":{"uid":"u1"},"gracePeriodSeconds":5}}
EOF`,
    );
    expect(kubectlEviction(target, { uid: 'u1', dryRun: true })).toContain('"dryRun":["All"]');
  });
});
