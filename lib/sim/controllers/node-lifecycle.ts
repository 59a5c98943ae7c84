import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';
import type { Controller, ControllerContext } from './context';
import { WorkQueue } from './queue';

const nodes = resourceType('nodes');

/** The taint the node lifecycle controller keeps in step with `spec.unschedulable`. */
export const UNSCHEDULABLE_TAINT = {
  key: 'node.kubernetes.io/unschedulable',
  effect: 'NoSchedule',
};

interface Taint {
  key: string;
  effect: string;
  value?: string;
  timeAdded?: string;
}

const isUnschedulableTaint = (t: Taint) =>
  t.key === UNSCHEDULABLE_TAINT.key && t.effect === UNSCHEDULABLE_TAINT.effect;

/**
 * The node lifecycle controller's TaintNodesByCondition for cordoning
 * (pkg/controller/nodelifecycle): a node with `spec.unschedulable: true` carries the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint, and loses it when uncordoned.
 */
export function createNodeLifecycleController(ctx: ControllerContext): Controller {
  const queue = new WorkQueue(ctx.clock, (name) => sync(ctx, name));
  let unsubscribe = (): void => undefined;
  return {
    start() {
      unsubscribe = ctx.store.subscribe((e) => {
        if (e.resource === 'nodes' && e.type !== 'DELETED') queue.add(e.object.metadata.name ?? '');
      });
    },
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}

function sync(ctx: ControllerContext, name: string): void {
  ctx.registry.mutate(nodes, '', name, (node: KObject) => {
    const taints = ((node.spec?.taints ?? []) as Taint[]).filter((t) => !isUnschedulableTaint(t));
    if (node.spec?.unschedulable === true) taints.push({ ...UNSCHEDULABLE_TAINT });
    node.spec = { ...(node.spec ?? {}) };
    if (taints.length > 0) node.spec.taints = taints;
    else delete node.spec.taints;
  });
}
