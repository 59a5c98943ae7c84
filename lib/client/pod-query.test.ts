import { describe, expect, it } from 'vitest';

import { nextSort, readPodQuery, withParams } from './pod-query';

describe('readPodQuery', () => {
  it('reads every filter and the sort', () => {
    const params = new URLSearchParams(
      'namespace=shop&labels=app%3Dweb&node=node-1&state=Terminating&sort=age&dir=desc',
    );
    expect(readPodQuery(params)).toEqual({
      namespace: 'shop',
      labels: 'app=web',
      node: 'node-1',
      state: 'Terminating',
      sort: 'age',
      dir: 'desc',
    });
  });

  it('falls back to everything, by namespace ascending, for absent or unknown values', () => {
    expect(
      readPodQuery(new URLSearchParams('namespace=%20&state=Done&sort=colour&dir=up')),
    ).toEqual({
      namespace: null,
      labels: '',
      node: null,
      state: null,
      sort: 'namespace',
      dir: 'asc',
    });
  });
});

describe('withParams', () => {
  it('sets and removes parameters and keeps the others', () => {
    expect(withParams('?namespace=shop&node=node-1', { node: null, state: 'Pending' })).toBe(
      '?namespace=shop&state=Pending',
    );
    expect(withParams('labels=app%3Dweb', { labels: '' })).toBe('');
    expect(withParams('', { labels: 'app in (a,b)' })).toBe('?labels=app+in+%28a%2Cb%29');
  });
});

describe('nextSort', () => {
  const query = readPodQuery(new URLSearchParams('sort=name&dir=asc'));
  it('flips the current column and starts another ascending', () => {
    expect(nextSort(query, 'name')).toEqual({ sort: 'name', dir: 'desc' });
    expect(nextSort({ ...query, dir: 'desc' }, 'name')).toEqual({ sort: 'name', dir: 'asc' });
    expect(nextSort(query, 'age')).toEqual({ sort: 'age', dir: 'asc' });
  });
});
