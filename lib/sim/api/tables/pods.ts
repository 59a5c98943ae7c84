/**
 * `printPod` of pkg/printers/internalversion/printers.go: the READY / STATUS / RESTARTS
 * summary kubectl shows for pods, including its init-container and sidecar rules.
 */
import type { KObject } from '../../store/types';
import { metaDoc, podDoc } from './docs';
import { humanDuration, translateTimestampSince } from './duration';
import { int, isSet, list, rec, str, timeMs, type JsonObject } from './read';
import { column, type PrintedRow, type Printer, type TableRowCondition } from './types';

/** `node.NodeUnreachablePodReason`: a pod on a lost node shows `Unknown`, not Terminating. */
const NODE_UNREACHABLE_REASON = 'NodeLost';

const podColumns = [
  column('Name', 'string', metaDoc.name, { format: 'name' }),
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  column('Age', 'string', metaDoc.creationTimestamp),
  column('IP', 'string', podDoc.podIP, { priority: 1 }),
  column('Node', 'string', podDoc.nodeName, { priority: 1 }),
  column('Nominated Node', 'string', podDoc.nominatedNodeName, { priority: 1 }),
  column('Readiness Gates', 'string', podDoc.readinessGates, { priority: 1 }),
];

const succeeded: TableRowCondition[] = [
  {
    type: 'Completed',
    status: 'True',
    reason: 'Succeeded',
    message: 'The pod has completed successfully.',
  },
];
const failed: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/** A sidecar: an init container with `restartPolicy: Always` keeps running after init. */
function isRestartable(container: JsonObject | undefined): boolean {
  return container !== undefined && container.restartPolicy === 'Always';
}

/** The later of two `metav1.Time`s, undefined standing in for Go's zero time. */
function later(a: number | undefined, b: number | undefined): number | undefined {
  if (b === undefined) return a;
  return a === undefined || a < b ? b : a;
}

function lastTerminatedAt(cs: JsonObject): number | undefined {
  const last = rec(cs.lastState).terminated;
  return isSet(last) ? timeMs(rec(last).finishedAt) : undefined;
}

/** `Signal:N` / `ExitCode:N` for a terminated container that gave no reason. */
function exitReason(terminated: JsonObject): string {
  const signal = int(terminated.signal);
  return signal !== 0 ? `Signal:${signal}` : `ExitCode:${int(terminated.exitCode)}`;
}

function hasCondition(status: JsonObject, type: string): boolean {
  return list(status.conditions).some((c) => c.type === type && c.status === 'True');
}

/** `isPodInitializedConditionTrue`: only the first Initialized condition counts. */
function initializedConditionTrue(status: JsonObject): boolean {
  const cond = list(status.conditions).find((c) => c.type === 'Initialized');
  return cond !== undefined && cond.status === 'True';
}

/** `Ready/Total` of readiness gates whose pod condition is True, `<none>` without gates. */
function readinessGatesCell(spec: JsonObject, status: JsonObject): string {
  const gates = list(spec.readinessGates);
  if (gates.length === 0) return '<none>';
  const conditions = list(status.conditions);
  const ready = gates.filter((g) => {
    const cond = conditions.find((c) => c.type === g.conditionType);
    return cond !== undefined && cond.status === 'True';
  }).length;
  return `${ready}/${gates.length}`;
}

/** The first pod IP; the v1→internal conversion fills `podIPs` from a lone `podIP`. */
function podIP(status: JsonObject): string {
  const first = list(status.podIPs)[0];
  const ip = first !== undefined ? str(first.ip) : str(status.podIP);
  return ip === '' ? '<none>' : ip;
}

/** The cells of one pod row, always wide (kubectl drops the priority-1 columns itself). */
export function printPod(pod: KObject, now: number): PrintedRow {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const initSpecs = list(spec.initContainers);
  const phase = str(status.phase);

  let reason = str(status.reason) !== '' ? str(status.reason) : phase;
  for (const c of list(status.conditions)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let readyContainers = 0;
  const byName = new Map(initSpecs.map((c) => [str(c.name), c]));
  const totalContainers =
    list(spec.containers).length + initSpecs.filter((c) => isRestartable(c)).length;

  let initializing = false;
  const initStatuses = list(status.initContainerStatuses);
  for (const [i, cs] of initStatuses.entries()) {
    const state = rec(cs.state);
    const terminated = isSet(state.terminated) ? rec(state.terminated) : undefined;
    const waiting = isSet(state.waiting) ? rec(state.waiting) : undefined;
    const sidecar = isRestartable(byName.get(str(cs.name)));
    restarts += int(cs.restartCount);
    lastRestart = later(lastRestart, lastTerminatedAt(cs));
    if (sidecar) {
      sidecarRestarts += int(cs.restartCount);
      lastSidecarRestart = later(lastSidecarRestart, lastTerminatedAt(cs));
    }
    if (terminated !== undefined && int(terminated.exitCode) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready === true) readyContainers++;
      continue;
    }
    // The first init container that has not finished decides the status.
    if (terminated !== undefined) {
      const why = str(terminated.reason);
      reason = why === '' ? `Init:${exitReason(terminated)}` : `Init:${why}`;
    } else if (
      waiting !== undefined &&
      str(waiting.reason) !== '' &&
      waiting.reason !== 'PodInitializing'
    ) {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedConditionTrue(status)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    // Walked last to first, so the first container with a reason has the final say.
    for (const cs of list(status.containerStatuses).reverse()) {
      const state = rec(cs.state);
      restarts += int(cs.restartCount);
      lastRestart = later(lastRestart, lastTerminatedAt(cs));
      const waiting = rec(state.waiting);
      const terminated = isSet(state.terminated) ? rec(state.terminated) : undefined;
      if (isSet(state.waiting) && str(waiting.reason) !== '') {
        reason = str(waiting.reason);
      } else if (terminated !== undefined) {
        reason = str(terminated.reason) !== '' ? str(terminated.reason) : exitReason(terminated);
      } else if (cs.ready === true && isSet(state.running)) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose containers partly completed is still Running while one runs.
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(status, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = isSet(pod.metadata.deletionTimestamp);
  if (deleting && str(status.reason) === NODE_UNREACHABLE_REASON) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  const restartsCell =
    restarts !== 0 && lastRestart !== undefined
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);

  const nodeName = str(spec.nodeName);
  const nominated = str(status.nominatedNodeName);
  const row: PrintedRow = {
    cells: [
      pod.metadata.name ?? '',
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsCell,
      translateTimestampSince(pod.metadata.creationTimestamp, now),
      podIP(status),
      nodeName === '' ? '<none>' : nodeName,
      nominated === '' ? '<none>' : nominated,
      readinessGatesCell(spec, status),
    ],
  };
  if (phase === 'Succeeded') row.conditions = succeeded;
  if (phase === 'Failed') row.conditions = failed;
  return row;
}

/** Pods: Name, Ready, Status, Restarts, Age; wide IP, Node, Nominated Node, Readiness Gates. */
export const podPrinter: Printer = { columns: podColumns, row: printPod };
