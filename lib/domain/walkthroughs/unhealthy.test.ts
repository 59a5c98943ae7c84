import { podView } from '../test-views';
import { attempt, blocked, budget, describeChecks, pod, stateOf } from './test-states';
import { unhealthy } from './unhealthy';

const none = budget('flaky', 'flaky', {
  minAvailable: 1,
  disruptionsAllowed: 0,
  currentHealthy: 0,
});
const crashing = pod('flaky-79c-2b8', 'flaky', {
  isReady: false,
  containers: podView('x').containers.map((c) => ({
    ...c,
    isReady: false,
    state: 'waiting',
    reason: 'CrashLoopBackOff',
    restartCount: 3,
  })),
});
const healthy = pod('flaky-79c-2b8', 'flaky');

describeChecks(unhealthy, [
  {
    id: 'see-crashloop',
    no: stateOf({ pods: [healthy], budgets: [none] }),
    yes: stateOf({ pods: [crashing], budgets: [none] }),
  },
  {
    id: 'evict-blocked',
    no: stateOf({}, { attempts: [attempt(crashing.name, { outcome: 'multiple-budgets' })] }),
    yes: stateOf({}, { attempts: [blocked(crashing.name)] }),
  },
  {
    id: 'always-allow',
    no: stateOf({ budgets: [none] }),
    yes: stateOf({ budgets: [{ ...none, unhealthyPodEvictionPolicy: 'AlwaysAllow' }] }),
  },
  {
    id: 'evict-passes',
    no: stateOf({}, { attempts: [blocked(crashing.name)] }),
    yes: stateOf({}, { attempts: [attempt(crashing.name), blocked(crashing.name)] }),
  },
]);
