import { describe, expect, it } from 'vitest';

import { compareKeys, compareText, naturalKey } from './compare-text';

describe('naturalKey', () => {
  const names = ['node-10', 'Node-2', 'node-1', 'db-0', 'db-10', 'db-9', 'web-7d9f-abc', 'web-10a'];

  it('sorts with < as the collator sorts names', () => {
    const byKey = [...names].sort((a, b) => compareKeys(naturalKey(a), naturalKey(b)));
    expect(byKey).toEqual([...names].sort(compareText));
    expect(byKey).toEqual([
      'db-0',
      'db-9',
      'db-10',
      'node-1',
      'Node-2',
      'node-10',
      'web-7d9f-abc',
      'web-10a',
    ]);
  });
});
