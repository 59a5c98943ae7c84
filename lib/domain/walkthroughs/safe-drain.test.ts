import { nodeView } from '../test-views';
import { safeDrain } from './safe-drain';
import { at, describeChecks, drain, stateOf } from './test-states';

const cordoned = nodeView('node-1', { isCordoned: true });
const schedulable = nodeView('node-1');

describeChecks(safeDrain, [
  {
    id: 'plan',
    no: stateOf({ nodes: [schedulable] }, { drains: [drain('node-2')] }),
    yes: stateOf({ nodes: [schedulable] }, { drains: [drain('node-1')] }),
  },
  {
    id: 'run',
    // A drain of node-1 from before the walkthrough's cluster started is not the learner's.
    no: stateOf({ nodes: [cordoned] }, { drains: [drain('node-1', { createdAt: at(-5) })] }),
    yes: stateOf({ nodes: [cordoned] }, { drains: [drain('node-1')] }),
  },
  {
    id: 'three-stages',
    no: stateOf({ nodes: [cordoned] }, { drains: [drain('node-1', { state: 'drained' })] }),
    yes: stateOf({ nodes: [cordoned] }, { drains: [drain('node-1', { state: 'complete' })] }),
  },
  {
    id: 'uncordon',
    no: stateOf({ nodes: [cordoned] }, { drains: [drain('node-1', { state: 'complete' })] }),
    yes: stateOf({ nodes: [schedulable] }, { drains: [drain('node-1', { state: 'complete' })] }),
  },
]);
