import { grace } from './grace';
import { at, attempt, blocked, describeChecks, pod, stateOf, timeline } from './test-states';

const running = pod('slow-1', 'slow', { owner: { kind: 'StatefulSet', name: 'slow', uid: 'ss' } });
const terminating = {
  ...running,
  isReady: false,
  deletionTimestamp: at(80),
  deletionGracePeriodSeconds: 20,
};

describeChecks(grace, [
  {
    id: 'evict-first',
    no: stateOf({ pods: [running] }),
    yes: stateOf({ pods: [terminating] }, { attempts: [attempt('slow-1')] }),
  },
  {
    id: 'grace-window',
    no: stateOf({ pods: [running], timelines: [timeline('slow-1', { current: 'blocked' })] }),
    yes: stateOf({ pods: [terminating], timelines: [timeline('slow-1')] }),
  },
  {
    id: 'next-waits',
    no: stateOf({}, { attempts: [attempt('slow-1')] }),
    yes: stateOf({}, { attempts: [blocked('slow-0', { time: at(65) }), attempt('slow-1')] }),
  },
  {
    id: 'passes-after',
    no: stateOf({}, { attempts: [blocked('slow-0', { time: at(65) }), attempt('slow-1')] }),
    yes: stateOf(
      {},
      {
        attempts: [
          attempt('slow-0', { time: at(80), retryId: 1 }),
          blocked('slow-0', { time: at(65), outcome: 'queued', retryId: 1 }),
        ],
      },
    ),
  },
]);
