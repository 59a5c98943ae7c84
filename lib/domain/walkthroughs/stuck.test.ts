import { describe, expect, it } from 'vitest';

import { stuck } from './stuck';
import {
  at,
  attempt,
  blocked,
  budget,
  describeChecks,
  pod,
  retry,
  stateOf,
  timeline,
} from './test-states';

const full = budget('shop', 'shop', { disruptionsAllowed: 0, currentHealthy: 2 });
const ready = [pod('shop-6cd-7dc', 'shop'), pod('shop-6cd-7ls', 'shop')];
const broken = pod('shop-6cd-new', 'shop', { isReady: false, createdAt: '2026-11-29T10:01:00Z' });
const looping = retry('shop-6cd-7dc', { attempts: 4 });

describeChecks(stuck, [
  {
    id: 'first-evict',
    no: stateOf({}, { attempts: [blocked('shop-6cd-7vn')] }),
    yes: stateOf({ timelines: [timeline('shop-6cd-7vn', { attribution: 'drainboard' })] }),
  },
  {
    id: 'never-ready',
    no: stateOf({ pods: ready, budgets: [full] }),
    yes: stateOf({ pods: [...ready, broken], budgets: [full] }),
  },
  {
    id: 'loop-429',
    no: stateOf({ retries: [retry('shop-6cd-7dc', { attempts: 1 })] }),
    yes: stateOf({ retries: [looping] }),
  },
  {
    id: 'pause',
    no: stateOf({ retries: [looping] }),
    yes: stateOf({ retries: [{ ...looping, state: 'cancelled', nextAttemptAt: null }] }),
  },
  {
    id: 'delete',
    no: stateOf({}, { attempts: [blocked('shop-6cd-7dc')] }),
    yes: stateOf(
      {},
      { attempts: [attempt('shop-6cd-7dc', { action: 'delete', outcome: 'deleted' })] },
    ),
  },
]);

describe('walkthrough stuck: a run started again', () => {
  it('does not tick on retry entries of an earlier run of its cluster', () => {
    const earlier = { createdAt: at(-600), attempts: 4 };
    const cancelled = retry('shop-5d8-old', {
      ...earlier,
      state: 'cancelled',
      nextAttemptAt: null,
    });
    const check = (id: string) => stuck.steps.find((s) => s.id === id)?.check;
    expect(check('loop-429')?.(stateOf({ retries: [cancelled] }))).toBe(false);
    expect(check('pause')?.(stateOf({ retries: [cancelled] }))).toBe(false);
  });
});
