import { attempt, blocked, budget, describeChecks, pod, stateOf } from './test-states';
import { twoBudgets } from './two-budgets';

const api = pod('api-7d6-2wn', 'api', { labels: { app: 'api', tier: 'backend' } });
const own = budget('api', 'api');
const tier = budget('backend', 'backend', {
  selector: { matchLabels: { tier: 'backend' }, matchExpressions: [] },
});
const narrowed = budget('backend', 'backend', {
  selector: {
    matchLabels: { tier: 'backend' },
    matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }],
  },
});
const overlap = stateOf({ pods: [api], budgets: [own, tier] });
const fixed = stateOf({ pods: [api], budgets: [own, narrowed] });
const misconfigured = attempt(api.name, { outcome: 'multiple-budgets', clusterCode: 500 });

describeChecks(twoBudgets, [
  { id: 'see-overlap', no: fixed, yes: overlap },
  {
    id: 'evict-500',
    no: stateOf({}, { attempts: [blocked(api.name)] }),
    yes: stateOf({}, { attempts: [misconfigured] }),
  },
  { id: 'fix-selector', no: overlap, yes: fixed },
  {
    id: 'evict-ok',
    no: stateOf({}, { attempts: [misconfigured] }),
    yes: stateOf({}, { attempts: [attempt(api.name), misconfigured] }),
  },
]);
