import { describe, expect, it } from 'vitest';

import { fromSnapshot } from './live-state';
import {
  budgetsByName,
  glanceRetries,
  retryRows,
  retryStatus,
  retryWait,
  stuckByRetry,
  stuckInScope,
} from './retry-rows';
import { budgetView, retryView, snapshotOf, stuckRetry } from './test-views';

const budgets = budgetsByName([budgetView('web', { disruptionsAllowed: 0 }), budgetView('db')]);

describe('retryWait', () => {
  it.each([
    {
      why: 'an attempt in flight',
      entry: retryView(1, 'a', { inFlight: true }),
      kind: 'attempting',
    },
    { why: 'its budget at 0', entry: retryView(1, 'a'), kind: 'budget' },
    { why: 'a budget with room', entry: retryView(1, 'a', { budget: 'db' }), kind: 'timer' },
    { why: 'a budget not in the model', entry: retryView(1, 'a', { budget: 'x' }), kind: 'timer' },
    { why: 'no budget named', entry: retryView(1, 'a', { budget: null }), kind: 'timer' },
    {
      why: 'no next attempt',
      entry: retryView(1, 'a', { budget: null, nextAttemptAt: null }),
      kind: 'none',
    },
    {
      why: 'a finished entry',
      entry: retryView(1, 'a', { state: 'evicted', inFlight: true }),
      kind: 'none',
    },
  ])('waits on $kind with $why', ({ entry, kind }) => {
    expect(retryWait(entry, budgets).kind).toBe(kind);
  });

  it('gives the timer as epoch ms and the budget by name', () => {
    expect(retryWait(retryView(1, 'a', { budget: 'db' }), budgets)).toEqual({
      kind: 'timer',
      at: Date.parse('2026-11-28T10:00:10Z'),
    });
    expect(retryWait(retryView(1, 'a'), budgets)).toEqual({
      kind: 'budget',
      budget: 'web',
      at: Date.parse('2026-11-28T10:00:10Z'),
    });
  });

  it("looks the budget up in the entry's own namespace", () => {
    expect(retryWait(retryView(1, 'a', { namespace: 'other' }), budgets).kind).toBe('timer');
  });
});

describe('retryStatus', () => {
  it.each([
    ['pending', 'Pending retry', 'waiting'],
    ['evicted', 'Evicted', 'healthy'],
    ['gone', 'Gone', 'inactive'],
    ['replaced', 'Replaced', 'inactive'],
    ['cancelled', 'Cancelled', 'inactive'],
    ['failed', 'Failed', 'failed'],
    ['expired', 'Expired', 'failed'],
  ] as const)('%s → %s (%s)', (state, label, tone) => {
    expect(retryStatus(state)).toEqual({ label, tone });
  });
});

describe('stuckByRetry', () => {
  it('gathers the findings of every item naming an entry, each once', () => {
    const terminating = stuckRetry(1, 'web-1', {
      kind: 'terminating',
      key: 'terminating:uid-web-2',
      diagnoses: [{ code: 'finalizer', text: 'web-2 has finalizer x', pods: ['web-2'] }],
    });
    const budget = stuckRetry(1, 'web-1', { kind: 'budget', key: 'budget:shop/web' });
    const byId = stuckByRetry([
      stuckRetry(1, 'web-1'),
      terminating,
      budget,
      stuckRetry(2, 'web-2'),
    ]);
    expect(byId.get(1)?.diagnoses.map((d) => d.code)).toEqual(['never-ready', 'finalizer']);
    expect(byId.get(1)?.remedies).toHaveLength(1);
    expect(byId.get(2)?.diagnoses).toHaveLength(1);
    expect(byId.has(3)).toBe(false);
  });

  it('ignores items without a retry', () => {
    expect(stuckByRetry([stuckRetry(1, 'a', { retryId: null })]).size).toBe(0);
  });
});

describe('retryRows', () => {
  const state = fromSnapshot(
    snapshotOf(1, {
      retries: [
        retryView(1, 'web-2', { createdAt: '2026-11-28T10:05:00Z' }),
        retryView(2, 'web-1', { createdAt: '2026-11-28T10:01:00Z', lastAnswer: null }),
        retryView(3, 'old', { state: 'evicted', updatedAt: '2026-11-28T10:02:00Z' }),
        retryView(4, 'newer', { state: 'cancelled', updatedAt: '2026-11-28T10:09:00Z' }),
        retryView(5, 'db-0', { namespace: 'data', createdAt: '2026-11-28T09:00:00Z' }),
      ],
      stuck: [stuckRetry(1, 'web-2')],
    }),
  );

  it('lists pending entries longest waiting first and finished ones newest first', () => {
    const rows = retryRows(state, budgets, null);
    expect(rows.pending.map((r) => r.ref)).toEqual(['data/db-0', 'shop/web-1', 'shop/web-2']);
    expect(rows.finished.map((r) => r.ref)).toEqual(['shop/newer', 'shop/old']);
  });

  it("quotes the cluster's cause, else our words, and attaches the stuck findings", () => {
    const [, web1, web2] = retryRows(state, budgets, null).pending;
    expect(web2?.message).toBe(
      'The disruption budget web needs 3 healthy pods and has 3 currently',
    );
    expect(web2?.stuck?.diagnoses).toHaveLength(1);
    expect(web1?.message).toBeNull();
    expect(web1?.stuck).toBeNull();
  });

  it('keeps to the namespace filter', () => {
    const rows = retryRows(state, budgets, 'data');
    expect(rows.pending.map((r) => r.ref)).toEqual(['data/db-0']);
    expect(rows.finished).toEqual([]);
  });

  it('counts pending entries and stuck items for the Overview, 0 included', () => {
    expect(glanceRetries(state, null)).toEqual({ pending: 3, stuck: 1 });
    expect(glanceRetries(state, 'data')).toEqual({ pending: 1, stuck: 0 });
  });
});

describe('stuckInScope', () => {
  it('keeps items of the namespace and those of none (nodes)', () => {
    const node = stuckRetry(9, 'node-1', { kind: 'node', key: 'node:node-1', namespace: null });
    const items = [stuckRetry(1, 'a'), node];
    expect(stuckInScope(items, 'data')).toEqual([node]);
    expect(stuckInScope(items, null)).toEqual(items);
  });
});
