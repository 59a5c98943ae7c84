import { describe, expect, it } from 'vitest';

import { formatSelector, parseLabelSelector, selectorMatches } from './selectors';
import type { LabelSelectorView } from './views';

const web = { app: 'web', tier: 'frontend' };
const sel = (s: Partial<LabelSelectorView>): LabelSelectorView => ({
  matchLabels: {},
  matchExpressions: [],
  ...s,
});

describe('selectorMatches', () => {
  it.each([
    { why: 'a null selector selects nothing', selector: null, labels: web, want: false },
    { why: 'an empty selector selects everything', selector: sel({}), labels: {}, want: true },
    {
      why: 'matchLabels equal',
      selector: sel({ matchLabels: { app: 'web' } }),
      labels: web,
      want: true,
    },
    {
      why: 'matchLabels differ',
      selector: sel({ matchLabels: { app: 'api' } }),
      labels: web,
      want: false,
    },
    {
      why: 'matchLabels key missing',
      selector: sel({ matchLabels: { zone: 'a' } }),
      labels: web,
      want: false,
    },
    {
      why: 'all matchLabels must hold',
      selector: sel({ matchLabels: { app: 'web', tier: 'backend' } }),
      labels: web,
      want: false,
    },
    {
      why: 'In with the value',
      selector: sel({ matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] }),
      labels: web,
      want: true,
    },
    {
      why: 'In without the key',
      selector: sel({ matchExpressions: [{ key: 'zone', operator: 'In', values: [''] }] }),
      labels: web,
      want: false,
    },
    {
      why: 'NotIn with another value',
      selector: sel({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] }),
      labels: web,
      want: true,
    },
    {
      why: 'NotIn with the value',
      selector: sel({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }),
      labels: web,
      want: false,
    },
    {
      why: 'NotIn without the key',
      selector: sel({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }),
      labels: web,
      want: true,
    },
    {
      why: 'Exists',
      selector: sel({ matchExpressions: [{ key: 'tier', operator: 'Exists', values: [] }] }),
      labels: web,
      want: true,
    },
    {
      why: 'DoesNotExist with the key',
      selector: sel({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist', values: [] }] }),
      labels: web,
      want: false,
    },
    {
      why: 'a label named like an Object method is not inherited',
      selector: sel({ matchExpressions: [{ key: 'toString', operator: 'Exists', values: [] }] }),
      labels: web,
      want: false,
    },
    {
      why: 'matchLabels and expressions together',
      selector: sel({
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }],
      }),
      labels: web,
      want: false,
    },
  ])('$why', ({ selector, labels, want }) => {
    expect(selectorMatches(selector, labels)).toBe(want);
  });
});

describe('parseLabelSelector', () => {
  it.each<{ text: string; labels: Record<string, string>; want: boolean }>([
    { text: '', labels: {}, want: true },
    { text: 'app=web', labels: web, want: true },
    { text: 'app==web', labels: web, want: true },
    { text: 'app = api', labels: web, want: false },
    { text: 'app!=api', labels: web, want: true },
    { text: 'zone!=a', labels: web, want: true },
    { text: 'app in (api, web),tier', labels: web, want: true },
    { text: 'app notin (web)', labels: web, want: false },
    { text: '!tier', labels: web, want: false },
    { text: '!zone, app', labels: web, want: true },
    { text: 'app=web,app=api', labels: web, want: false },
    {
      text: 'kubernetes.io/hostname=node-1',
      labels: { 'kubernetes.io/hostname': 'node-1' },
      want: true,
    },
  ])('"$text" selects $labels: $want', ({ text, labels, want }) => {
    const parsed = parseLabelSelector(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(selectorMatches(parsed.value, labels)).toBe(want);
  });

  it.each([
    { text: 'app=web,,tier', message: 'an empty term (two commas in a row?)' },
    {
      text: 'app in (web',
      message:
        '"app in (web" is not a requirement: key, !key, key=value, key!=value, key in (…), key notin (…)',
    },
    { text: 'app=we$b', message: '"we$b" is not a valid label value' },
    { text: '-app', message: '"-app" is not a valid label key' },
    { text: 'app in (we$b)', message: '"we$b" is not a valid label value' },
  ])('refuses "$text"', ({ text, message }) => {
    expect(parseLabelSelector(text)).toEqual({ ok: false, message });
  });
});

describe('formatSelector', () => {
  it.each<{ selector: LabelSelectorView | null; text: string }>([
    { selector: null, text: 'null' },
    { selector: sel({}), text: '{}' },
    {
      selector: sel({ matchLabels: { app: 'web', tier: 'frontend' } }),
      text: 'app=web,tier=frontend',
    },
    {
      selector: sel({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'zone', operator: 'In', values: ['a', 'b'] },
          { key: 'track', operator: 'NotIn', values: ['canary'] },
          { key: 'env', operator: 'NotIn', values: ['dev', 'test'] },
          { key: 'tier', operator: 'Exists', values: [] },
          { key: 'legacy', operator: 'DoesNotExist', values: [] },
        ],
      }),
      text: 'app=web,zone in (a,b),track!=canary,env notin (dev,test),tier,!legacy',
    },
  ])('$text', ({ selector, text }) => {
    expect(formatSelector(selector)).toBe(text);
  });

  it('reads back as the same selection', () => {
    const selector = sel({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'zone', operator: 'In', values: ['a', 'b'] },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
      ],
    });
    const parsed = parseLabelSelector(formatSelector(selector));
    if (!parsed.ok) throw new Error(parsed.message);
    const cases: Record<string, string>[] = [
      { app: 'web', zone: 'a' },
      { app: 'web', zone: 'c' },
      { app: 'web', zone: 'b', legacy: '' },
    ];
    for (const labels of cases) {
      expect(selectorMatches(parsed.value, labels)).toBe(selectorMatches(selector, labels));
    }
  });
});
