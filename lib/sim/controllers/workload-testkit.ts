/**
 * An in-process control plane for the workload controllers' tests: store, registry, manual
 * clock, event recorder and owner index, with the kubelet's and scheduler's parts played by
 * hand (binding, readiness, finishing graceful deletion).
 */
import { Registry } from '../api/registry';
import { ManualClock, rfc3339 } from '../clock';
import { resourceType } from '../store/resources';
import { Store } from '../store/store';
import type { KObject } from '../store/types';
import { OwnerIndex, controllerRef, type Controller, type ControllerContext } from './context';
import { EventRecorder } from './events';

const PODS = resourceType('pods');

export class Cluster {
  readonly clock = new ManualClock();
  readonly store = new Store(this.clock);
  readonly registry = new Registry(this.store, this.clock);
  readonly ctx: ControllerContext;
  private readonly controllers: Controller[] = [];

  constructor(...make: ((ctx: ControllerContext) => Controller)[]) {
    const events = new EventRecorder(this.registry, this.clock);
    this.ctx = {
      registry: this.registry,
      store: this.store,
      clock: this.clock,
      events,
      owners: new OwnerIndex(this.store),
    };
    this.registry.create(resourceType('namespaces'), '', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'default' },
    });
    for (const m of make) this.controllers.push(m(this.ctx));
    for (const c of this.controllers) c.start();
  }

  stop(): void {
    for (const c of this.controllers) c.stop();
  }

  /** Lets the work queues drain: each turn of the event loop works one round of keys. */
  async settle(turns = 20): Promise<void> {
    for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
  }

  /** Moves the clock and lets the queues work what came due. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.settle();
  }

  create(resource: string, body: Record<string, unknown>): KObject {
    return this.registry.create(resourceType(resource), 'default', body as KObject);
  }

  get(resource: string, name: string): KObject | undefined {
    return this.registry.tryGet(resourceType(resource), 'default', name);
  }

  list(resource: string): KObject[] {
    return this.registry.list(resourceType(resource), 'default');
  }

  update(resource: string, name: string, fn: (o: KObject) => void): void {
    this.registry.mutate(resourceType(resource), 'default', name, fn);
  }

  /** A DELETE with default options: graceful for a pod bound to a node. */
  delete(resource: string, name: string): void {
    this.registry.delete(resourceType(resource), 'default', name);
  }

  /** Pods controlled by the owner named `owner`, by name. */
  pods(owner?: string): KObject[] {
    return this.registry
      .list(PODS, 'default')
      .filter((p) => owner === undefined || controllerRef(p)?.name === owner);
  }

  active(owner?: string): KObject[] {
    return this.pods(owner).filter((p) => !p.metadata.deletionTimestamp);
  }

  /** The scheduler's part: binds a pod to a node, by default the one its node affinity names. */
  bind(pod: KObject, node = pinnedNode(pod) ?? 'node-1'): void {
    this.registry.mutate(
      PODS,
      'default',
      pod.metadata.name ?? '',
      (p) => void (p.spec.nodeName = node),
      {
        subresource: 'binding',
      },
    );
  }

  /** The kubelet's part: the pod runs and, unless told otherwise, turns Ready now. */
  ready(pod: KObject, isReady = true): void {
    const condition = {
      type: 'Ready',
      status: isReady ? 'True' : 'False',
      lastTransitionTime: rfc3339(this.clock.now()),
    };
    this.registry.mutate(
      PODS,
      'default',
      pod.metadata.name ?? '',
      (p) => void (p.status = { ...p.status, phase: 'Running', conditions: [condition] }),
      { subresource: 'status' },
    );
  }

  /** The kubelet's part when the containers exit with an error. */
  fail(pod: KObject): void {
    this.registry.mutate(
      PODS,
      'default',
      pod.metadata.name ?? '',
      (p) => void (p.status = { ...p.status, phase: 'Failed' }),
      {
        subresource: 'status',
      },
    );
  }

  /** Binds (if needed) and readies every pod not yet ready and not terminating. */
  readyAll(owner?: string): void {
    for (const p of this.active(owner)) {
      if (!p.spec?.nodeName) this.bind(p);
      if (p.status?.phase !== 'Running') this.ready(p);
    }
  }

  /** The kubelet's part at the end of graceful deletion: the pod is removed. */
  finish(pod: KObject): void {
    this.registry.delete(PODS, 'default', pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
  }

  /** Finishes the graceful deletion of every terminating pod of `owner`. */
  finishAll(owner?: string): void {
    for (const p of this.pods(owner)) if (p.metadata.deletionTimestamp) this.finish(p);
  }

  /** Messages of the events recorded with this reason, oldest first. */
  events(reason: string): string[] {
    return this.registry
      .list(resourceType('events'), 'default')
      .filter((e) => e.reason === reason)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map(
        (e) => `${String((e.source as { component?: string }).component)}: ${String(e.message)}`,
      );
  }
}

function pinnedNode(pod: KObject): string | undefined {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
}

/** A pod template with one container, labelled `app=<app>`. */
export function template(app: string, image = 'nginx:1.27'): Record<string, unknown> {
  return { metadata: { labels: { app } }, spec: { containers: [{ name: 'main', image }] } };
}
