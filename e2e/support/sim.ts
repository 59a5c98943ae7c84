import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DenyRule } from '../../lib/sim/api/access';
import { startCluster, type SimCluster } from '../../lib/sim/cluster';
import { openWatches, parseSamples, successfulLists, type WatchedResource } from './metrics';

/** The kubeconfig context (and so the dashboard's cluster name) of the embedded cluster. */
export const SIM_CONTEXT = 'drainboard-sim';

/** Fixed, so a cluster started again on the same port has the very same kubeconfig. */
const TOKEN = 'drainboard-e2e-token';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The faults of the control API (`PUT /sim/v1/faults`); fields left out are off. */
export interface Faults {
  latencyMs?: number;
  errorRate?: number;
  errorCode?: 500 | 503;
  throttleRate?: number;
  retryAfterSeconds?: number;
}

/**
 * One test file's embedded cluster (scenario `demo`) on a fixed port, which can be stopped and
 * started again on the same port so the dashboard's kubeconfig stays valid. Everything except
 * {@link stop}/{@link start} goes over HTTP, as the dashboard sees the cluster.
 */
export class Sim {
  private current: SimCluster | undefined;

  private constructor(
    readonly port: number,
    readonly kubeconfigPath: string,
  ) {}

  /** Starts a cluster on a free port and writes its kubeconfig into `dir`. */
  static async start(dir: string): Promise<Sim> {
    const first = await startCluster({ port: 0, scenario: 'demo', token: TOKEN });
    const sim = new Sim(first.port, join(dir, 'kubeconfig'));
    sim.current = first;
    await first.writeKubeconfig(sim.kubeconfigPath);
    return sim;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The running cluster, for in-process access; throws while it is stopped. */
  get cluster(): SimCluster {
    if (this.current === undefined) throw new Error('the embedded cluster is stopped');
    return this.current;
  }

  /** Stops the cluster: the port refuses connections until {@link start}. */
  async stop(): Promise<void> {
    const running = this.current;
    this.current = undefined;
    await running?.stop();
  }

  /**
   * Starts a new `demo` cluster on the same port with the same token, so the kubeconfig the
   * dashboard loaded still fits; its objects have new UIDs and its resourceVersions start over.
   */
  async start(): Promise<void> {
    if (this.current !== undefined) throw new Error('the embedded cluster is already running');
    const next = await startCluster({ port: this.port, scenario: 'demo', token: TOKEN });
    this.current = next;
    if (next.kubeconfig() !== (await readFile(this.kubeconfigPath, 'utf8'))) {
      throw new Error('the restarted cluster does not match the kubeconfig the dashboard has');
    }
  }

  /** The newest resourceVersion of the running cluster's store. */
  get resourceVersion(): number {
    return this.cluster.store.resourceVersion;
  }

  /**
   * Writes a ConfigMap (which the dashboard does not watch) until the store's resourceVersion
   * is past `rv`, as a store restored from an older backup may be by the time clients return.
   */
  advanceResourceVersionPast(rv: number): void {
    const { store } = this.cluster;
    for (let i = 0; store.resourceVersion <= rv; i++) {
      store.put('configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'e2e-filler', namespace: 'default', uid: 'e2e-filler' },
        data: { i: String(i) },
      });
    }
  }

  /** Calls the control API (`/sim/v1/…`), which is never faulted; throws on a non-2xx answer. */
  async control<T = unknown>(method: Method, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/sim/v1/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /sim/v1/${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  setFaults(faults: Faults): Promise<unknown> {
    return this.control('PUT', 'faults', faults);
  }

  clearFaults(): Promise<unknown> {
    return this.control('DELETE', 'faults');
  }

  /**
   * Replaces the access reviews' deny rules (`PUT /sim/v1/access`): a review matching one is
   * answered "not allowed"; the requests themselves are still served.
   */
  denyAccess(deny: DenyRule[]): Promise<unknown> {
    return this.control('PUT', 'access', { deny });
  }

  /** Removes every deny rule (`DELETE /sim/v1/access`): every review is allowed again. */
  clearAccess(): Promise<unknown> {
    return this.control('DELETE', 'access');
  }

  /** Open WATCH streams per resource, from `/metrics`. */
  async openWatches(): Promise<Record<WatchedResource, number>> {
    return openWatches(parseSamples(await this.metricsText()));
  }

  /** Successful LISTs per resource since the cluster started, from `/metrics`. */
  async successfulLists(): Promise<Record<WatchedResource, number>> {
    return successfulLists(parseSamples(await this.metricsText()));
  }

  /** A fresh list across all namespaces, e.g. `list('/api/v1/pods')`. */
  async list<T>(path: string): Promise<T[]> {
    const res = await fetch(`${this.url}${path}`);
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { items: T[] }).items;
  }

  /** Eviction answers by HTTP code, and successful evictions of a pod already being deleted. */
  async evictions(): Promise<{ byCode: Record<string, number>; repeated: number }> {
    const samples = parseSamples(await this.metricsText());
    const byCode: Record<string, number> = {};
    for (const s of samples.filter((x) => x.name === 'drainboard_sim_evictions_total')) {
      byCode[s.labels['code'] ?? ''] = s.value;
    }
    const repeated = samples.find((x) => x.name === 'drainboard_sim_evictions_repeated_total');
    if (repeated === undefined) throw new Error('no drainboard_sim_evictions_repeated_total');
    return { byCode, repeated: repeated.value };
  }

  private async metricsText(): Promise<string> {
    const res = await fetch(`${this.url}/metrics`);
    if (!res.ok) throw new Error(`GET /metrics: ${res.status}`);
    return res.text();
  }
}
