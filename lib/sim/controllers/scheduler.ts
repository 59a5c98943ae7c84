import { rfc3339 } from '../clock';
import { resourceType } from '../store/resources';
import type { KObject, StoredEvent } from '../store/types';
import {
  controllerRef,
  isActive,
  keyOf,
  splitKey,
  type Controller,
  type ControllerContext,
} from './context';
import { WorkQueue } from './queue';
import { fitErrorMessage, isNodeReady, unfitReason } from './scheduler-filters';

const pods = resourceType('pods');
const COMPONENT = 'default-scheduler';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime: null;
  lastTransitionTime: string;
}

/**
 * Active pods per node, and per (controller, node), kept current from the store's events so
 * that placing one pod costs O(nodes) however many pods the cluster holds.
 */
class Placement {
  private readonly byPod = new Map<string, { node: string; owner: string }>();
  private readonly perNode = new Map<string, number>();
  private readonly perOwner = new Map<string, number>();

  observe(e: StoredEvent): void {
    const key = keyOf(e.object);
    const old = this.byPod.get(key);
    if (old) this.count(old.node, old.owner, -1);
    this.byPod.delete(key);
    const pod = e.object;
    const node = pod.spec?.nodeName as string | undefined;
    if (e.type === 'DELETED' || !node || !isActive(pod)) return;
    const owner = controllerRef(pod)?.uid ?? '';
    this.byPod.set(key, { node, owner });
    this.count(node, owner, 1);
  }

  total(node: string): number {
    return this.perNode.get(node) ?? 0;
  }

  ofOwner(owner: string, node: string): number {
    return owner === '' ? 0 : (this.perOwner.get(`${owner}|${node}`) ?? 0);
  }

  private count(node: string, owner: string, delta: number): void {
    this.perNode.set(node, this.total(node) + delta);
    if (owner !== '') this.perOwner.set(`${owner}|${node}`, this.ofOwner(owner, node) + delta);
  }
}

/**
 * Records an event, never failing the caller: like client-go's recorder, a refused event
 * (a terminating namespace) is dropped rather than retried with the pod.
 */
function record(
  ctx: ControllerContext,
  pod: KObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  try {
    ctx.events.record(pod, type, reason, message, COMPONENT);
  } catch {
    // Dropped, as above.
  }
}

/** Whether the default scheduler still has to place this pod. */
function needsScheduling(pod: KObject): boolean {
  return (
    !pod.spec?.nodeName &&
    !pod.metadata.deletionTimestamp &&
    (pod.status?.phase ?? 'Pending') === 'Pending' &&
    (pod.spec?.schedulerName ?? COMPONENT) === COMPONENT
  );
}

/** What of a node the filters read: a change elsewhere (a heartbeat) cannot make a pod fit. */
function schedulingView(node: KObject | undefined): string {
  if (!node) return '';
  const { labels, name } = node.metadata;
  const { unschedulable, taints } = node.spec ?? {};
  return JSON.stringify([name, labels, unschedulable, taints, isNodeReady(node)]);
}

/** Replaces the PodScheduled condition, keeping lastTransitionTime while its status holds. */
function setScheduled(
  pod: KObject,
  next: Omit<Condition, 'lastTransitionTime'>,
  now: number,
): void {
  pod.status = pod.status ?? {};
  const conditions = (pod.status.conditions ?? []) as Condition[];
  const old = conditions.find((c) => c.type === 'PodScheduled');
  const at = old?.status === next.status ? old.lastTransitionTime : rfc3339(now);
  const updated = { ...next, lastTransitionTime: at };
  pod.status.conditions = old
    ? conditions.map((c) => (c === old ? updated : c))
    : [...conditions, updated];
}

/**
 * The default scheduler: binds each pending pod to a Ready node whose unschedulable flag,
 * taints, nodeSelector and required node affinity admit it, preferring the node with the
 * fewest active pods of the same controller, then the fewest active pods, then by name.
 * Pods that fit nowhere get PodScheduled=False (Unschedulable) and a FailedScheduling event,
 * and are retried when a node changes.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/
 */
export function createScheduler(ctx: ControllerContext): Controller {
  const placement = new Placement();
  /** Pods found unschedulable: retried when a node changes. */
  const waiting = new Set<string>();
  let nodes: KObject[] | undefined;
  let unsubscribe: (() => void) | undefined;
  const queue = new WorkQueue(ctx.clock, (key) => schedule(key));

  function onEvent(e: StoredEvent): void {
    if (e.resource === 'nodes') {
      nodes = undefined;
      if (
        schedulingView(e.previous) === schedulingView(e.type === 'DELETED' ? undefined : e.object)
      )
        return;
      for (const key of waiting) queue.add(key);
      return;
    }
    if (e.resource !== 'pods') return;
    placement.observe(e);
    const key = keyOf(e.object);
    if (e.type === 'DELETED' || !needsScheduling(e.object)) {
      waiting.delete(key);
      return;
    }
    // Our own status writes must not re-trigger an attempt; a spec change (tolerations) may.
    const prev = e.previous;
    if (
      !prev ||
      !needsScheduling(prev) ||
      JSON.stringify(prev.spec) !== JSON.stringify(e.object.spec)
    ) {
      queue.add(key);
    }
  }

  function schedule(key: string): void {
    const [namespace, name] = splitKey(key);
    const pod = ctx.registry.tryGet(pods, namespace, name);
    if (!pod || !needsScheduling(pod)) {
      waiting.delete(key);
      return;
    }
    nodes ??= ctx.store.list('nodes');
    const owner = controllerRef(pod)?.uid ?? '';
    const reasons = new Map<string, number>();
    let best: { node: string; mine: number; total: number } | undefined;
    for (const node of nodes) {
      const reason = unfitReason(pod, node);
      if (reason !== undefined) {
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        continue;
      }
      const nodeName = node.metadata.name ?? '';
      const mine = placement.ofOwner(owner, nodeName);
      const total = placement.total(nodeName);
      // Nodes come sorted by name, so a strict comparison keeps the first name on a tie.
      if (!best || mine < best.mine || (mine === best.mine && total < best.total)) {
        best = { node: nodeName, mine, total };
      }
    }
    if (best) bind(pod, key, best.node);
    else reject(pod, key, fitErrorMessage(pod, reasons, nodes.length));
  }

  function bind(pod: KObject, key: string, node: string): void {
    const { namespace = '', name = '' } = pod.metadata;
    const bound = ctx.registry.mutate(
      pods,
      namespace,
      name,
      (p) => {
        p.spec = { ...(p.spec ?? {}), nodeName: node };
        setScheduled(
          p,
          { type: 'PodScheduled', status: 'True', lastProbeTime: null },
          ctx.clock.now(),
        );
      },
      { subresource: 'binding' },
    );
    waiting.delete(key);
    if (!bound) return;
    record(
      ctx,
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${namespace}/${name} to ${node}`,
    );
  }

  function reject(pod: KObject, key: string, message: string): void {
    const { namespace = '', name = '' } = pod.metadata;
    waiting.add(key);
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastProbeTime: null,
    };
    ctx.registry.mutate(pods, namespace, name, (p) => setScheduled(p, condition, ctx.clock.now()), {
      subresource: 'status',
    });
    record(ctx, pod, 'Warning', 'FailedScheduling', message);
  }

  return {
    start() {
      unsubscribe = ctx.store.subscribe(onEvent);
      for (const pod of ctx.store.list('pods')) {
        placement.observe({ rv: 0, type: 'ADDED', resource: 'pods', object: pod });
        if (needsScheduling(pod)) queue.add(keyOf(pod));
      }
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      queue.stop();
    },
  };
}
