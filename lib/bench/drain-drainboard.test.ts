import { describe, expect, it } from 'vitest';

import { sharedReplacements } from './drain-drainboard';

describe('sharedReplacements', () => {
  it('names each replacement the drain gives to more than one pod', () => {
    const pod = (name: string, replacement: string | null) => ({ name, replacement });
    const pods = [pod('a', 'r1'), pod('b', 'r2'), pod('c', 'r1'), pod('d', null), pod('e', null)];
    expect(sharedReplacements({ pods } as never)).toEqual(['r1 ← a, c']);
  });
});
