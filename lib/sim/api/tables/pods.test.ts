import { describe, expect, it } from 'vitest';
import type { KObject } from '../../store/types';
import { printPod } from './pods';

const now = Date.parse('2026-01-01T00:00:00Z');
const ago = (s: number): string => new Date(now - s * 1000).toISOString().replace('.000Z', 'Z');

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, meta = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', creationTimestamp: ago(300), ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status,
  };
}

const running = { running: { startedAt: ago(290) } };
const readyCond = { type: 'Ready', status: 'True' };

/** The five default columns: Name, Ready, Status, Restarts, Age. */
const cells = (p: KObject) => printPod(p, now).cells.slice(0, 5);

describe('printPod', () => {
  it('prints a running pod', () => {
    const p = pod(
      { nodeName: 'node-1' },
      {
        phase: 'Running',
        podIP: '10.244.1.5',
        podIPs: [{ ip: '10.244.1.5' }],
        conditions: [readyCond],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
      },
    );
    expect(printPod(p, now)).toEqual({
      cells: ['web-0', '1/1', 'Running', '0', '5m', '10.244.1.5', 'node-1', '<none>', '<none>'],
    });
  });

  it('prints a pending, unscheduled pod', () => {
    expect(printPod(pod({}, { phase: 'Pending' }), now).cells).toEqual([
      'web-0',
      '0/1',
      'Pending',
      '0',
      '5m',
      '<none>',
      '<none>',
      '<none>',
      '<none>',
    ]);
  });

  it('falls back to status.podIP, as the v1 conversion fills podIPs', () => {
    expect(printPod(pod({}, { phase: 'Running', podIP: '10.0.0.9' }), now).cells[5]).toBe(
      '10.0.0.9',
    );
  });

  it('shows a waiting reason such as ContainerCreating', () => {
    const p = pod(
      {},
      {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'ContainerCreating' } },
          },
        ],
      },
    );
    expect(cells(p)).toEqual(['web-0', '0/1', 'ContainerCreating', '0', '5m']);
  });

  it('shows CrashLoopBackOff with restarts and the last restart age', () => {
    const p = pod(
      {},
      {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(10) } },
          },
        ],
      },
    );
    expect(cells(p)).toEqual(['web-0', '0/1', 'CrashLoopBackOff', '3 (10s ago)', '5m']);
  });

  it('prints restarts alone when the last termination time is unknown', () => {
    const p = pod(
      {},
      {
        phase: 'Running',
        containerStatuses: [{ name: 'app', ready: true, restartCount: 2, state: running }],
      },
    );
    expect(cells(p)[3]).toBe('2');
  });

  it('marks a succeeded pod Completed with a row condition', () => {
    const p = pod(
      {},
      {
        phase: 'Succeeded',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode: 0, reason: 'Completed' } },
          },
        ],
      },
    );
    const row = printPod(p, now);
    expect(row.cells.slice(0, 5)).toEqual(['web-0', '0/1', 'Completed', '0', '5m']);
    expect(row.conditions).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
  });

  it('prints Evicted from status.reason on a failed pod', () => {
    const row = printPod(
      pod({}, { phase: 'Failed', reason: 'Evicted', message: 'low on memory' }),
      now,
    );
    expect(row.cells.slice(0, 3)).toEqual(['web-0', '0/1', 'Evicted']);
    expect(row.conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
  });

  it('prints Signal:N and ExitCode:N for terminations without a reason', () => {
    const term = (t: Record<string, unknown>) =>
      pod(
        {},
        {
          phase: 'Failed',
          containerStatuses: [{ name: 'app', restartCount: 0, state: { terminated: t } }],
        },
      );
    expect(cells(term({ exitCode: 137, signal: 9 }))[2]).toBe('Signal:9');
    expect(cells(term({ exitCode: 2 }))[2]).toBe('ExitCode:2');
  });

  it('lets the first container with a reason decide', () => {
    const p = pod(
      { containers: [{ name: 'a' }, { name: 'b' }] },
      {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
          { name: 'b', restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    );
    expect(cells(p)[2]).toBe('ImagePullBackOff');
  });

  it('turns Completed back into Running or NotReady while a container still runs', () => {
    const status = (conditions: unknown[]) => ({
      phase: 'Running',
      conditions,
      containerStatuses: [
        {
          name: 'a',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 0, reason: 'Completed' } },
        },
        { name: 'b', ready: true, restartCount: 0, state: running },
      ],
    });
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    expect(cells(pod(spec, status([readyCond])))).toEqual(['web-0', '1/2', 'Running', '0', '5m']);
    expect(cells(pod(spec, status([])))).toEqual(['web-0', '1/2', 'NotReady', '0', '5m']);
  });

  it('prints Terminating once deletion started', () => {
    const p = pod(
      {},
      {
        phase: 'Running',
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
      },
      { deletionTimestamp: ago(-30) },
    );
    expect(cells(p)).toEqual(['web-0', '1/1', 'Terminating', '0', '5m']);
  });

  it('prints Unknown, not Terminating, for a deleted pod on a lost node', () => {
    const p = pod({}, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: ago(0) });
    expect(cells(p)[2]).toBe('Unknown');
  });

  it('keeps a terminal phase while deleting', () => {
    const p = pod({}, { phase: 'Succeeded' }, { deletionTimestamp: ago(0) });
    expect(cells(p)[2]).toBe('Succeeded');
  });

  it('prints SchedulingGated from the PodScheduled condition', () => {
    const p = pod(
      {},
      {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      },
    );
    expect(cells(p)[2]).toBe('SchedulingGated');
  });

  describe('init containers', () => {
    const spec = {
      initContainers: [{ name: 'migrate' }, { name: 'warm' }],
      containers: [{ name: 'app' }],
    };
    const init = (...statuses: Record<string, unknown>[]) =>
      pod(spec, {
        phase: 'Pending',
        initContainerStatuses: statuses.map((s, i) => ({
          name: `init-${i}`,
          restartCount: 0,
          ...s,
        })),
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'PodInitializing' } },
          },
        ],
      });
    const done = { state: { terminated: { exitCode: 0, reason: 'Completed' } } };

    it('counts progress as Init:i/n', () => {
      expect(cells(init({ state: running }, { state: { waiting: {} } }))[2]).toBe('Init:0/2');
      expect(cells(init(done, { state: running }))[2]).toBe('Init:1/2');
      expect(cells(init(done, { state: { waiting: { reason: 'PodInitializing' } } }))[2]).toBe(
        'Init:1/2',
      );
    });

    it('shows init waiting and termination reasons', () => {
      const crash = {
        restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, finishedAt: ago(20) } },
      };
      expect(cells(init(crash))).toEqual([
        'web-0',
        '0/1',
        'Init:CrashLoopBackOff',
        '4 (20s ago)',
        '5m',
      ]);
      expect(cells(init({ state: { terminated: { exitCode: 1, reason: 'Error' } } }))[2]).toBe(
        'Init:Error',
      );
      expect(cells(init({ state: { terminated: { exitCode: 3 } } }))[2]).toBe('Init:ExitCode:3');
      expect(cells(init({ state: { terminated: { exitCode: 137, signal: 9 } } }))[2]).toBe(
        'Init:Signal:9',
      );
    });

    it('falls through to the app containers once all init containers finished', () => {
      expect(cells(init(done, done))[2]).toBe('PodInitializing');
    });
  });

  describe('sidecars (restartable init containers)', () => {
    const spec = {
      initContainers: [{ name: 'proxy', restartPolicy: 'Always' }],
      containers: [{ name: 'app' }],
    };

    it('counts a started sidecar in READY and TOTAL, and its restarts', () => {
      const p = pod(spec, {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }, readyCond],
        initContainerStatuses: [
          {
            name: 'proxy',
            ready: true,
            started: true,
            restartCount: 1,
            state: running,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } },
          },
        ],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
      });
      expect(cells(p)).toEqual(['web-0', '2/2', 'Running', '1 (90s ago)', '5m']);
    });

    it('reports a sidecar that has not started as initializing', () => {
      const p = pod(spec, {
        phase: 'Pending',
        initContainerStatuses: [
          {
            name: 'proxy',
            ready: false,
            started: false,
            restartCount: 0,
            state: { waiting: { reason: 'ContainerCreating' } },
          },
        ],
      });
      expect(cells(p)).toEqual(['web-0', '0/2', 'Init:ContainerCreating', '0', '5m']);
    });
  });

  it('prints readiness gates as true/total', () => {
    const p = pod(
      {
        readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }],
      },
      {
        phase: 'Running',
        conditions: [
          { type: 'example.com/lb', status: 'True' },
          { type: 'example.com/dns', status: 'False' },
        ],
      },
    );
    expect(printPod(p, now).cells[8]).toBe('1/2');
  });

  it('prints the nominated node', () => {
    expect(printPod(pod({}, { phase: 'Pending', nominatedNodeName: 'node-2' }), now).cells[7]).toBe(
      'node-2',
    );
  });

  it('prints <unknown> age without a creation timestamp', () => {
    expect(cells(pod({}, { phase: 'Pending' }, { creationTimestamp: undefined }))[4]).toBe(
      '<unknown>',
    );
  });
});
