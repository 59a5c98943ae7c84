import { describe, expect, it } from 'vitest';

import { allowedHostsOf, crossSiteProblem } from './origin';

/** `next start` hands route handlers a URL on its bind address, whatever the browser used. */
const URL_OF_NEXT = 'http://localhost:3000/api/clusters/demo/namespaces/shop/pods/p/eviction';

const request = (headers: Record<string, string>) =>
  new Request(URL_OF_NEXT, { method: 'POST', headers });

describe('crossSiteProblem', () => {
  it.each([
    [
      'Origin naming the Host the browser used',
      { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' },
    ],
    ['Origin naming the request URL without Host', { origin: 'http://localhost:3000' }],
    [
      'Origin naming the X-Forwarded-Host of a reverse proxy',
      {
        host: '10.0.0.5:3000',
        'x-forwarded-host': 'drainboard.example',
        origin: 'https://drainboard.example',
      },
    ],
    ['Sec-Fetch-Site: same-origin without Origin', { 'sec-fetch-site': 'same-origin' }],
  ])('accepts %s', (_what, headers) => {
    expect(crossSiteProblem(request(headers), ['drainboard.example', '10.0.0.5'])).toBeNull();
  });

  it.each([
    ['[::1]:3000', 'http://[::1]:3000'],
    ['127.0.0.2:3000', 'http://127.0.0.2:3000'],
    ['LOCALHOST:3000', 'http://localhost:3000'],
  ])('accepts the loopback host %s with no allowed hosts set', (host, origin) => {
    expect(crossSiteProblem(request({ host, origin }), [])).toBeNull();
  });

  it.each([
    [
      'a rebinding name, even same-origin',
      {
        host: 'evil.example:3000',
        origin: 'http://evil.example:3000',
        'sec-fetch-site': 'same-origin',
      },
    ],
    [
      'a forwarded host not allowed',
      { host: 'localhost:3000', 'x-forwarded-host': 'evil.example', origin: 'http://evil.example' },
    ],
    ['a LAN address not allowed', { host: '10.0.0.5:3000', origin: 'http://10.0.0.5:3000' }],
  ])('refuses %s', (_what, headers) => {
    expect(crossSiteProblem(request(headers), [])).toContain('does not answer to the host');
  });

  it('reads the allowed host names from DRAINBOARD_ALLOWED_HOSTS', () => {
    expect(allowedHostsOf({ DRAINBOARD_ALLOWED_HOSTS: ' Drainboard.example, ,10.0.0.5' })).toEqual([
      'drainboard.example',
      '10.0.0.5',
    ]);
    expect(allowedHostsOf({})).toEqual([]);
  });

  it.each([
    ['no Origin and no Sec-Fetch-Site', { host: 'localhost:3000' }, 'has no Origin header'],
    ['no Origin and Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 'no Origin'],
    [
      'a foreign Origin',
      { host: 'localhost:3000', origin: 'https://evil.example' },
      'comes from "https://evil.example", not from this dashboard (localhost:3000)',
    ],
    ['an Origin of "null" (sandboxed frame)', { host: 'localhost:3000', origin: 'null' }, '"null"'],
    [
      'a sibling port',
      { host: 'localhost:3000', origin: 'http://localhost:3001' },
      'not from this dashboard',
    ],
  ])('refuses %s', (_what, headers, message) => {
    expect(crossSiteProblem(request(headers), [])).toContain(message);
  });
});
