/**
 * How the disruption controller sizes a budget (pkg/controller/disruption/disruption.go,
 * getExpectedPodCount and its controller finders): the scale of the controllers behind the
 * selected pods, and the healthy count the budget wants out of it.
 */
import { RESOURCES, resourceType } from '../store/resources';
import type { KObject, OwnerReference, ResourceType } from '../store/types';
import { controllerRef, type ControllerContext } from './context';

const REPLICASETS = resourceType('apps/replicasets');
const DEPLOYMENTS = resourceType('apps/deployments');
const STATEFULSETS = resourceType('apps/statefulsets');

interface Scale {
  uid: string;
  replicas: number;
}

type Finder = (ctx: ControllerContext, ref: OwnerReference, ns: string) => Scale | undefined;

/** schema.ParseGroupVersion, for the group only. */
function groupOf(apiVersion: string): string {
  if (apiVersion === '' || apiVersion === '/') return '';
  const parts = apiVersion.split('/');
  if (parts.length > 2) throw new Error(`unexpected GroupVersion string: ${apiVersion}`);
  return parts.length === 2 ? (parts[0] ?? '') : '';
}

/** verifyGroupKind: the ref names `kind` in one of `groups`. */
function isKind(ref: OwnerReference, kind: string, groups: string[]): boolean {
  const group = groupOf(ref.apiVersion);
  return ref.kind === kind && groups.includes(group);
}

/** The object the ref names, only if its UID is the ref's (a recreated namesake is not it). */
function resolve(
  ctx: ControllerContext,
  rt: ResourceType,
  ref: OwnerReference,
  ns: string,
): KObject | undefined {
  const obj = ctx.registry.tryGet(rt, ns, ref.name);
  return obj?.metadata.uid === ref.uid ? obj : undefined;
}

const scaleOf = (obj: KObject): Scale => ({
  uid: obj.metadata.uid ?? '',
  replicas: (obj.spec?.replicas as number | undefined) ?? 1,
});

/** getPodDeployment: a ReplicaSet whose controller is a live Deployment counts as that Deployment. */
const deploymentFinder: Finder = (ctx, ref, ns) => {
  if (!isKind(ref, 'ReplicaSet', ['apps', 'extensions'])) return undefined;
  const rs = resolve(ctx, REPLICASETS, ref, ns);
  const owner = rs && controllerRef(rs);
  if (!owner || !isKind(owner, 'Deployment', ['apps', 'extensions'])) return undefined;
  const deployment = resolve(ctx, DEPLOYMENTS, owner, ns);
  return deployment && scaleOf(deployment);
};

/** getPodReplicaSet: a ReplicaSet not controlled by a Deployment. */
const replicaSetFinder: Finder = (ctx, ref, ns) => {
  if (!isKind(ref, 'ReplicaSet', ['apps', 'extensions'])) return undefined;
  const rs = resolve(ctx, REPLICASETS, ref, ns);
  if (!rs || controllerRef(rs)?.kind === 'Deployment') return undefined;
  return scaleOf(rs);
};

const statefulSetFinder: Finder = (ctx, ref, ns) => {
  if (!isKind(ref, 'StatefulSet', ['apps'])) return undefined;
  const sts = resolve(ctx, STATEFULSETS, ref, ns);
  return sts && scaleOf(sts);
};

/** meta.UnsafeGuessKindToResource: the plural a RESTMapper would guess for a kind. */
function guessResource(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular.endsWith('endpoints')) return singular;
  if (singular.endsWith('s')) return `${singular}es`;
  if (singular.endsWith('y')) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

/**
 * getScaleController: any other kind through its scale subresource. A kind that has none
 * (DaemonSet, Job, or one the embedded cluster does not serve) fails the sync, as upstream
 * does when discovery lists no `<resource>/scale`.
 */
const scaleFinder: Finder = (ctx, ref, ns) => {
  const group = groupOf(ref.apiVersion);
  const rt = RESOURCES.find((r) => r.group === group && r.kind === ref.kind);
  if (!rt?.subresources.includes('scale')) {
    const resource = rt?.resource ?? guessResource(ref.kind);
    // schema.GroupResource.String(): `resource.group`, or the bare resource in the core group.
    const gr = group === '' ? resource : `${resource}.${group}`;
    throw new Error(`${gr} does not implement the scale subresource`);
  }
  const obj = resolve(ctx, rt, ref, ns);
  return obj && scaleOf(obj);
};

const FINDERS: Finder[] = [deploymentFinder, replicaSetFinder, statefulSetFinder, scaleFinder];

/**
 * getExpectedScale: the sum of `spec.replicas` of the distinct controllers of `pods`. Pods
 * without a controller reference are left out and named in `unmanaged`; a reference that
 * resolves to nothing throws `found no controllers for pod "<name>"`.
 */
export function expectedScale(
  ctx: ControllerContext,
  pods: KObject[],
): { expected: number; unmanaged: string[] } {
  const byController = new Map<string, number>();
  const seenRefs = new Set<string>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (!ref) {
      unmanaged.push(pod.metadata.name ?? '');
      continue;
    }
    if (seenRefs.has(ref.uid)) continue;
    const ns = pod.metadata.namespace ?? '';
    const found = FINDERS.reduce<Scale | undefined>((s, f) => s ?? f(ctx, ref, ns), undefined);
    if (!found) throw new Error(`found no controllers for pod "${pod.metadata.name ?? ''}"`);
    seenRefs.add(ref.uid);
    byController.set(found.uid, found.replicas);
  }
  let expected = 0;
  for (const n of byController.values()) expected += n;
  return { expected, unmanaged };
}

/**
 * intstr.GetScaledValueFromIntOrPercent with roundUp=true: an int verbatim, `N%` of `total`
 * rounded up.
 */
export function scaledValue(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) {
    throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  }
  const digits = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) {
    throw new Error(
      `invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${digits}": invalid syntax`,
    );
  }
  return Math.ceil((Number(digits) * total) / 100);
}

export interface Expectation {
  expected: number;
  desired: number;
  unmanaged: string[];
}

/**
 * getExpectedPodCount: `maxUnavailable` and a percentage `minAvailable` are measured against
 * the controllers' scale; an integer `minAvailable` against the selected pods themselves
 * (managed or not); a budget with neither expects nothing.
 */
export function expectedPodCount(
  ctx: ControllerContext,
  pdb: KObject,
  pods: KObject[],
): Expectation {
  const spec = (pdb.spec ?? {}) as {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
  };
  if (spec.maxUnavailable != null) {
    const { expected, unmanaged } = expectedScale(ctx, pods);
    const desired = Math.max(0, expected - scaledValue(spec.maxUnavailable, expected));
    return { expected, desired, unmanaged };
  }
  if (typeof spec.minAvailable === 'number') {
    return { expected: pods.length, desired: spec.minAvailable, unmanaged: [] };
  }
  if (typeof spec.minAvailable === 'string') {
    const { expected, unmanaged } = expectedScale(ctx, pods);
    return { expected, desired: scaledValue(spec.minAvailable, expected), unmanaged };
  }
  return { expected: 0, desired: 0, unmanaged: [] };
}
