import type { V1ContainerStateTerminated, V1Pod } from '@kubernetes/client-node';
import { ANNOTATIONS, DEFAULTS_MS } from '../controllers/annotations';

/** How a workload's pods behave in the copy: the pod behaviour annotations of lib/sim/README.md. */
export interface WorkloadTimes {
  /** From binding to Running (`sim.drainboard.dev/start-after`). */
  startMs: number;
  /** From Running to Ready (`sim.drainboard.dev/ready-after`). */
  readyMs: number;
  /** From SIGTERM to the app's exit (`sim.drainboard.dev/shutdown-after`). */
  shutdownMs: number;
  /** Whether the containers exit soon after each start (`sim.drainboard.dev/crash-loop`). */
  crashLoop: boolean;
}

/** Inferred start and readiness times beyond this are clamped to it. */
const MAX_MS = 10 * 60_000;

type Time = Date | string | undefined;

const at = (t: Time): number | undefined => (t === undefined ? undefined : new Date(t).getTime());

function conditionTime(pod: V1Pod, type: string): number | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === type && x.status === 'True');
  return at(c?.lastTransitionTime);
}

/** When the last container started, if every container runs and none has restarted. */
function runningSince(pod: V1Pod): number | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  if (statuses.length === 0 || statuses.some((s) => s.restartCount > 0)) return undefined;
  const starts = statuses.map((s) => at(s.state?.running?.startedAt));
  if (starts.some((s) => s === undefined)) return undefined;
  return Math.max(...(starts as number[]));
}

function median(samples: number[]): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Whole seconds (the API's times have no finer precision), within 0 to 10 minutes. */
const clamp = (ms: number): number => Math.min(MAX_MS, Math.max(0, Math.round(ms / 1000) * 1000));

function medianGap(pods: V1Pod[], from: (p: V1Pod) => number | undefined, to: typeof from) {
  const gaps = pods.flatMap((p) => {
    const a = from(p);
    const b = to(p);
    return a === undefined || b === undefined ? [] : [b - a];
  });
  const m = median(gaps);
  return m === undefined ? undefined : clamp(m);
}

const failed = (t: V1ContainerStateTerminated | undefined): boolean =>
  t !== undefined && t.exitCode !== 0;

/** Not Ready, with a container in back-off or restarted after a failed exit. */
function crashLooping(pod: V1Pod): boolean {
  if (conditionTime(pod, 'Ready') !== undefined) return false;
  return (pod.status?.containerStatuses ?? []).some(
    (s) =>
      s.state?.waiting?.reason === 'CrashLoopBackOff' ||
      (s.restartCount > 0 && failed(s.state?.terminated ?? s.lastState?.terminated)),
  );
}

/**
 * What a workload's real pods suggest of its times, each field only when some pod shows it:
 * - `startMs`: median of (latest container `state.running.startedAt` − `PodScheduled` time),
 *   over pods whose containers all run and never restarted;
 * - `readyMs`: median of (`Ready` condition's `lastTransitionTime` − that start), over those
 *   that are Ready;
 * - `crashLoop`: more than half of the pods crash-loop: not Ready, with a container in
 *   `CrashLoopBackOff` or restarted after a non-zero exit.
 * Times are rounded to whole seconds and clamped to 0–10 minutes. Shutdown times leave no
 * trace on a pod, so `shutdownMs` is never inferred.
 */
export function inferTimes(pods: V1Pod[]): Partial<WorkloadTimes> {
  const out: Partial<WorkloadTimes> = {};
  const scheduled = (p: V1Pod) => conditionTime(p, 'PodScheduled');
  const ready = (p: V1Pod) => conditionTime(p, 'Ready');
  const startMs = medianGap(pods, scheduled, runningSince);
  const readyMs = medianGap(pods, runningSince, ready);
  if (startMs !== undefined) out.startMs = startMs;
  if (readyMs !== undefined) out.readyMs = readyMs;
  if (pods.length > 0) out.crashLoop = pods.filter(crashLooping).length > pods.length / 2;
  return out;
}

/**
 * A workload's times: `given` first, then what its pods suggest, then the simulator's
 * defaults; the default shutdown time is capped by the grace period, so that a default never
 * turns a clean exit into a kill.
 */
export function resolveTimes(
  pods: V1Pod[],
  graceSeconds: number | undefined,
  given: Partial<WorkloadTimes> = {},
): WorkloadTimes {
  const defaults: WorkloadTimes = {
    startMs: DEFAULTS_MS.startAfter,
    readyMs: DEFAULTS_MS.readyAfter,
    shutdownMs: Math.min(DEFAULTS_MS.shutdownAfter, (graceSeconds ?? 30) * 1000),
    crashLoop: false,
  };
  const defined = Object.entries(given).filter(([, v]) => v !== undefined);
  return { ...defaults, ...inferTimes(pods), ...Object.fromEntries(defined) };
}

/** A duration in Go syntax, as the annotations take it: `3s`, `1500ms`. */
function goDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${whole}ms`;
}

/** The pod template annotations that give the copy's pods these times. */
export function timeAnnotations(t: WorkloadTimes): Record<string, string> {
  return {
    [ANNOTATIONS.startAfter]: goDuration(t.startMs),
    [ANNOTATIONS.readyAfter]: goDuration(t.readyMs),
    [ANNOTATIONS.shutdownAfter]: goDuration(t.shutdownMs),
    ...(t.crashLoop ? { [ANNOTATIONS.crashLoop]: 'true' } : {}),
  };
}
