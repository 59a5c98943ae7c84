import { describe, expect, it } from 'vitest';

import { budgetView, podView } from './test-views';
import { evictionContext, whyBlocked } from './evictions-context';

const byUid = <V extends { uid: string }>(views: V[]) => new Map(views.map((v) => [v.uid, v]));
const NOW = Date.parse('2026-11-28T10:00:00Z');

describe('evictionContext', () => {
  it('finds the budgets selecting the pod in its namespace only, and the forecast', () => {
    const pod = podView('web-1');
    const web = budgetView('web');
    const elsewhere = budgetView('web-other', { namespace: 'other', uid: 'x' });
    const model = { pods: byUid([pod]), budgets: byUid([web, elsewhere]) };
    const context = evictionContext(model, pod, NOW);
    expect(context.budgets.map((b) => b.name)).toEqual(['web']);
    expect(context.forecast.kind).toBe('allowed');
  });

  it('warns of several budgets before anything is sent', () => {
    const pod = podView('search-1');
    const budgets = [budgetView('search'), budgetView('backend')];
    const context = evictionContext({ pods: byUid([pod]), budgets: byUid(budgets) }, pod, NOW);
    expect(context.forecast.kind).toBe('multiple-budgets');
    expect(context.lints.map((l) => l.code)).toEqual(['multiple-budgets', 'multiple-budgets']);
  });
});

describe('whyBlocked', () => {
  it('names the consumers of the budget and ends with deleting the pod', () => {
    const ready = podView('web-1');
    const starting = podView('web-2', { phase: 'Pending', isReady: false });
    const web = budgetView('web', { disruptionsAllowed: 0, currentHealthy: 1 });
    const model = { pods: byUid([ready, starting]), budgets: byUid([web]) };
    const why = whyBlocked(model, 'shop', 'web', NOW);
    expect(why?.consumers.map((c) => [c.pod.name, c.reason])).toEqual([['web-2', 'pending']]);
    expect(why?.options.at(-1)?.code).toBe('delete-pod');
    expect(whyBlocked(model, 'shop', 'gone', NOW)).toBeNull();
  });
});
