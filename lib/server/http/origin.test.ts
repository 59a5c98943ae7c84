import { describe, expect, it } from 'vitest';

import { crossSiteProblem } from './origin';

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
    expect(crossSiteProblem(request(headers))).toBeNull();
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
    expect(crossSiteProblem(request(headers))).toContain(message);
  });
});
