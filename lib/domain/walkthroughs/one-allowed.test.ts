import { oneAllowed } from './one-allowed';
import { at, attempt, blocked, budget, describeChecks, stateOf } from './test-states';

const room = budget('web', 'web', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2 });
const full = budget('web', 'web', { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 });

describeChecks(oneAllowed, [
  {
    id: 'read-budget',
    no: stateOf({ budgets: [full] }),
    yes: stateOf({ budgets: [room] }),
  },
  {
    id: 'first-evict',
    no: stateOf({}, { attempts: [blocked('web-1')] }),
    yes: stateOf({}, { attempts: [attempt('web-1')] }),
  },
  {
    id: 'second-blocked',
    // API Priority and Fairness throttling is a 429 too, but not the budget's.
    no: stateOf(
      {},
      { attempts: [attempt('web-2', { outcome: 'rate-limited', clusterCode: 429 })] },
    ),
    yes: stateOf({}, { attempts: [blocked('web-2')] }),
  },
  {
    id: 'passes-when-ready',
    no: stateOf({}, { attempts: [blocked('web-2', { time: at(65) }), attempt('web-1')] }),
    yes: stateOf({}, { attempts: [attempt('web-2', { time: at(75) }), blocked('web-2')] }),
  },
]);
