import 'server-only';
import { rm } from 'node:fs/promises';
import {
  Observable,
  VersionApi,
  type KubeConfig,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import { DEMO_NAME, dataDirOf, isDemoEnabled, startDemoCluster } from './demo';
import type { DemoCluster, StartDemo } from './demo';
import { ClusterError, toClusterError } from './errors';
import {
  IN_CLUSTER_NAME,
  SERVICE_ACCOUNT_DIR,
  inClusterKubeconfig,
  kubeconfigPaths,
  loadKubeconfig,
  serverOf,
  withContext,
  type Env,
} from './kubeconfig';

/** One cluster as `GET /api/clusters` shows it (plus `reachable`, from {@link ClusterRegistry.checkReachability}). */
export interface ClusterInfo {
  name: string;
  /** The API server URL; '' for a context without a cluster or a demo that failed to start. */
  server: string;
  demo: boolean;
  default: boolean;
  /** Embedded clusters only: the kubeconfig file for `kubectl --kubeconfig …`. */
  kubeconfigPath?: string;
  /** An embedded cluster started at run time: what for, and its title. */
  embedded?: { kind: EmbeddedKind; title: string };
}

/** Why an embedded cluster was started at run time. */
export type EmbeddedKind = 'walkthrough' | 'rehearsal';

/** An embedded cluster to add: what for, its title, and how it starts. */
export interface EmbeddedSpec {
  kind: EmbeddedKind;
  title: string;
  /** Starts it with its kubeconfig under `dataDir`. */
  start: (dataDir: string) => Promise<DemoCluster>;
}

/** Why a cluster did not answer `GET /version`. */
export type UnreachableReason =
  'unreachable' | 'timeout' | 'unauthorized' | 'forbidden' | 'config' | 'error';

/** The outcome of a reachability check: a normal UI state, never a thrown error. */
export type Reachability =
  { reachable: true } | { reachable: false; reason: UnreachableReason; message: string };

/** What a registry reads; everything is injected so tests need no global state. */
export interface RegistryOptions {
  env: Env;
  homeDir: string;
  /** `DRAINBOARD_DATA_DIR` is resolved against it. */
  cwd: string;
  /** Default {@link SERVICE_ACCOUNT_DIR}. */
  serviceAccountDir?: string;
  /** Default 2000 ms. */
  reachabilityTimeoutMs?: number;
  /** Default {@link startDemoCluster}. */
  startDemo?: StartDemo;
}

type StaticEntry = { kc: KubeConfig };
type EmbeddedEntry = { spec: EmbeddedSpec; started: Promise<DemoCluster> };

/**
 * The clusters this server process knows: every kubeconfig context, the pod's own cluster
 * (`in-cluster`) and the embedded `demo` cluster, started lazily and at most once. Cluster
 * names taken from URLs are only ever looked up here, never used to build paths.
 */
export class ClusterRegistry {
  private readonly statics = new Map<string, StaticEntry>();
  private readonly defaultName: string | undefined;
  private readonly hasDemo: boolean;
  private demoStart: Promise<DemoCluster> | undefined;
  /** Embedded clusters added at run time (walkthroughs, rehearsals), each started once. */
  private readonly embedded = new Map<string, EmbeddedEntry>();
  private closed = false;

  /** Files that could not be read and names that were shadowed; for the server log. */
  readonly warnings: string[];

  constructor(private readonly opts: RegistryOptions) {
    const loaded = loadKubeconfig(kubeconfigPaths(opts.env, opts.homeDir));
    this.warnings = [...loaded.warnings];
    const base = loaded.kc;
    for (const ctx of base?.getContexts() ?? []) {
      if (base) this.statics.set(ctx.name, { kc: withContext(base, ctx.name) });
    }
    const own = inClusterKubeconfig(opts.env, opts.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
    if (own) this.addReserved(IN_CLUSTER_NAME, own);
    this.hasDemo = isDemoEnabled(opts.env) && this.addReserved(DEMO_NAME, undefined);
    this.defaultName = this.pickDefault(base?.getCurrentContext());
  }

  /** Adds a built-in cluster unless a kubeconfig context already has its name. */
  private addReserved(name: string, kc: KubeConfig | undefined): boolean {
    if (this.statics.has(name)) {
      this.warnings.push(`the kubeconfig context "${name}" shadows the built-in cluster`);
      return false;
    }
    if (kc !== undefined) this.statics.set(name, { kc });
    return true;
  }

  /** current-context if it exists, else the pod's cluster, else demo, else the first context. */
  private pickDefault(current: string | undefined): string | undefined {
    if (current && this.statics.has(current)) return current;
    if (this.statics.has(IN_CLUSTER_NAME)) return IN_CLUSTER_NAME;
    if (this.hasDemo) return DEMO_NAME;
    return this.statics.keys().next().value;
  }

  /** Every known cluster name, in listing order (kubeconfig contexts, in-cluster, demo, added). */
  names(): string[] {
    return [...this.statics.keys(), ...(this.hasDemo ? [DEMO_NAME] : []), ...this.embedded.keys()];
  }

  /** The cluster a newcomer lands on (see `default` in {@link list}); undefined when none. */
  defaultCluster(): string | undefined {
    return this.defaultName;
  }

  /** True when `name` is a cluster of this registry. */
  has(name: string): boolean {
    return (
      this.statics.has(name) || (this.hasDemo && name === DEMO_NAME) || this.embedded.has(name)
    );
  }

  /**
   * Adds an embedded cluster under `name` and starts it; resolves once it runs (rejects, and
   * it is not added, if it cannot start).
   * @throws ClusterError `config` when the name is taken or the registry is closed.
   */
  async addEmbedded(name: string, spec: EmbeddedSpec): Promise<DemoCluster> {
    if (this.closed || this.has(name)) {
      const why = this.closed ? 'the registry is closed' : `a cluster named ${name} exists`;
      throw new ClusterError('config', name, why);
    }
    const entry = { spec, started: spec.start(dataDirOf(this.opts.env, this.opts.cwd)) };
    this.embedded.set(name, entry);
    try {
      return await entry.started;
    } catch (e) {
      // Unless it was removed meanwhile, and maybe added again.
      if (this.embedded.get(name) === entry) this.embedded.delete(name);
      throw e;
    }
  }

  /**
   * Stops and forgets an embedded cluster added at run time (waiting for it if it is still
   * starting) and deletes its kubeconfig file; false when there is none.
   */
  async removeEmbedded(name: string): Promise<boolean> {
    const entry = this.embedded.get(name);
    if (entry === undefined) return false;
    this.embedded.delete(name);
    const cluster = await entry.started.catch(() => undefined);
    if (cluster !== undefined) {
      await cluster.stop();
      await rm(cluster.kubeconfigPath, { force: true });
    }
    return true;
  }

  /** An embedded cluster once started, if it started and is still this registry's. */
  private async running(name: string, entry: EmbeddedEntry): Promise<DemoCluster | undefined> {
    const cluster = await entry.started.catch(() => undefined);
    return this.embedded.get(name) === entry ? cluster : undefined;
  }

  /**
   * Lists every cluster. Starts the demo cluster if it is not running yet; a demo that
   * fails to start is still listed, with server '' (its reachability says why). An embedded
   * cluster still starting is waited for, then listed only if it started and was not removed
   * meanwhile: one whose start fails was never added.
   */
  async list(): Promise<ClusterInfo[]> {
    const out: ClusterInfo[] = [];
    for (const [name, { kc }] of this.statics) {
      out.push({ name, server: serverOf(kc), demo: false, default: name === this.defaultName });
    }
    if (this.hasDemo) {
      const demo = await this.demo().catch(() => undefined);
      out.push({
        name: DEMO_NAME,
        server: demo?.server ?? '',
        demo: true,
        default: this.defaultName === DEMO_NAME,
        ...(demo ? { kubeconfigPath: demo.kubeconfigPath } : {}),
      });
    }
    const embedded = [...this.embedded].map(async ([name, entry]) => {
      const cluster = await this.running(name, entry);
      return cluster === undefined ? [] : [embeddedInfo(name, entry.spec, cluster)];
    });
    return [...out, ...(await Promise.all(embedded)).flat()];
  }

  /**
   * The client-node KubeConfig of one cluster, its context current; shared, do not mutate.
   * @throws ClusterError `unknown-cluster` for a name the registry does not know (an embedded
   *   cluster removed while starting, or whose start failed, included); `unreachable` when the
   *   demo cluster cannot start.
   */
  async kubeConfig(name: string): Promise<KubeConfig> {
    const entry = this.statics.get(name);
    if (entry !== undefined) return entry.kc;
    if (this.hasDemo && name === DEMO_NAME) return (await this.demo()).kc;
    const embedded = this.embedded.get(name);
    const cluster = embedded === undefined ? undefined : await this.running(name, embedded);
    if (cluster !== undefined) return cluster.kc;
    throw new ClusterError('unknown-cluster', name, `unknown cluster ${JSON.stringify(name)}`);
  }

  /**
   * `GET /version` with a deadline (default 2 s). Never throws for a cluster that does not
   * answer; the reason is a value for the UI.
   * @throws ClusterError `unknown-cluster` for a name the registry does not know.
   */
  async checkReachability(name: string, timeoutMs?: number): Promise<Reachability> {
    let kc: KubeConfig;
    try {
      kc = await this.kubeConfig(name);
    } catch (e) {
      const err = toClusterError(name, e);
      if (err.kind === 'unknown-cluster') throw err;
      return { reachable: false, reason: reasonOf(err), message: err.message };
    }
    if (serverOf(kc) === '') {
      return { reachable: false, reason: 'config', message: `${name}: the context has no cluster` };
    }
    const ms = timeoutMs ?? this.opts.reachabilityTimeoutMs ?? 2000;
    try {
      await kc
        .makeApiClient(VersionApi)
        .getCode({}, { middleware: [deadline(ms)], middlewareMergeStrategy: 'append' });
      return { reachable: true };
    } catch (e) {
      const err = toClusterError(name, e);
      return { reachable: false, reason: reasonOf(err), message: err.message };
    }
  }

  /** Stops the demo cluster and every embedded one; the registry cannot start them again. */
  async close(): Promise<void> {
    this.closed = true;
    const start = this.demoStart;
    this.demoStart = undefined;
    const demo = await start?.catch(() => undefined);
    await demo?.stop();
    await Promise.all([...this.embedded.keys()].map((name) => this.removeEmbedded(name)));
  }

  /** Starts the demo cluster once; concurrent callers share one start, a failed start is retried. */
  private demo(): Promise<DemoCluster> {
    if (this.closed) {
      return Promise.reject(new ClusterError('unreachable', DEMO_NAME, 'the registry is closed'));
    }
    if (this.demoStart === undefined) {
      const start = this.opts.startDemo ?? startDemoCluster;
      const started = start(dataDirOf(this.opts.env, this.opts.cwd)).catch((e: unknown) => {
        if (this.demoStart === started) this.demoStart = undefined;
        const why = e instanceof Error ? e.message : String(e);
        throw new ClusterError('unreachable', DEMO_NAME, `the demo cluster did not start: ${why}`);
      });
      this.demoStart = started;
    }
    return this.demoStart;
  }
}

/**
 * Aborts the request after `ms`; client-node hands the signal to fetch. Observable, not
 * Promise, middleware: the object-parameter APIs that `makeApiClient` returns pass call-time
 * options straight to the observable layer.
 */
export function deadline(ms: number): ObservableMiddleware {
  return {
    pre: (ctx) => {
      ctx.setSignal(AbortSignal.timeout(ms));
      return new Observable(Promise.resolve(ctx));
    },
    post: (res) => new Observable(Promise.resolve(res)),
  };
}

function embeddedInfo(name: string, spec: EmbeddedSpec, cluster: DemoCluster): ClusterInfo {
  return {
    name,
    server: cluster.server,
    demo: false,
    default: false,
    kubeconfigPath: cluster.kubeconfigPath,
    embedded: { kind: spec.kind, title: spec.title },
  };
}

function reasonOf(err: ClusterError): UnreachableReason {
  switch (err.kind) {
    case 'status':
      if (err.status?.code === 401) return 'unauthorized';
      return err.status?.code === 403 ? 'forbidden' : 'error';
    case 'unreachable':
    case 'timeout':
    case 'config':
      return err.kind;
    case 'unknown-cluster':
    case 'unknown':
      return 'error';
    default: {
      const never: never = err.kind;
      return never;
    }
  }
}

/** Creates the registry of this server process from its environment and home directory. */
export function createClusterRegistry(opts: RegistryOptions): ClusterRegistry {
  return new ClusterRegistry(opts);
}
