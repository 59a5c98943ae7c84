import { nodeView } from '../test-views';
import type { ConditionView } from '../views';
import { kubectlDrain } from './kubectl-drain';
import { at, budget, describeChecks, pod, stateOf, timeline } from './test-states';

const cordoned = nodeView('node-2', { isCordoned: true });
const target: ConditionView = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'EvictionByEvictionAPI',
  message: 'Eviction API: evicting',
  lastTransitionTime: at(60),
};
const deleting = { isReady: false, deletionTimestamp: at(90), deletionGracePeriodSeconds: 30 };
const evicted = pod('web-577-4hb', 'web', {
  nodeName: 'node-2',
  conditions: [target],
  ...deleting,
});
const deleted = pod('web-577-4hb', 'web', { nodeName: 'node-2', ...deleting });
const waiting = pod('web-577-bnd', 'web', { nodeName: 'node-2' });
const full = budget('web', 'web', { disruptionsAllowed: 0 });
const onNode2 = (name: string, o = {}) => timeline(name, { node: 'node-2', ...o });

describeChecks(kubectlDrain, [
  {
    id: 'drain',
    no: stateOf({ nodes: [nodeView('node-2')] }),
    yes: stateOf({ nodes: [cordoned] }),
  },
  {
    id: 'retries',
    no: stateOf({ nodes: [cordoned], pods: [deleted, waiting], budgets: [full] }),
    yes: stateOf({ nodes: [cordoned], pods: [evicted, waiting], budgets: [full] }),
  },
  {
    id: 'timelines',
    no: stateOf({
      timelines: [onNode2('web-577-4hb'), onNode2('web-577-bnd', { attribution: 'drainboard' })],
    }),
    yes: stateOf({ timelines: [onNode2('web-577-4hb'), onNode2('web-577-bnd')] }),
  },
  {
    id: 'drained',
    no: stateOf({ nodes: [cordoned], pods: [waiting] }),
    yes: stateOf({ nodes: [cordoned], pods: [pod('web-577-2sx', 'web', { nodeName: 'node-3' })] }),
  },
  {
    id: 'uncordon',
    no: stateOf({ nodes: [cordoned] }),
    yes: stateOf({ nodes: [nodeView('node-2')] }),
  },
]);
