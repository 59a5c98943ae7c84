/**
 * The shared set-up of the Eviction API conformance tests (eviction-*.test.ts): one embedded
 * cluster per test file, a fresh namespace per test, the disruption controller's pause switch,
 * pod and budget helpers, and the exact Status bodies the eviction subresource answers with.
 */
import {
  ApiException,
  CoreV1Api,
  PolicyV1Api,
  type V1Pod,
  type V1PodDisruptionBudgetSpec,
  type V1PodDisruptionBudgetStatus,
  type V1PodSpec,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/** Annotations that make the simulated kubelet start, turn Ready and shut down in 100ms. */
const FAST = {
  'sim.drainboard.dev/start-after': '100ms',
  'sim.drainboard.dev/ready-after': '100ms',
  'sim.drainboard.dev/shutdown-after': '100ms',
};

/** The message of every 429 of the budget check (rows T1 and T2). */
const T1_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

const STATUS = { kind: 'Status', apiVersion: 'v1', metadata: {} };

/** The bare Success Status of an accepted eviction (row S1), keys in kube's order. */
export const SUCCESS_STATUS = { ...STATUS, status: 'Success', code: 201 };

/** A Failure Status as kube-apiserver writes it; `more` holds the reason and details, if any. */
export function failureStatus(code: number, message: string, more: object = {}) {
  return { ...STATUS, status: 'Failure', message, ...more, code };
}

/** The 429 TooManyRequests of the budget check, with the given details. */
export const tooManyRequests = (details: Record<string, unknown>) =>
  failureStatus(429, T1_MESSAGE, { reason: 'TooManyRequests', details });

/** The details of a 429 whose one cause is a DisruptionBudget with `message`. */
export const budgetCause = (message: string, more: object = {}) => ({
  causes: [{ reason: 'DisruptionBudget', message }],
  ...more,
});

/** The details of a T1: the budget `pdb` needs `needs` healthy pods and has `has`. */
export const needsHealthy = (pdb: string, needs: number, has: number) =>
  budgetCause(`The disruption budget ${pdb} needs ${needs} healthy pods and has ${has} currently`);

/** Whether the pod's Ready condition is True. */
export const isReady = (p: V1Pod): boolean =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/** The pod's DisruptionTarget condition, if any. */
export const disruptionTarget = (p: V1Pod) =>
  p.status?.conditions?.find((c) => c.type === 'DisruptionTarget');

/** The URL path of a pod's eviction subresource. */
export const evictionPath = (ns: string, name: string) =>
  `/api/v1/namespaces/${ns}/pods/${name}/eviction`;

/** Awaits a call that must fail with an ApiException; its code, parsed body and headers. */
export async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    const body = JSON.parse((e as ApiException<string>).body) as Record<string, unknown>;
    return { code: e.code, body, headers: e.headers };
  }
  throw new Error('expected the request to fail');
}

/** A test pod: one nginx container, FAST plus `annotations`, and the rest as given. */
export interface PodOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  /** Merged over the one-container spec. */
  spec?: Partial<V1PodSpec>;
}

/** A condition on a pod. */
export type PodCheck = (p: V1Pod) => boolean;

/** Budget status fields; the unset ones default to 0 allowed, 0 of 0 healthy, 1 expected. */
export type BudgetStatus = Partial<V1PodDisruptionBudgetStatus>;

/**
 * One embedded cluster for the calling test file (started in beforeAll, stopped in afterAll)
 * and helpers bound to it; namespaces are named `${prefix}-1`, `${prefix}-2`, ...
 * The helpers are arrow functions, so they may be destructured.
 */
export function useEvictionCluster(prefix: string): EvictionCluster {
  const kit = new EvictionCluster(prefix);
  beforeAll(() => kit.start());
  afterAll(() => kit.stop());
  return kit;
}

/** See useEvictionCluster. */
export class EvictionCluster {
  private tc!: TestCluster;
  private seq = 0;
  constructor(private readonly prefix: string) {}

  /** Starts the cluster (useEvictionCluster does, in beforeAll). */
  readonly start = async () => void (this.tc = await startTestCluster({ scenario: 'empty' }));
  /** Stops the cluster, if started. */
  readonly stop = async () => this.tc?.stop();

  /** The test cluster. */
  readonly cluster = (): TestCluster => this.tc;
  /** The core/v1 client. */
  readonly core = () => this.cluster().kc.makeApiClient(CoreV1Api);
  /** The policy/v1 client. */
  readonly policy = () => this.cluster().kc.makeApiClient(PolicyV1Api);

  /** Creates a fresh namespace and returns its name. */
  readonly namespace = async (): Promise<string> => {
    const name = `${this.prefix}-${++this.seq}`;
    await this.core().createNamespace({ body: { metadata: { name } } });
    return name;
  };
  /** Pauses or resumes the disruption controller, expecting 200. */
  readonly control = async (action: 'pause' | 'resume'): Promise<void> => {
    expect((await this.raw('POST', `/sim/v1/disruption-controller/${action}`)).status).toBe(200);
  };
  /** Pauses the disruption controller until the test ends. */
  readonly pause = async (): Promise<void> => {
    await this.control('pause');
    onTestFinished(() => this.control('resume'));
  };
  /** A request straight to the API server: `body` is sent as JSON (with `type`), if given. */
  readonly raw = async (method: string, path: string, body?: unknown, type?: string) => {
    const res = await fetch(this.cluster().cluster.url + path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': type ?? 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  /** A JSON merge patch of `pods/${path}` (a pod or a subresource), expecting 200. */
  readonly mergePatch = async (ns: string, path: string, body: object): Promise<void> => {
    const url = `/api/v1/namespaces/${ns}/pods/${path}`;
    expect((await this.raw('PATCH', url, body, 'application/merge-patch+json')).status).toBe(200);
  };

  /** Reads a pod. */
  readonly read = (ns: string, name: string) =>
    this.core().readNamespacedPod({ name, namespace: ns });
  /** Reads a budget. */
  readonly readPdb = (ns: string, name: string) =>
    this.policy().readNamespacedPodDisruptionBudget({ name, namespace: ns });
  /** Evicts a pod; `more` (e.g. deleteOptions) is merged into the Eviction body. */
  readonly evict = (ns: string, name: string, more: object = {}) => {
    const body = { metadata: { name }, ...more };
    return this.core().createNamespacedPodEviction({ name, namespace: ns, body });
  };

  /** Creates a pod without waiting for it. */
  readonly createPod = async (ns: string, name: string, o: PodOptions = {}): Promise<void> => {
    const annotations = { ...FAST, ...o.annotations };
    const metadata = { name, labels: o.labels, annotations, finalizers: o.finalizers };
    const spec = { containers: [{ name: 'app', image: 'nginx' }], ...o.spec };
    await this.core().createNamespacedPod({ namespace: ns, body: { metadata, spec } });
  };
  /** Polls the pod until `ok` holds (15s by default); returns the pod as read then. */
  readonly until = (ns: string, name: string, what: string, ok: PodCheck, ms = 15_000) =>
    eventually(() => this.read(ns, name).then((p) => ok(p) && p), ms, what);
  /** Creates a pod and waits until it is Ready. */
  readonly readyPod = async (ns: string, name: string, o: PodOptions = {}): Promise<V1Pod> => {
    await this.createPod(ns, name, o);
    return this.until(ns, name, `${name} Ready`, isReady);
  };
  /** Creates a pod that never turns Ready and waits until it is Running. */
  readonly sickPod = async (ns: string, name: string, o: PodOptions = {}): Promise<V1Pod> => {
    const annotations = { ...o.annotations, 'sim.drainboard.dev/never-ready': 'true' };
    await this.createPod(ns, name, { ...o, annotations });
    return this.until(ns, name, `${name} Running`, (p) => p.status?.phase === 'Running');
  };

  /** Creates a budget; its selector is whatever `spec` says (none if none). */
  readonly createBudget = (ns: string, name: string, spec: V1PodDisruptionBudgetSpec) =>
    this.policy().createNamespacedPodDisruptionBudget({
      namespace: ns,
      body: { metadata: { name }, spec },
    });
  /** Replaces a budget's status; observedGeneration is the generation unless `status` says. */
  readonly writeBudgetStatus = async (ns: string, name: string, status: BudgetStatus) => {
    const pdb = await this.readPdb(ns, name);
    pdb.status = {
      observedGeneration: pdb.metadata?.generation,
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 1,
      ...status,
    };
    const body = pdb;
    return this.policy().replaceNamespacedPodDisruptionBudgetStatus({ name, namespace: ns, body });
  };

  /** The pod exactly as before: same resourceVersion, no deletion, no DisruptionTarget. */
  readonly expectUntouched = async (ns: string, pod: V1Pod): Promise<void> => {
    const now = await this.read(ns, pod.metadata?.name ?? '');
    expect(now.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
    expect(now.metadata?.deletionTimestamp).toBeUndefined();
    expect(disruptionTarget(now)).toBeUndefined();
  };
  /** The pod is gone, or being deleted. */
  readonly expectEvicted = async (ns: string, name: string): Promise<void> => {
    const p = await this.read(ns, name).catch(() => undefined);
    if (p) expect(p.metadata?.deletionTimestamp).toBeDefined();
  };
}
