import { describe, expect, it } from 'vitest';

import { ORIGIN, useRouteKit } from './route-testkit';

/**
 * Refusals of the eviction route send nothing to the cluster (issue 5): checked with the
 * embedded cluster's own /metrics counters of every request and of eviction POSTs.
 */

const kit = useRouteKit();
const JSON_TYPE = { 'Content-Type': 'application/json' };
const POD = { namespace: 'shop', pod: 'web-1' };
const BODY = { uid: 'u' };

const REFUSALS: [string, Parameters<typeof kit.evict>, number, string][] = [
  ['a missing Origin', [POD, BODY, JSON_TYPE], 400, 'has no Origin header'],
  [
    'a foreign Origin',
    [POD, BODY, { ...JSON_TYPE, Origin: 'https://evil.example' }],
    400,
    'comes from "https://evil.example"',
  ],
  [
    'a foreign Origin claiming same-site',
    [POD, BODY, { ...JSON_TYPE, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'same-site' }],
    400,
    'not from this dashboard',
  ],
  [
    'a text/plain body (a simple, preflight-free request)',
    [POD, JSON.stringify(BODY), { Origin: ORIGIN, 'Content-Type': 'text/plain' }],
    400,
    'must be application/json, not "text/plain"',
  ],
  [
    'a form body',
    [POD, 'uid=u', { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }],
    400,
    'must be application/json',
  ],
  [
    'a body that is not JSON',
    [POD, '{uid', { Origin: ORIGIN, ...JSON_TYPE }],
    400,
    'not valid JSON',
  ],
  [
    'unknown fields',
    [POD, { uid: 'u', deleteOptions: { gracePeriodSeconds: 0 } }],
    400,
    'Unrecognized key: "deleteOptions"',
  ],
  ['no uid', [POD, { dryRun: true }], 400, 'uid'],
  ['a body over 16 KiB', [POD, { uid: 'u', pad: 'x'.repeat(20_000) }], 400, 'larger than 16384'],
  ['a grace period of 0', [POD, { uid: 'u', gracePeriodSeconds: 0 }], 400, 'gracePeriodSeconds'],
  ['a namespace "..".', [{ namespace: '..', pod: 'p' }, BODY], 400, 'may not be ".."'],
  ['an encoded slash', [{ namespace: 'shop', pod: 'a%2Fb' }, BODY], 400, 'may not contain "/"'],
  ['an upper-case pod', [{ namespace: 'shop', pod: 'Web' }, BODY], 400, 'RFC 1123 subdomain'],
  [
    'a 64-character namespace',
    [{ namespace: 'x'.repeat(64), pod: 'p' }, BODY],
    400,
    'no more than 63 characters',
  ],
  ['an unknown cluster', [{ cluster: 'nope', ...POD }, BODY], 404, 'no cluster named "nope"'],
];

describe('the eviction route: refusals send nothing to the cluster', () => {
  it.each(REFUSALS)('refuses %s', async (_what, args, code, message) => {
    const before = await kit.counters();
    const { code: got, answer } = await kit.evict(...args);
    expect(got).toBe(code);
    expect(answer.outcome).toBe(code === 404 ? 'not-found' : 'invalid');
    expect(answer.message).toContain(message);
    expect(answer.attemptId).toBeNull();
    expect(await kit.counters()).toEqual(before);
  });

  it('records no attempt for a refusal', async () => {
    expect(kit.store.list({ cluster: 'sim', limit: 500 })).toEqual([]);
  });

  it('accepts Sec-Fetch-Site: same-origin without Origin, and then asks the cluster', async () => {
    const before = await kit.counters();
    const { code, answer } = await kit.evict(POD, BODY, {
      ...JSON_TYPE,
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(code).toBe(404);
    expect(answer.outcome).toBe('not-found');
    expect(answer.attemptId).not.toBeNull();
    const after = await kit.counters();
    expect(after.evictions).toBe(before.evictions + 1);
  });
});
