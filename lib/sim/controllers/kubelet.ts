import type { TimerHandle } from '../clock';
import { resourceType } from '../store/resources';
import type { KObject, StoredEvent } from '../store/types';
import { keyOf, splitKey, type Controller, type ControllerContext } from './context';
import {
  NodeNetwork,
  hasReadyCondition,
  registeredStatus,
  registrationLabels,
} from './kubelet-node';
import { PodLifecycle, type PodRun } from './kubelet-pod';
import { WorkQueue } from './queue';

const pods = resourceType('pods');
const nodes = resourceType('nodes');

/**
 * The kubelet of every node, driven by the pod's `sim.drainboard.dev/*` annotations (see
 * annotations.ts): containers start `start-after` once the kubelet sees the pod bound, turn
 * Ready `ready-after` after they start, crash-loop with the kubelet's restart back-off, and
 * stop gracefully on deletion, ended by the kubelet's final DELETE with grace 0 and a UID
 * precondition. It also registers Nodes that no kubelet has reported on (no Ready condition).
 * Pods bound to a node that does not exist wait, as they would for a kubelet that never came.
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
 */
export function createKubelet(ctx: ControllerContext): Controller {
  return new Kubelet(ctx);
}

class Kubelet implements Controller {
  private readonly runs = new Map<string, PodRun>();
  private readonly timers = new Map<string, { at: number; handle: TimerHandle }>();
  /** Pods bound to a node that does not exist (yet): synced when a node is added. */
  private readonly homeless = new Set<string>();
  private readonly network = new NodeNetwork();
  private readonly lifecycle: PodLifecycle;
  private readonly podQueue: WorkQueue;
  private readonly nodeQueue: WorkQueue;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly ctx: ControllerContext) {
    this.podQueue = new WorkQueue(ctx.clock, (key) => this.sync(key));
    this.nodeQueue = new WorkQueue(ctx.clock, (name) => this.register(name));
    this.lifecycle = new PodLifecycle(ctx, this.network);
  }

  start(): void {
    this.unsubscribe = this.ctx.store.subscribe((e) => this.onEvent(e));
    for (const node of this.ctx.store.list('nodes')) {
      this.network.indexOf(node.metadata.name ?? '');
      if (!hasReadyCondition(node)) this.nodeQueue.add(node.metadata.name ?? '');
    }
    for (const pod of this.ctx.store.list('pods')) {
      if (typeof pod.status?.podIP === 'string') this.network.claim(keyOf(pod), pod.status.podIP);
      if (pod.spec?.nodeName) this.podQueue.add(keyOf(pod));
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.podQueue.stop();
    this.nodeQueue.stop();
    for (const { handle } of this.timers.values()) this.ctx.clock.clearTimeout(handle);
    this.timers.clear();
  }

  private onEvent(e: StoredEvent): void {
    if (e.resource === 'nodes') {
      if (e.type === 'DELETED') return;
      if (!hasReadyCondition(e.object)) this.nodeQueue.add(e.object.metadata.name ?? '');
      for (const key of this.homeless) this.podQueue.add(key);
      this.homeless.clear();
      return;
    }
    if (e.resource !== 'pods') return;
    const key = keyOf(e.object);
    if (e.type === 'DELETED') this.forget(key);
    else if (e.object.spec?.nodeName) this.podQueue.add(key);
  }

  private register(name: string): void {
    const node = this.ctx.registry.tryGet(nodes, '', name);
    if (!node || hasReadyCondition(node)) return;
    this.ctx.registry.mutate(nodes, '', name, (n) => {
      n.metadata.labels = registrationLabels(n);
    });
    const hostIP = this.network.hostIP(node);
    const post = (n: KObject) => (n.status = registeredStatus(n, hostIP, this.now()));
    this.ctx.registry.mutate(nodes, '', name, post, { subresource: 'status' });
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  /** One step of the pod's life if one is due; otherwise a timer for when the next one is. */
  private sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const pod = this.ctx.registry.tryGet(pods, namespace, name);
    if (!pod) return this.forget(key);
    const nodeName = pod.spec?.nodeName as string | undefined;
    if (!nodeName) return;
    const node = this.ctx.registry.tryGet(nodes, '', nodeName);
    if (!node) {
      this.homeless.add(key);
      return;
    }
    const run = this.runOf(key, pod);
    const next = this.lifecycle.step(key, pod, node, run);
    if (next !== undefined) this.wake(key, next);
  }

  private runOf(key: string, pod: KObject): PodRun {
    const uid = pod.metadata.uid ?? '';
    let run = this.runs.get(key);
    if (run?.uid !== uid) {
      // A new pod under an old name starts from nothing.
      if (run) this.forget(key);
      run = { uid, boundAt: this.now() };
      this.runs.set(key, run);
    }
    return run;
  }

  /** Arms the pod's timer for `at`, unless an earlier one is armed: that sync re-plans. */
  private wake(key: string, at: number): void {
    const now = this.now();
    if (at <= now) return this.podQueue.add(key);
    const armed = this.timers.get(key);
    if (armed && armed.at <= at) return;
    if (armed) this.ctx.clock.clearTimeout(armed.handle);
    const handle = this.ctx.clock.setTimeout(() => {
      this.timers.delete(key);
      this.podQueue.add(key);
    }, at - now);
    this.timers.set(key, { at, handle });
  }

  private forget(key: string): void {
    const armed = this.timers.get(key);
    if (armed) this.ctx.clock.clearTimeout(armed.handle);
    this.timers.delete(key);
    this.runs.delete(key);
    this.homeless.delete(key);
    this.network.release(key);
  }
}
