import { describe, expect, it } from 'vitest';

import { namespaceNameProblem, podNameProblem } from './names';

const VALID_NAMESPACES = ['shop', 'a', '0', 'kube-system', 'a1-b2', 'x'.repeat(63)];

const INVALID_NAMESPACES: [string, string][] = [
  ['', 'a namespace name may not be empty'],
  ['.', 'a namespace name may not be "."'],
  ['..', 'a namespace name may not be ".."'],
  ['a/b', 'a namespace name may not contain "/"'],
  ['%2F', 'a namespace name may not contain "%"'],
  ['%2e%2e', 'a namespace name may not contain "%"'],
  ['x'.repeat(64), 'a namespace name must be no more than 63 characters, not 64'],
  ['Shop', 'a namespace name "Shop" is not a valid RFC 1123 label'],
  ['-shop', 'a namespace name "-shop" is not a valid RFC 1123 label'],
  ['shop-', 'a namespace name "shop-" is not a valid RFC 1123 label'],
  ['my.shop', 'a namespace name "my.shop" is not a valid RFC 1123 label'],
  ['shоp', 'a namespace name "shоp" is not a valid RFC 1123 label'], // Cyrillic о
  ['sh op', 'a namespace name "sh op" is not a valid RFC 1123 label'],
];

const VALID_PODS = [
  'web-7d9c5-x2k4p',
  'db-0',
  'a.b.c',
  'p',
  `${'a'.repeat(100)}.${'b'.repeat(100)}`,
  'x'.repeat(253),
];

const INVALID_PODS: [string, string][] = [
  ['', 'a pod name may not be empty'],
  ['.', 'a pod name may not be "."'],
  ['..', 'a pod name may not be ".."'],
  ['../etc', 'a pod name may not contain "/"'],
  ['web/eviction', 'a pod name may not contain "/"'],
  ['web%2Feviction', 'a pod name may not contain "%"'],
  ['x'.repeat(254), 'a pod name must be no more than 253 characters, not 254'],
  ['Web', 'a pod name "Web" is not a valid RFC 1123 subdomain'],
  ['web.', 'a pod name "web." is not a valid RFC 1123 subdomain'],
  ['.web', 'a pod name ".web" is not a valid RFC 1123 subdomain'],
  ['web..1', 'a pod name "web..1" is not a valid RFC 1123 subdomain'],
  ['web-.x', 'a pod name "web-.x" is not a valid RFC 1123 subdomain'],
  ['web_1', 'a pod name "web_1" is not a valid RFC 1123 subdomain'],
];

describe('namespaceNameProblem (RFC 1123 label, at most 63)', () => {
  it.each(VALID_NAMESPACES)('accepts %j', (name) => {
    expect(namespaceNameProblem(name)).toBeNull();
  });

  it.each(INVALID_NAMESPACES)('refuses %j', (name, message) => {
    expect(namespaceNameProblem(name)).toContain(message);
  });
});

describe('podNameProblem (RFC 1123 subdomain, at most 253)', () => {
  it.each(VALID_PODS)('accepts %j', (name) => {
    expect(podNameProblem(name)).toBeNull();
  });

  it.each(INVALID_PODS)('refuses %j', (name, message) => {
    expect(podNameProblem(name)).toContain(message);
  });
});
