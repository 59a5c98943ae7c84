import 'server-only';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';

/** The process environment, injected so that tests never mutate `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where a pod's service-account token, CA and namespace are mounted. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The name the registry gives the pod's own cluster. */
export const IN_CLUSTER_NAME = 'in-cluster';

/** The kubeconfig files read, merged, and what could not be read. */
export interface LoadedKubeconfig {
  /** Undefined when no kubeconfig file exists (or none could be read). */
  kc: KubeConfig | undefined;
  /** One line per unreadable file; the other files still count. */
  warnings: string[];
}

/**
 * The kubeconfig files kubectl reads: each entry of `KUBECONFIG` (split on the platform's
 * path delimiter, empties dropped), else `~/.kube/config`.
 * @see https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/
 */
export function kubeconfigPaths(env: Env, homeDir: string): string[] {
  const list = (env['KUBECONFIG'] ?? '').split(delimiter).filter((p) => p !== '');
  return list.length > 0 ? list : [join(homeDir, '.kube', 'config')];
}

/**
 * Loads and merges the existing files among `paths` as kubectl does: the first file to
 * define a cluster, user, context or `current-context` wins. A missing file is skipped
 * silently; an unparsable one is skipped with a warning rather than failing the server.
 */
export function loadKubeconfig(paths: readonly string[]): LoadedKubeconfig {
  const warnings: string[] = [];
  const files: KubeConfig[] = [];
  for (const path of paths) {
    if (!existsSync(path)) continue;
    try {
      const kc = new KubeConfig();
      kc.loadFromFile(path);
      files.push(kc);
    } catch (e) {
      warnings.push(`kubeconfig ${path} skipped: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { kc: files.length > 0 ? mergeFirstWins(files) : undefined, warnings };
}

function mergeFirstWins(files: readonly KubeConfig[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const f of files) {
    for (const c of f.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of f.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of f.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    currentContext ||= f.getCurrentContext() ?? '';
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return merged;
}

/**
 * The pod's own cluster, as client-go's `InClusterConfig` builds it: only when
 * `KUBERNETES_SERVICE_HOST` is set and the service-account token and CA exist under `saDir`.
 * The token is re-read from its file, so rotated tokens keep working.
 * @see https://kubernetes.io/docs/tasks/run-application/access-api-from-pod/
 */
export function inClusterKubeconfig(env: Env, saDir: string): KubeConfig | undefined {
  const host = env['KUBERNETES_SERVICE_HOST'];
  const tokenFile = join(saDir, 'token');
  const caFile = join(saDir, 'ca.crt');
  if (!host || !existsSync(tokenFile) || !existsSync(caFile)) return undefined;
  const port = env['KUBERNETES_SERVICE_PORT'] || '443';
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: IN_CLUSTER_NAME, server: `https://${hostPart}:${port}`, caFile }],
    users: [{ name: IN_CLUSTER_NAME, authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: IN_CLUSTER_NAME, cluster: IN_CLUSTER_NAME, user: IN_CLUSTER_NAME }],
    currentContext: IN_CLUSTER_NAME,
  });
  return kc;
}

/** A copy of `base` whose current context is `context` (which must exist in `base`). */
export function withContext(base: KubeConfig, context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: base.getClusters(),
    users: base.getUsers(),
    contexts: base.getContexts(),
    currentContext: context,
  });
  return kc;
}

/** The API server URL of `kc`'s current context; '' when the context names no known cluster. */
export function serverOf(kc: KubeConfig): string {
  return kc.getCurrentCluster()?.server ?? '';
}
