import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { resourceType } from '../store/resources';
import { Store } from '../store/store';
import type { KObject } from '../store/types';
import { ApiError } from './errors';
import { setDisruptionAllowed } from './pdb';
import { Registry } from './registry';

const pdbs = resourceType('policy/poddisruptionbudgets');
let registry: Registry;

beforeEach(() => {
  const clock = new ManualClock();
  registry = new Registry(new Store(clock), clock);
  registry.create(resourceType('namespaces'), '', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'default' },
  });
});

function pdb(name: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec };
}

function invalidMessages(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError && e.code === 422)
      return (e.details?.causes ?? []).map((c) => c.message ?? '');
    throw e;
  }
  throw new Error('expected 422 Invalid');
}

describe('PodDisruptionBudget validation (policy/v1)', () => {
  it.each([
    [{ minAvailable: 1, maxUnavailable: 1 }, 'minAvailable and maxUnavailable cannot be both set'],
    [
      { minAvailable: -1 },
      'spec.minAvailable: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      { maxUnavailable: '101%' },
      'spec.maxUnavailable: Invalid value: "101%": must not be greater than 100%',
    ],
    [
      { minAvailable: 'half' },
      `spec.minAvailable: Invalid value: "half": a valid percent string must be a numeric string followed by an ending '%'`,
    ],
    [
      { unhealthyPodEvictionPolicy: 'Never' },
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ],
    [{ selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }, 'spec.selector'],
  ])('refuses %j', (spec, message) => {
    const messages = invalidMessages(() => registry.create(pdbs, 'default', pdb('bad', spec)));
    expect(messages.join('\n')).toContain(message);
    expect(registry.list(pdbs, 'default')).toHaveLength(0);
  });

  it('accepts ints, percentages, neither field, and both policies', () => {
    for (const [i, spec] of [
      { minAvailable: 0 },
      { maxUnavailable: '100%' },
      {},
      { unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    ].entries()) {
      registry.create(pdbs, 'default', pdb(`ok-${i}`, spec));
    }
    expect(registry.list(pdbs, 'default')).toHaveLength(4);
  });
});

describe('PodDisruptionBudget strategy', () => {
  it('starts at generation 1 with a zeroed status, whatever the request carried', () => {
    const created = registry.create(pdbs, 'default', {
      ...pdb('p', { minAvailable: 1 }),
      status: { disruptionsAllowed: 9 },
    });
    expect(created.metadata.generation).toBe(1);
    expect(created.status).toEqual({
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
    });
  });

  it('bumps generation on a spec change only, not on reordered keys or explicit nulls', () => {
    registry.create(
      pdbs,
      'default',
      pdb('p', { minAvailable: 1, selector: { matchLabels: { a: 'b' } } }),
    );
    const same = registry.update(
      pdbs,
      'default',
      'p',
      pdb('p', { selector: { matchLabels: { a: 'b' } }, maxUnavailable: null, minAvailable: 1 }),
    );
    expect(same.metadata.generation).toBe(1);
    const changed = registry.update(
      pdbs,
      'default',
      'p',
      pdb('p', { minAvailable: 2, selector: { matchLabels: { a: 'b' } } }),
    );
    expect(changed.metadata.generation).toBe(2);
  });

  it('refuses negative counts on a status write, and keeps the spec', () => {
    const created = registry.create(pdbs, 'default', pdb('p', { minAvailable: 1 }));
    const messages = invalidMessages(() =>
      registry.update(
        pdbs,
        'default',
        'p',
        { ...created, status: { ...created.status, disruptionsAllowed: -1 } },
        { subresource: 'status' },
      ),
    );
    expect(messages).toEqual([
      'status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0',
    ]);
    const written = registry.update(
      pdbs,
      'default',
      'p',
      {
        ...created,
        spec: { minAvailable: 5 },
        status: { ...created.status, disruptionsAllowed: 2 },
      },
      { subresource: 'status' },
    );
    expect(written.spec).toEqual({ minAvailable: 1 });
    expect(written.status.disruptionsAllowed).toBe(2);
  });
});

describe('setDisruptionAllowed', () => {
  it('follows disruptionsAllowed, keeps the transition time until the status flips, and updates in place', () => {
    const status: Record<string, unknown> = {
      disruptionsAllowed: 1,
      conditions: [{ type: 'Other', status: 'True' }],
    };
    setDisruptionAllowed(status, 't1');
    expect(status.conditions).toEqual([
      { type: 'Other', status: 'True' },
      {
        type: 'DisruptionAllowed',
        status: 'True',
        reason: 'SufficientPods',
        message: '',
        lastTransitionTime: 't1',
      },
    ]);
    status.observedGeneration = 3;
    status.conditions = [...(status.conditions as object[])].reverse();
    setDisruptionAllowed(status, 't2');
    expect((status.conditions as { type: string }[]).map((c) => c.type)).toEqual([
      'DisruptionAllowed',
      'Other',
    ]);
    expect((status.conditions as object[])[0]).toMatchObject({
      lastTransitionTime: 't1',
      observedGeneration: 3,
    });
    status.disruptionsAllowed = 0;
    setDisruptionAllowed(status, 't3');
    expect((status.conditions as object[])[0]).toMatchObject({
      status: 'False',
      reason: 'InsufficientPods',
      lastTransitionTime: 't3',
    });
    setDisruptionAllowed(status, 't4', {
      reason: 'SyncFailed',
      message: 'found no controllers for pod "x"',
    });
    expect((status.conditions as object[])[0]).toMatchObject({
      status: 'False',
      reason: 'SyncFailed',
      message: 'found no controllers for pod "x"',
      lastTransitionTime: 't3',
    });
  });
});
