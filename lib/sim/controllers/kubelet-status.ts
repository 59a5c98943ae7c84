import { createHash, randomBytes } from 'node:crypto';
import { rfc3339 } from '../clock';
import type { KObject } from '../store/types';

interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt?: string | null;
  finishedAt: string;
  containerID?: string;
}

export interface ContainerState {
  running?: { startedAt: string };
  waiting?: { reason: string; message?: string };
  terminated?: Terminated;
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  started: boolean;
  ready: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  lastProbeTime: null;
  lastTransitionTime: string;
}

/** A pod's status as the kubelet writes it (the rest of the wire object is kept as is). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary wire JSON
export type PodStatus = Record<string, any>;

/** The order in which the kubelet lists pod conditions. */
const CONDITION_ORDER = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

/** The registry and tag containerd reports for an image reference (`nginx` → `docker.io/library/nginx:latest`). */
export function normaliseImage(image: string): string {
  const [path = '', digest] = image.split('@');
  const slash = path.indexOf('/');
  const first = path.slice(0, slash);
  const hasRegistry =
    slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let name = hasRegistry ? path : `docker.io/${slash >= 0 ? path : `library/${path}`}`;
  if (digest) return `${name}@${digest}`;
  if (!(name.split('/').pop() ?? '').includes(':')) name += ':latest';
  return name;
}

/** A stable digest per image, so that every pod of one image reports the same imageID. */
function imageID(image: string): string {
  const name = normaliseImage(image);
  if (name.includes('@')) return name;
  const repo = name.slice(0, name.lastIndexOf(':'));
  return `${repo}@sha256:${createHash('sha256').update(name).digest('hex')}`;
}

/** The pod's app containers, as the kubelet runs them. */
export function containersOf(pod: KObject): { name: string; image: string }[] {
  return ((pod.spec?.containers ?? []) as { name?: string; image?: string }[]).map((c) => ({
    name: c.name ?? '',
    image: c.image ?? '',
  }));
}

export function containerStatuses(status: PodStatus): ContainerStatus[] {
  return (status.containerStatuses ?? []) as ContainerStatus[];
}

/** Upserts a condition in the kubelet's order, keeping lastTransitionTime while its status holds. */
export function setCondition(
  status: PodStatus,
  type: string,
  value: 'True' | 'False',
  now: number,
  reason?: string,
  message?: string,
): void {
  const conditions = (status.conditions ?? []) as Condition[];
  const old = conditions.find((c) => c.type === type);
  const next: Condition = {
    type,
    status: value,
    lastProbeTime: null,
    lastTransitionTime: rfc3339(now),
  };
  if (reason !== undefined) next.reason = reason;
  if (message !== undefined) next.message = message;
  if (old?.status === value) next.lastTransitionTime = old.lastTransitionTime;
  const rank = (t: string) =>
    CONDITION_ORDER.includes(t) ? CONDITION_ORDER.indexOf(t) : CONDITION_ORDER.length;
  const rest = conditions.filter((c) => c !== old);
  const at = rest.findIndex((c) => rank(c.type) > rank(type));
  status.conditions = old
    ? conditions.map((c) => (c === old ? next : c))
    : [...rest.slice(0, at < 0 ? rest.length : at), next, ...(at < 0 ? [] : rest.slice(at))];
}

/**
 * Sets the Ready and ContainersReady conditions, and each container's `ready`, the way the
 * kubelet's status manager derives them from its containers.
 */
export function setReadiness(status: PodStatus, ready: boolean, now: number): void {
  const statuses = containerStatuses(status);
  for (const cs of statuses) cs.ready = ready && cs.state.running !== undefined;
  const unready = statuses.filter((cs) => !cs.ready).map((cs) => cs.name);
  const all = unready.length === 0;
  if (status.phase === 'Succeeded') {
    setCondition(status, 'Ready', 'False', now, 'PodCompleted');
    setCondition(status, 'ContainersReady', 'False', now, 'PodCompleted');
    return;
  }
  const message = `containers with unready status: [${unready.join(' ')}]`;
  for (const type of ['Ready', 'ContainersReady']) {
    if (all) setCondition(status, type, 'True', now);
    else setCondition(status, type, 'False', now, 'ContainersNotReady', message);
  }
}

function runningStatus(c: { name: string; image: string }, startedAt: number): ContainerStatus {
  return {
    name: c.name,
    image: normaliseImage(c.image),
    imageID: imageID(c.image),
    containerID: `containerd://${randomBytes(32).toString('hex')}`,
    started: true,
    ready: false,
    restartCount: 0,
    state: { running: { startedAt: rfc3339(startedAt) } },
    lastState: {},
  };
}

/**
 * What the kubelet reports as soon as it admits a bound pod, before its containers start:
 * still Pending, containers waiting with reason ContainerCreating (kubectl's STATUS column).
 */
export function admitPod(
  status: PodStatus,
  pod: KObject,
  at: number,
  hostIP: string,
  startTime: number,
): void {
  status.phase = 'Pending';
  status.hostIP = hostIP;
  status.hostIPs = [{ ip: hostIP }];
  status.startTime = rfc3339(startTime);
  status.containerStatuses = containersOf(pod).map((c) => ({
    ...neverRan(c),
    imageID: '',
    state: { waiting: { reason: 'ContainerCreating' } },
  }));
  setCondition(status, 'PodReadyToStartContainers', 'False', at);
  setCondition(status, 'Initialized', 'True', at);
  setReadiness(status, false, at);
  if (!status.conditions.some((c: Condition) => c.type === 'PodScheduled')) {
    setCondition(status, 'PodScheduled', 'True', at);
  }
}

/** The kubelet's first status of a started pod: Running, addressed, containers up but not ready. */
export function startPod(
  status: PodStatus,
  pod: KObject,
  at: number,
  net: { hostIP: string; podIP: string; startTime: number },
): void {
  status.phase = 'Running';
  status.hostIP = net.hostIP;
  status.hostIPs = [{ ip: net.hostIP }];
  status.podIP = net.podIP;
  status.podIPs = [{ ip: net.podIP }];
  status.startTime = rfc3339(net.startTime);
  status.containerStatuses = containersOf(pod).map((c) => runningStatus(c, at));
  setCondition(status, 'PodReadyToStartContainers', 'True', at);
  setCondition(status, 'Initialized', 'True', at);
  setReadiness(status, false, at);
  if (!status.conditions.some((c: Condition) => c.type === 'PodScheduled')) {
    setCondition(status, 'PodScheduled', 'True', at);
  }
}

/** The app exits with an error (crash-loop): each running container terminates with code 1. */
export function crashContainers(status: PodStatus, at: number): void {
  for (const cs of containerStatuses(status)) {
    if (!cs.state.running) continue;
    cs.state = {
      terminated: {
        exitCode: 1,
        reason: 'Error',
        startedAt: cs.state.running.startedAt,
        finishedAt: rfc3339(at),
        containerID: cs.containerID,
      },
    };
    cs.started = false;
  }
  setReadiness(status, false, at);
}

/** Back-off after a crash: CrashLoopBackOff, one more restart, the crash kept as lastState. */
export function backOffContainers(status: PodStatus, pod: KObject, delayMs: number): void {
  const podRef = `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
  for (const cs of containerStatuses(status)) {
    if (!cs.state.terminated) continue;
    cs.lastState = { terminated: cs.state.terminated };
    cs.restartCount += 1;
    const message = `back-off ${formatDelay(delayMs)} restarting failed container=${cs.name} pod=${podRef}`;
    cs.state = { waiting: { reason: 'CrashLoopBackOff', message } };
  }
}

/** The restarted containers run again under new container IDs. */
export function restartContainers(status: PodStatus, at: number): void {
  for (const cs of containerStatuses(status)) {
    if (!cs.state.waiting) continue;
    cs.containerID = `containerd://${randomBytes(32).toString('hex')}`;
    cs.state = { running: { startedAt: rfc3339(at) } };
    cs.started = true;
  }
}

/**
 * Every container stops (`exitedInTime`: exit 0 Completed, else SIGKILL: 137 Error) and the
 * pod turns terminal: Succeeded when all exited 0, else Failed. Containers that were not
 * running keep their last termination, or are unknown if they never ran.
 */
export function terminatePod(
  status: PodStatus,
  pod: KObject,
  at: number,
  exitedInTime: boolean,
): void {
  const finishedAt = rfc3339(at);
  const known = new Map(containerStatuses(status).map((cs) => [cs.name, cs]));
  status.containerStatuses = containersOf(pod).map((c) => {
    const cs = known.get(c.name) ?? neverRan(c);
    const running = cs.state.running;
    const terminated: Terminated = running
      ? {
          exitCode: exitedInTime ? 0 : 137,
          reason: exitedInTime ? 'Completed' : 'Error',
          startedAt: running.startedAt,
          finishedAt,
        }
      : (cs.state.terminated ?? cs.lastState.terminated ?? unknownTermination(finishedAt));
    if (running && cs.containerID) terminated.containerID = cs.containerID;
    return { ...cs, started: false, ready: false, state: { terminated } };
  });
  const succeeded = containerStatuses(status).every((cs) => cs.state.terminated?.exitCode === 0);
  status.phase = succeeded ? 'Succeeded' : 'Failed';
  setCondition(status, 'PodReadyToStartContainers', 'False', at);
  setReadiness(status, false, at);
}

function neverRan(c: { name: string; image: string }): ContainerStatus {
  const image = normaliseImage(c.image);
  const id = imageID(c.image);
  return {
    name: c.name,
    image,
    imageID: id,
    started: false,
    ready: false,
    restartCount: 0,
    state: {},
    lastState: {},
  };
}

function unknownTermination(finishedAt: string): Terminated {
  return {
    exitCode: 137,
    reason: 'ContainerStatusUnknown',
    message: 'The container could not be located when the pod was terminated',
    startedAt: null,
    finishedAt,
  };
}

/** A Go duration as the kubelet prints it in back-off messages (`10s`, `2m40s`, `5m0s`). */
function formatDelay(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}
