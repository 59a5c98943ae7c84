import { resourceType } from '../store/resources';
import type { KObject, StoredEvent } from '../store/types';
import {
  isPodReady,
  isTerminal,
  keyOf,
  splitKey,
  type Controller,
  type ControllerContext,
} from './context';
import { REVISION_LABEL, daemonPod, placement, targetNode } from './daemonset-util';
import { WorkQueue } from './queue';
import {
  createPod,
  deletePod,
  isPodAvailable,
  nextAvailableIn,
  omitZero,
  ownedBy,
  templateHash,
  watchOwned,
  writeStatus,
} from './workload-pods';

const DAEMONSETS = resourceType('apps/daemonsets');
const NODES = resourceType('nodes');
const COMPONENT = 'daemonset-controller';

const nameOf = (o: KObject): string => o.metadata.name ?? '';
const terminating = (pod: KObject): boolean => pod.metadata.deletionTimestamp !== undefined;
const byAge = (a: KObject, b: KObject): number =>
  Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '') ||
  (nameOf(a) < nameOf(b) ? -1 : 1);

/** podsShouldBeOnNode for a node that keeps its daemon: failed and surplus pods go, the oldest stays. */
function prune(ctx: ControllerContext, ds: KObject, node: string, pods: KObject[]): KObject[] {
  const doomed: KObject[] = [];
  const running: KObject[] = [];
  for (const pod of pods.filter((p) => !terminating(p))) {
    if (pod.status?.phase === 'Failed') {
      const message = `Found failed daemon pod ${pod.metadata.namespace ?? ''}/${nameOf(pod)} on node ${node}, will try to kill it`;
      ctx.events.record(ds, 'Warning', 'FailedDaemonPod', message, COMPONENT);
      doomed.push(pod);
    } else if (pod.status?.phase === 'Succeeded') doomed.push(pod);
    else running.push(pod);
  }
  // Scheduled pods first, then the oldest: that one is kept.
  running.sort((a, b) => Number(!a.spec?.nodeName) - Number(!b.spec?.nodeName) || byAge(a, b));
  return [...doomed, ...running.slice(1)];
}

/** manage: one daemon pod on each node that should run it, none on the nodes that should not. */
function manage(
  ctx: ControllerContext,
  ds: KObject,
  nodes: KObject[],
  byNode: Map<string, KObject[]>,
  hash: string,
) {
  const create: string[] = [];
  const remove: KObject[] = [];
  for (const node of nodes) {
    const { run, keep } = placement(ds, node);
    const pods = byNode.get(nameOf(node)) ?? [];
    if (run && pods.length === 0) create.push(nameOf(node));
    else if (keep) remove.push(...prune(ctx, ds, nameOf(node), pods));
    else remove.push(...pods.filter((p) => !terminating(p)));
  }
  for (const node of create) createPod(ctx, ds, daemonPod(ds, node, hash), COMPONENT);
  for (const pod of remove) deletePod(ctx, ds, pod, COMPONENT);
}

/** intstr percent of `total`, rounded up, as the DaemonSet's UnavailableCount resolves it. */
function scaledUp(v: unknown, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  return m ? Math.ceil((Number(m[1]) * total) / 100) : 0;
}

type NodeUpdate = 'unavailable' | 'available' | { replace: KObject } | { candidate: KObject };

/** findUpdatedPodsOnNode and the switch of upstream's rollingUpdate, for one node's live pods. */
function classify(pods: KObject[], hash: string, minReady: number, now: number): NodeUpdate {
  const live = pods.filter((p) => !terminating(p));
  const fresh = live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === hash);
  const old = live.filter((p) => p.metadata.labels?.[REVISION_LABEL] !== hash);
  const [newPod] = fresh;
  const [oldPod] = old;
  if (fresh.length <= 1 && old.length <= 1) {
    if (newPod && !oldPod)
      return isPodAvailable(newPod, minReady, now) ? 'available' : 'unavailable';
    if (oldPod && !newPod) {
      return isPodAvailable(oldPod, minReady, now) ? { candidate: oldPod } : { replace: oldPod };
    }
  }
  // No pod, duplicates, or old and new side by side: manage sorts these out; count them unavailable.
  return 'unavailable';
}

/**
 * rollingUpdate without surge: old-revision pods that are unavailable go at once, available
 * ones only while fewer than maxUnavailable daemon pods are unavailable; manage replaces them.
 */
function rollingUpdate(
  ctx: ControllerContext,
  ds: KObject,
  nodes: KObject[],
  byNode: Map<string, KObject[]>,
  hash: string,
) {
  const strategy = ds.spec?.updateStrategy ?? {};
  if (strategy.type === 'OnDelete') return;
  const wanted = nodes.filter((n) => placement(ds, n).run).map(nameOf);
  // Both limits 0 would never make progress; upstream then allows one unavailable pod.
  const max = Math.max(scaledUp(strategy.rollingUpdate?.maxUnavailable ?? 1, wanted.length), 1);
  const now = ctx.clock.now();
  let unavailable = 0;
  const doomed: KObject[] = [];
  const candidates: KObject[] = [];
  for (const node of [...new Set([...wanted, ...byNode.keys()])].sort()) {
    const verdict = classify(byNode.get(node) ?? [], hash, ds.spec?.minReadySeconds ?? 0, now);
    if (verdict === 'unavailable') unavailable++;
    else if (verdict === 'available') continue;
    else if ('replace' in verdict) doomed.push(verdict.replace);
    else if (unavailable < max) candidates.push(verdict.candidate);
  }
  const room = Math.max(0, max - unavailable);
  for (const pod of [...doomed, ...candidates.slice(0, room)]) deletePod(ctx, ds, pod, COMPONENT);
}

/** updateDaemonSetStatus: counted over nodes, from each node's oldest daemon pod. */
function daemonSetStatus(
  ds: KObject,
  nodes: KObject[],
  byNode: Map<string, KObject[]>,
  hash: string,
  now: number,
) {
  const n = { current: 0, misscheduled: 0, desired: 0, ready: 0, updated: 0, available: 0 };
  const minReady = ds.spec?.minReadySeconds ?? 0;
  for (const node of nodes) {
    const [pod] = [...(byNode.get(nameOf(node)) ?? [])].sort(byAge);
    if (!placement(ds, node).run) {
      if (pod) n.misscheduled++;
      continue;
    }
    n.desired++;
    if (!pod) continue;
    n.current++;
    if (isPodReady(pod)) n.ready++;
    if (isPodReady(pod) && isPodAvailable(pod, minReady, now)) n.available++;
    if (pod.metadata.labels?.[REVISION_LABEL] === hash) n.updated++;
  }
  const status = {
    currentNumberScheduled: n.current,
    numberMisscheduled: n.misscheduled,
    desiredNumberScheduled: n.desired,
    numberReady: n.ready,
    observedGeneration: ds.metadata.generation ?? 0,
    updatedNumberScheduled: n.updated,
    numberAvailable: n.available,
    numberUnavailable: n.desired - n.available,
  };
  return omitZero(status, [
    'observedGeneration',
    'updatedNumberScheduled',
    'numberAvailable',
    'numberUnavailable',
  ]);
}

/** getNodesToDaemonPods: the DaemonSet's pods by target node, leaving out deleted terminal pods. */
function podsByNode(ctx: ControllerContext, ds: KObject): Map<string, KObject[]> {
  const out = new Map<string, KObject[]>();
  for (const pod of ownedBy(ctx, ds)) {
    const node = targetNode(pod);
    if (node === undefined || (terminating(pod) && isTerminal(pod))) continue;
    out.set(node, [...(out.get(node) ?? []), pod]);
  }
  return out;
}

function syncDaemonSet(ctx: ControllerContext, queue: WorkQueue, key: string): void {
  const [ns, name] = splitKey(key);
  const ds = ctx.registry.tryGet(DAEMONSETS, ns, name);
  if (!ds) return;
  const hash = templateHash(ds.spec?.template, ds.status?.collisionCount ?? 0);
  const nodes = ctx.registry.list(NODES);
  if (!ds.metadata.deletionTimestamp) {
    manage(ctx, ds, nodes, podsByNode(ctx, ds), hash);
    rollingUpdate(ctx, ds, nodes, podsByNode(ctx, ds), hash);
  }
  const now = ctx.clock.now();
  writeStatus(ctx, DAEMONSETS, ds, daemonSetStatus(ds, nodes, podsByNode(ctx, ds), hash, now));
  const wait = nextAvailableIn(ownedBy(ctx, ds), ds.spec?.minReadySeconds ?? 0, now);
  if (wait !== undefined) queue.addAfter(key, wait);
}

/** Node changes that can change where daemons run: new or gone nodes, labels, taints. */
function onNode(ctx: ControllerContext, queue: WorkQueue, e: StoredEvent): void {
  if (e.resource !== NODES.key) return;
  const shape = (n: KObject | undefined) => JSON.stringify([n?.metadata.labels, n?.spec?.taints]);
  if (e.type === 'MODIFIED' && shape(e.object) === shape(e.previous)) return;
  for (const ds of ctx.store.list(DAEMONSETS.key)) queue.add(keyOf(ds));
}

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per node that matches the
 * template's nodeSelector and tolerates the node's taints, pinned to it by node affinity and
 * tolerating node conditions and cordons (so a cordoned node keeps its daemon); RollingUpdate
 * replaces old pods within maxUnavailable.
 */
export function createDaemonSetController(ctx: ControllerContext): Controller {
  const queue = new WorkQueue(ctx.clock, (key) => syncDaemonSet(ctx, queue, key));
  let unsubscribe: (() => void)[] = [];
  return {
    start() {
      unsubscribe = [
        watchOwned(ctx, DAEMONSETS.key, 'DaemonSet', queue),
        ctx.store.subscribe((e) => onNode(ctx, queue, e)),
      ];
    },
    stop() {
      for (const u of unsubscribe) u();
      queue.stop();
    },
  };
}
