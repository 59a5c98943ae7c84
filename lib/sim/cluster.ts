import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AccessRules } from './api/access';
import { Registry } from './api/registry';
import { FaultState } from './api/faults';
import { createApiServer } from './api/server';
import { WatchHub } from './api/watch';
import { RealClock, type Clock } from './clock';
import { OwnerIndex, type ControllerContext } from './controllers/context';
import { EventRecorder } from './controllers/events';
import { startControllers } from './controllers';
import type { DisruptionController } from './controllers/disruption';
import { applyManifests, parseManifests, SCENARIOS } from './scenarios';
import { RESOURCES } from './store/resources';
import { Store } from './store/store';

export interface ClusterOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** A named starting state (`empty`, `demo`); default `empty`. */
  scenario?: string;
  /** Extra multi-document YAML texts, created after the scenario. */
  manifests?: string[];
  clock?: Clock;
  /** How long watch history is kept (default 5 minutes). */
  historyWindowMs?: number;
  /** At most this many events of history are kept. */
  historyLimit?: number;
  /** How often watches that asked for bookmarks get one (default 10 s). */
  bookmarkIntervalMs?: number;
  /**
   * The bearer token the kubeconfig carries (the API server accepts any); random by default.
   * A new cluster on a stopped one's `port` with its token has the very same kubeconfig, so
   * clients of the old one reach it as they would a restarted API server. An RFC 6750
   * `b64token`, since it is written into the kubeconfig's YAML as it is.
   */
  token?: string;
}

export interface SimCluster {
  url: string;
  port: number;
  store: Store;
  registry: Registry;
  clock: Clock;
  watches: WatchHub;
  /** The disruption controller, paused and resumed by the control API. */
  disruption: DisruptionController;
  /** A kubeconfig whose current context (`drainboard-sim`) points at this cluster. */
  kubeconfig(): string;
  writeKubeconfig(path: string): Promise<void>;
  /** Replaces every object with a scenario's; watchers see the deletions and creations. */
  reset(scenario: string): void;
  /** Faults injected into the Kubernetes API (also set through the control API). */
  faults: FaultState;
  /** Deny rules that SelfSubjectAccessReviews answer by (also set through the control API). */
  access: AccessRules;
  stop(): Promise<void>;
}

/** Starts the embedded cluster: store, control plane and the HTTP API on 127.0.0.1. */
export async function startCluster(opts: ClusterOptions = {}): Promise<SimCluster> {
  const scenario = opts.scenario ?? 'empty';
  const text = SCENARIOS[scenario];
  if (text === undefined)
    throw new Error(`unknown scenario "${scenario}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
  if (opts.token !== undefined && !/^[\w.~+/-]+=*$/.test(opts.token))
    throw new Error(`token must be an RFC 6750 b64token, got ${JSON.stringify(opts.token)}`);
  const clock = opts.clock ?? new RealClock();
  const store = new Store(clock, {
    historyWindowMs: opts.historyWindowMs,
    historyLimit: opts.historyLimit,
  });
  const registry = new Registry(store, clock);
  const ctx: ControllerContext = {
    registry,
    store,
    clock,
    events: new EventRecorder(registry, clock),
    owners: new OwnerIndex(store),
  };
  const objects = [text(clock.now()), ...(opts.manifests ?? [])].flatMap(parseManifests);
  // Controllers first: they learn of the scenario's objects from the store's events.
  const plane = startControllers(ctx);
  applyManifests(registry, objects);
  const watches = new WatchHub(store, clock, opts.bookmarkIntervalMs ?? 10_000);
  const faults = new FaultState();
  const access = new AccessRules();
  const reset = (name: string): void => {
    const next = SCENARIOS[name];
    if (next === undefined) throw new Error(`unknown scenario "${name}"`);
    // Dependents first, namespaces last, in one tick: controllers wake to the final state.
    for (const rt of [...RESOURCES].reverse()) {
      for (const obj of store.list(rt.key)) {
        store.remove(rt.key, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
      }
    }
    applyManifests(registry, parseManifests(next(clock.now())));
  };
  const control = {
    disruption: plane.disruption,
    watches,
    faults,
    access,
    reset: async (name: string) => reset(name),
  };
  const server = createApiServer({ registry, watches, clock, faults, access, control });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const token = opts.token ?? randomBytes(16).toString('hex');
  const kubeconfig = (): string => kubeconfigFor(url, token);
  return {
    url,
    port,
    store,
    registry,
    clock,
    watches,
    disruption: plane.disruption,
    kubeconfig,
    async writeKubeconfig(path) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, kubeconfig(), { mode: 0o600 });
    },
    reset,
    faults,
    access,
    async stop() {
      for (const c of plane.controllers) c.stop();
      watches.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Plain HTTP needs `insecure-skip-tls-verify` for client-node (toolchain.md §3). */
function kubeconfigFor(url: string, token: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: drainboard-sim
  cluster:
    server: ${url}
    insecure-skip-tls-verify: true
contexts:
- name: drainboard-sim
  context:
    cluster: drainboard-sim
    user: drainboard-sim
    namespace: default
current-context: drainboard-sim
users:
- name: drainboard-sim
  user:
    token: ${token}
`;
}
