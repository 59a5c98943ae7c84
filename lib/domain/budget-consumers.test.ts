import { describe, expect, it } from 'vitest';

import { budgetConsumers } from './budget-consumers';
import { podsSelectedBy } from './budget-selection';
import { isCountedHealthy } from './budgets';
import { budgetView, podView } from './test-views';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('budgetConsumers', () => {
  const budget = budgetView('web', {
    disruptedPods: { evicted: ago(30_000), 'evicted-long-ago': ago(10 * 60_000), gone: ago(0) },
  });
  const pods = [
    podView('ready'),
    podView('terminating', { deletionTimestamp: ago(-20_000) }),
    podView('terminating-evicted', { deletionTimestamp: ago(-20_000) }),
    podView('evicted'),
    podView('evicted-long-ago'),
    podView('pending', { phase: 'Pending', isReady: false, nodeName: null }),
    podView('not-ready', { isReady: false }),
    podView('unknown', { phase: 'Unknown', isReady: false }),
    podView('failed', { phase: 'Failed', isReady: false }),
    podView('succeeded', { phase: 'Succeeded', isReady: false }),
    podView('other-app', { labels: { app: 'api' }, isReady: false }),
    podView('other-namespace', { namespace: 'kube-system', isReady: false }),
  ];

  it('lists the selected pods that do not count as healthy, with why', () => {
    expect(budgetConsumers(budget, pods, NOW).map((c) => [c.pod.name, c.reason])).toEqual([
      ['terminating', 'terminating'],
      ['terminating-evicted', 'terminating'],
      ['evicted', 'evicted'],
      ['pending', 'pending'],
      ['not-ready', 'not-ready'],
      ['unknown', 'not-ready'],
    ]);
  });

  it('finds none for a null selector', () => {
    expect(budgetConsumers(budgetView('none', { selector: null }), pods, NOW)).toEqual([]);
  });

  it('lists exactly the running or pending selected pods the controller does not count', () => {
    const consumers = new Set(budgetConsumers(budget, pods, NOW).map((c) => c.pod.name));
    for (const pod of podsSelectedBy(budget, pods)) {
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
      expect(consumers.has(pod.name)).toBe(!isCountedHealthy(pod, budget.disruptedPods, NOW));
    }
  });
});
