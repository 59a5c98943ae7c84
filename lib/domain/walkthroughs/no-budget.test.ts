import { noBudget } from './no-budget';
import { at, attempt, describeChecks, pod, stateOf, timeline } from './test-states';

const solo = pod('solo-5bd-w8k', 'solo');

describeChecks(noBudget, [
  {
    id: 'dry-run',
    no: stateOf({}, { attempts: [attempt(solo.name, { outcome: 'would-evict', time: at(-60) })] }),
    yes: stateOf({}, { attempts: [attempt(solo.name, { outcome: 'would-evict' })] }),
  },
  {
    id: 'evict',
    no: stateOf(
      { timelines: [timeline(solo.name, { attribution: 'deletion' })] },
      { attempts: [attempt(solo.name, { outcome: 'would-evict' })] },
    ),
    yes: stateOf({ pods: [solo] }, { attempts: [attempt(solo.name)] }),
  },
  {
    id: 'see-gone',
    no: stateOf({ pods: [solo], timelines: [timeline(solo.name)] }),
    yes: stateOf({
      timelines: [timeline(solo.name, { current: 'replacement-ready', inProgress: false })],
    }),
  },
]);
