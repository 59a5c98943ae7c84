/**
 * The set-up of the pod action route tests (evict, delete, access, attempts): one embedded
 * cluster (the demo scenario) per test file, reached over real HTTP through a registry built
 * from a kubeconfig file with the contexts `sim` and `dead` (a port nobody listens on), a store
 * in a temporary data directory, and helpers that call the route handlers with real `Request`
 * objects.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Namespace, V1Pod, V1PodList } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';

import { EvictionAnswerSchema, type EvictionAnswer } from '@/lib/domain/eviction-outcome';
import { eventually, startTestCluster, type TestCluster } from '@/lib/sim/testing';

import { ClusterRegistry } from '../k8s/clusters';
import { realClock } from '../k8s/clock';
import { LiveClusters } from '../live/live-clusters';
import { EvictionStore } from '../store/eviction-store';
import { accessRoute, type AccessCache } from './access';
import type { AttemptDeps } from './attempt';
import type { LiveState } from './budget-moment';
import { liveStateOf } from './process';
import { attemptsRoute, deletionRoute, evictionRoute, type PodParams } from './routes';

/** The dashboard's own origin in these tests. */
export const ORIGIN = 'http://127.0.0.1:3000';

/** Annotations that make the simulated kubelet start, turn Ready and stop within 100 ms. */
const FAST = {
  'sim.drainboard.dev/start-after': '100ms',
  'sim.drainboard.dev/ready-after': '100ms',
  'sim.drainboard.dev/shutdown-after': '100ms',
};

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function kubeconfig(sim: string, dead: string): string {
  const cluster = (name: string, server: string) =>
    `- name: ${name}\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true\n`;
  const context = (name: string) =>
    `- name: ${name}\n  context:\n    cluster: ${name}\n    user: u\n`;
  return [
    'apiVersion: v1\nkind: Config\nclusters:\n',
    cluster('sim', sim) + cluster('dead', dead),
    'contexts:\n' + context('sim') + context('dead'),
    'current-context: sim\nusers:\n- name: u\n  user:\n    token: t\n',
  ].join('');
}

const isReady = (p: V1Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/** One cluster, registry and store for the calling test file (beforeAll / afterAll). */
export function useRouteKit(): RouteKit {
  const kit = new RouteKit();
  beforeAll(() => kit.start());
  afterAll(() => kit.stop());
  return kit;
}

/** See useRouteKit. */
export class RouteKit {
  tc!: TestCluster;
  registry!: ClusterRegistry;
  store!: EvictionStore;
  /** The temporary data directory of the store. */
  dataDir!: string;
  /** The live state the routes see; set by {@link watched} for one test. */
  private liveState: ((cluster: string) => Promise<LiveState | undefined>) | undefined;
  private seq = 0;

  async start(): Promise<void> {
    this.tc = await startTestCluster({ scenario: 'demo' });
    this.dataDir = await mkdtemp(join(tmpdir(), 'drainboard-store-'));
    const path = join(this.dataDir, 'kubeconfig');
    await writeFile(path, kubeconfig(this.tc.cluster.url, `http://127.0.0.1:${await freePort()}`));
    const env = { KUBECONFIG: path, DRAINBOARD_DEMO: 'off' };
    this.registry = new ClusterRegistry({ env, homeDir: this.dataDir, cwd: this.dataDir });
    this.store = EvictionStore.open(this.dataDir);
  }

  async stop(): Promise<void> {
    this.store?.close();
    await this.registry?.close();
    await this.tc?.stop();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  deps(): AttemptDeps & { registry: ClusterRegistry } {
    return {
      registry: this.registry,
      store: this.store,
      who: 'tester',
      clock: realClock,
      ...(this.liveState !== undefined ? { liveState: this.liveState } : {}),
    };
  }

  /** A request straight to the cluster's API; its JSON answer, or a failed expectation. */
  async api<T>(
    method: string,
    path: string,
    body?: unknown,
    type = 'application/json',
  ): Promise<T> {
    const res = await fetch(this.tc.cluster.url + path, {
      method,
      headers: { 'Content-Type': type },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as T;
    expect(res.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
    return json;
  }

  /** Reads a pod. */
  read(namespace: string, name: string): Promise<V1Pod> {
    return this.api('GET', `/api/v1/namespaces/${namespace}/pods/${name}`);
  }

  /** Reads a namespace. */
  readNamespace(name: string): Promise<V1Namespace> {
    return this.api('GET', `/api/v1/namespaces/${name}`);
  }

  /** Calls the eviction route; its HTTP code and validated answer. */
  evict(
    path: PodPath,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ code: number; answer: EvictionAnswer }> {
    return this.podAction(evictionRoute, 'eviction', path, body, headers);
  }

  /** Calls the delete route; its HTTP code and validated answer. */
  delete(
    path: PodPath,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ code: number; answer: EvictionAnswer }> {
    return this.podAction(deletionRoute, 'delete', path, body, headers);
  }

  /** POSTs `body` to `…/pods/{pod}/{action}` through `route`, from our own page by default. */
  private async podAction(
    route: typeof evictionRoute,
    action: string,
    path: PodPath,
    body: unknown,
    headers: Record<string, string> = { Origin: ORIGIN, 'Content-Type': 'application/json' },
  ): Promise<{ code: number; answer: EvictionAnswer }> {
    const params: PodParams = { cluster: path.cluster ?? 'sim', ...path };
    const url = `${ORIGIN}/api/clusters/${params.cluster}/namespaces/${path.namespace}/pods/${path.pod}/${action}`;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await route(
      this.deps(),
      new Request(url, { method: 'POST', headers, body: text }),
      params,
    );
    return { code: res.status, answer: EvictionAnswerSchema.parse(await res.json()) };
  }

  /** Calls the access route with `query`, answers kept in `cache`. */
  access(query: string, cache: AccessCache, cluster = 'sim'): Promise<Response> {
    const req = new Request(`${ORIGIN}/api/clusters/${cluster}/access${query}`);
    return accessRoute({ registry: this.registry, cache }, req, cluster);
  }

  /** Calls the attempts route with `query`. */
  attempts(query: string, cluster = 'sim'): Promise<Response> {
    const req = new Request(`${ORIGIN}/api/clusters/${cluster}/attempts${query}`);
    return Promise.resolve(attemptsRoute(this.deps(), req, cluster));
  }

  /**
   * The cluster's counters: every counted request, eviction POSTs, pod DELETEs and
   * SelfSubjectAccessReviews.
   */
  async counters(): Promise<{
    requests: number;
    evictions: number;
    deletes: number;
    reviews: number;
  }> {
    const text = await (await fetch(`${this.tc.cluster.url}/metrics`)).text();
    const sum = (prefix: string, ...parts: string[]) =>
      text
        .split('\n')
        .filter((l) => l.startsWith(prefix) && parts.every((p) => l.includes(p)))
        .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    const requests = 'apiserver_request_total{';
    return {
      requests: sum(requests),
      evictions: sum('drainboard_sim_evictions_total{'),
      deletes: sum(requests, 'verb="DELETE"', 'resource="pods"', 'subresource=""'),
      reviews: sum(requests, 'resource="selfsubjectaccessreviews"'),
    };
  }

  /**
   * Watches the `sim` cluster until it is synced, as the dashboard does once a browser looks
   * at it, and gives its live state to {@link deps} until the calling test ends.
   */
  async watched(): Promise<void> {
    const live = new LiveClusters(this.registry, { lingerMs: 0 });
    onTestFinished(() => live.close());
    const watch = await live.get('sim');
    if (!watch) throw new Error('no watch');
    onTestFinished(watch.acquire());
    expect(await watch.whenSynced(15_000)).toBe(true);
    this.liveState = liveStateOf(live);
    onTestFinished(() => {
      this.liveState = undefined;
    });
  }

  /** Denies `rules` in the cluster's SelfSubjectAccessReviews (none: allow everything). */
  async denyAccess(rules?: object[]): Promise<void> {
    const res = await fetch(`${this.tc.cluster.url}/sim/v1/access`, {
      method: rules === undefined ? 'DELETE' : 'PUT',
      ...(rules !== undefined ? { body: JSON.stringify({ deny: rules }) } : {}),
    });
    expect(res.status).toBe(200);
  }

  /** A `PUT` (or `DELETE` without body) of the cluster's faults. */
  async faults(body?: object): Promise<void> {
    const res = await fetch(`${this.tc.cluster.url}/sim/v1/faults`, {
      method: body === undefined ? 'DELETE' : 'PUT',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.status).toBe(200);
  }

  /** Creates a namespace of its own for a test. */
  async namespace(): Promise<string> {
    const name = `ev-${++this.seq}`;
    await this.api('POST', '/api/v1/namespaces', { metadata: { name } });
    return name;
  }

  /** Creates a fast pod and waits until it is Ready. */
  async readyPod(namespace: string, name: string, finalizers?: string[]): Promise<V1Pod> {
    await this.api('POST', `/api/v1/namespaces/${namespace}/pods`, {
      metadata: { name, annotations: FAST, ...(finalizers ? { finalizers } : {}) },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    });
    return this.until(namespace, name, isReady);
  }

  /** Reads a pod until `ok` holds. */
  until(namespace: string, name: string, ok: (p: V1Pod) => boolean): Promise<V1Pod> {
    return eventually(
      () => this.read(namespace, name).then((p) => ok(p) && p),
      20_000,
      `${namespace}/${name}`,
    );
  }

  /** The Ready pods of a demo Deployment (`app=<app>` in `shop`), once `count` are Ready. */
  demoPods(app: string, count: number): Promise<V1Pod[]> {
    return eventually(
      async () => {
        const list = await this.api<V1PodList>(
          'GET',
          `/api/v1/namespaces/shop/pods?labelSelector=app%3D${app}`,
        );
        const ready = list.items.filter(isReady);
        return ready.length >= count && ready;
      },
      25_000,
      `${count} Ready ${app} pods`,
    );
  }
}

/** Where a pod action goes; the cluster is `sim` unless given. */
type PodPath = { cluster?: string; namespace: string; pod: string };

/** The pod's UID, which every eviction must carry. */
export const uidOf = (p: V1Pod): string => p.metadata?.uid ?? '';
/** The pod's name. */
export const nameOf = (p: V1Pod): string => p.metadata?.name ?? '';
