import { annotationDuration } from '../duration';
import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';
import { ANNOTATIONS, DEFAULTS_MS, neverReady } from './annotations';
import { isTerminal, type ControllerContext } from './context';
import type { NodeNetwork } from './kubelet-node';
import {
  backOffContainers,
  containerStatuses,
  containersOf,
  crashContainers,
  restartContainers,
  setReadiness,
  admitPod,
  startPod,
  terminatePod,
  type PodStatus,
} from './kubelet-status';

const pods = resourceType('pods');

/** How long a crash-looping app runs before it exits with an error. */
const CRASH_AFTER_MS = 1000;
/** The kubelet's container restart back-off: 10s doubling to 5m. */
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

/** What the kubelet remembers of one pod; planned instants, so a late sync does not drift. */
export interface PodRun {
  uid: string;
  /** When the kubelet first saw the pod bound to its node: start-after counts from here. */
  boundAt: number;
  /** When the current containers started: ready-after and the crash count from here. */
  since?: number;
  backOffUntil?: number;
  /** When the kubelet began stopping the pod (first saw its deletionTimestamp). */
  killStartedAt?: number;
}

function backOffDelay(restartCount: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, restartCount - 1), BACKOFF_MAX_MS);
}

/** The instant a running container started, from its status (after a kubelet restart). */
function startedAtOf(pod: KObject): number | undefined {
  const running = containerStatuses(pod.status ?? {}).find((cs) => cs.state.running)?.state.running;
  return running ? Date.parse(running.startedAt) : undefined;
}

/**
 * One pod's life on its node, one transition per step, driven by the pod's
 * `sim.drainboard.dev/*` annotations: start, readiness, crash loop with the kubelet's restart
 * back-off (10s doubling to 5m), graceful termination and the kubelet's final DELETE.
 * Transitions are read back from the stored status, so none is ever made twice.
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/
 */
export class PodLifecycle {
  constructor(
    private readonly ctx: ControllerContext,
    private readonly network: NodeNetwork,
  ) {}

  private now(): number {
    return this.ctx.clock.now();
  }

  /** Returns when to look again: `now` right after a transition, `undefined` when idle. */
  step(key: string, pod: KObject, node: KObject, run: PodRun): number | undefined {
    if (isTerminal(pod)) return this.finishDeletion(pod);
    if (pod.metadata.deletionTimestamp) return this.terminate(pod, run);
    if (pod.status?.phase !== 'Running') return this.startIfDue(key, pod, node, run);
    run.since ??= startedAtOf(pod) ?? this.now();
    if (pod.metadata.annotations?.[ANNOTATIONS.crashLoop] === 'true')
      return this.crashLoop(pod, run);
    return this.readyIfDue(pod, run);
  }

  private startIfDue(key: string, pod: KObject, node: KObject, run: PodRun): number | undefined {
    const ann = pod.metadata.annotations;
    const at =
      run.boundAt + annotationDuration(ann, ANNOTATIONS.startAfter, DEFAULTS_MS.startAfter);
    if (this.now() < at) {
      if (pod.status?.containerStatuses === undefined) {
        const hostIP = this.network.hostIP(node);
        this.writeStatus(pod, (s) => admitPod(s, pod, this.now(), hostIP, run.boundAt));
      }
      return at;
    }
    const net = {
      hostIP: this.network.hostIP(node),
      podIP: this.network.allocate(key, node.metadata.name ?? ''),
      startTime: run.boundAt,
    };
    this.writeStatus(pod, (s) => startPod(s, pod, at, net));
    run.since = at;
    this.recordStarts(pod);
    return this.now();
  }

  private readyIfDue(pod: KObject, run: PodRun): number | undefined {
    const ann = pod.metadata.annotations;
    if (neverReady(ann, pod.metadata.creationTimestamp)) return undefined;
    const statuses = containerStatuses(pod.status ?? {});
    if (statuses.every((cs) => cs.ready)) return undefined;
    const at =
      (run.since ?? this.now()) +
      annotationDuration(ann, ANNOTATIONS.readyAfter, DEFAULTS_MS.readyAfter);
    if (this.now() < at) return at;
    this.writeStatus(pod, (s) => setReadiness(s, true, at));
    return undefined;
  }

  /** Running → exits 1 → CrashLoopBackOff (restartCount+1) → restarted after the back-off. */
  private crashLoop(pod: KObject, run: PodRun): number | undefined {
    const first = containerStatuses(pod.status ?? {})[0];
    if (!first) return undefined;
    const since = run.since ?? this.now();
    if (first.state.running) {
      const at = since + CRASH_AFTER_MS;
      if (this.now() < at) return at;
      this.writeStatus(pod, (s) => crashContainers(s, at));
      return this.now();
    }
    if (first.state.terminated) {
      const delay = backOffDelay(first.restartCount + 1);
      run.backOffUntil = since + CRASH_AFTER_MS + delay;
      this.writeStatus(pod, (s) => backOffContainers(s, pod, delay));
      for (const c of containersOf(pod)) {
        const podRef = `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
        this.record(
          pod,
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${c.name} in pod ${podRef}`,
        );
      }
      return run.backOffUntil;
    }
    const until = (run.backOffUntil ??= this.now() + backOffDelay(first.restartCount));
    if (this.now() < until) return until;
    this.writeStatus(pod, (s) => restartContainers(s, until));
    run.since = until;
    this.recordStarts(pod);
    return this.now();
  }

  /**
   * Graceful termination: not Ready at once; the app exits (code 0) `shutdown-after` after the
   * kill began, unless the deadline (deletionTimestamp, which a shorter grace moves earlier)
   * comes first (SIGKILL, 137). Then the pod turns terminal.
   */
  private terminate(pod: KObject, run: PodRun): number {
    const now = this.now();
    if (run.killStartedAt === undefined) {
      run.killStartedAt = now;
      for (const cs of containerStatuses(pod.status ?? {})) {
        if (cs.state.running)
          this.record(pod, 'Normal', 'Killing', `Stopping container ${cs.name}`);
      }
    }
    const deadline = Date.parse(pod.metadata.deletionTimestamp ?? '');
    const shutdown = annotationDuration(
      pod.metadata.annotations,
      ANNOTATIONS.shutdownAfter,
      DEFAULTS_MS.shutdownAfter,
    );
    const exitsAt = run.killStartedAt + shutdown;
    const anyRunning = containerStatuses(pod.status ?? {}).some((cs) => cs.state.running);
    const stopAt = anyRunning ? Math.min(exitsAt, deadline) : now;
    if (now < stopAt) {
      this.writeStatus(pod, (s) => setReadiness(s, false, now));
      return stopAt;
    }
    this.writeStatus(pod, (s) => terminatePod(s, pod, stopAt, exitsAt <= deadline));
    return now;
  }

  /** The kubelet's final DELETE once the pod is terminal; finalizers may still keep it. */
  private finishDeletion(pod: KObject): undefined {
    const meta = pod.metadata;
    if (!meta.deletionTimestamp || (meta.deletionGracePeriodSeconds ?? 0) === 0) return undefined;
    this.ctx.registry.delete(pods, meta.namespace ?? '', meta.name ?? '', {
      gracePeriodSeconds: 0,
      preconditions: { uid: meta.uid ?? '' },
    });
    return undefined;
  }

  private recordStarts(pod: KObject): void {
    for (const c of containersOf(pod)) {
      this.record(
        pod,
        'Normal',
        'Pulled',
        `Container image "${c.image}" already present on machine`,
      );
      this.record(pod, 'Normal', 'Created', `Created container: ${c.name}`);
      this.record(pod, 'Normal', 'Started', `Started container ${c.name}`);
    }
  }

  /** Like client-go's recorder, a refused event (terminating namespace) is dropped, not retried. */
  private record(pod: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    try {
      this.ctx.events.record(pod, type, reason, message, 'kubelet', pod.spec?.nodeName as string);
    } catch {
      // Dropped, as above.
    }
  }

  private writeStatus(pod: KObject, fn: (status: PodStatus) => void): void {
    const { namespace = '', name = '' } = pod.metadata;
    this.ctx.registry.mutate(pods, namespace, name, (p) => fn((p.status ??= {})), {
      subresource: 'status',
    });
  }
}
