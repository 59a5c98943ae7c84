import { KubeConfig } from '@kubernetes/client-node';
import type { Registry } from '../api/registry';
import { startCluster, type SimCluster } from '../cluster';
import { applyManifests, parseManifests } from '../scenarios';
import { resourceType } from '../store/resources';
import type { KObject } from '../store/types';
import { rehearsalManifests, type Timings } from './manifests';
import { readSource } from './source';

export { rehearsalManifests, UnknownWorkloadsError, type Timings } from './manifests';
export { readSource, type SourceObjects } from './source';
export { inferTimes, type WorkloadTimes } from './timings';
export { parseTimingFlags } from './timing-flag';

/** How a source is read for a rehearsal (see {@link readCopy}). */
export interface CopyOptions {
  /** Per-workload times by `namespace/Kind/name` (see {@link rehearsalManifests}). */
  timings?: Timings;
  /** Aborts the source's LIST requests, e.g. `AbortSignal.timeout(ms)`. */
  signal?: AbortSignal;
}

/** Options of {@link startRehearsal}. */
export interface RehearsalOptions extends CopyOptions {
  /** Port of the copy on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

/** A source cluster read and turned into its copy's objects, not started yet. */
export interface RehearsalCopy {
  readonly objects: KObject[];
}

const namespaces = resourceType('namespaces');

/** Creates the copy's objects; a namespace the scenario already has only takes the copy's labels. */
function applyCopy(registry: Registry, objects: KObject[]): void {
  const exists = (o: KObject) =>
    o.kind === 'Namespace' && registry.tryGet(namespaces, '', o.metadata.name ?? '') !== undefined;
  const present = objects.filter(exists);
  for (const ns of present) {
    registry.mutate(namespaces, '', ns.metadata.name ?? '', (old) => {
      old.metadata.labels = { ...old.metadata.labels, ...ns.metadata.labels };
    });
  }
  applyManifests(
    registry,
    objects.filter((o) => !present.includes(o)),
  );
}

/**
 * Reads the cluster of `kc`'s current context (LIST requests only, see {@link readSource}) into
 * the objects of its copy ({@link rehearsalManifests}). Rejects, nothing started, if the
 * source cannot be read or `timings` names a workload it does not have
 * ({@link UnknownWorkloadsError}).
 */
export async function readCopy(kc: KubeConfig, opts: CopyOptions = {}): Promise<RehearsalCopy> {
  const src = await readSource(kc, opts.signal);
  return { objects: parseManifests(rehearsalManifests(src, opts.timings)) };
}

/**
 * Starts an embedded cluster holding `copy` on the `bare` scenario, on 127.0.0.1:`port` (0
 * picks a free one): the copy's own controllers create its pods.
 */
export async function startCopy(copy: RehearsalCopy, port = 0): Promise<SimCluster> {
  const cluster = await startCluster({ port, scenario: 'bare' });
  try {
    applyCopy(cluster.registry, copy.objects);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}

/** {@link readCopy}, then {@link startCopy}. */
export async function startRehearsal(
  kc: KubeConfig,
  opts: RehearsalOptions = {},
): Promise<SimCluster> {
  return startCopy(await readCopy(kc, opts), opts.port);
}

/**
 * The KubeConfig of a source cluster: `file`, else `$KUBECONFIG` or `~/.kube/config`, with
 * `context` as its current context. Throws, naming the known contexts, if it has no such one.
 */
export function sourceKubeConfig(context: string, file?: string): KubeConfig {
  const kc = new KubeConfig();
  if (file === undefined) kc.loadFromDefault();
  else kc.loadFromFile(file);
  if (kc.getContextObject(context) === null) {
    const where = file ?? process.env.KUBECONFIG ?? '~/.kube/config';
    const known = kc.getContexts().map((c) => c.name);
    throw new Error(`no context "${context}" in ${where}; known: ${known.join(', ') || 'none'}`);
  }
  kc.setCurrentContext(context);
  return kc;
}
