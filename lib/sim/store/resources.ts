import type { ResourceType } from './types';

const STANDARD = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

function rt(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  subresources: ResourceType['subresources'] = [],
  categories?: string[],
): ResourceType {
  const type: ResourceType = {
    key: group === '' ? resource : `${group}/${resource}`,
    group,
    version,
    resource,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced,
    shortNames,
    verbs: STANDARD,
    subresources,
  };
  if (categories) type.categories = categories;
  return type;
}

/** Every resource the embedded cluster serves, in discovery order. */
export const RESOURCES: readonly ResourceType[] = [
  rt('', 'v1', 'namespaces', 'Namespace', false, ['ns'], ['status']),
  rt('', 'v1', 'nodes', 'Node', false, ['no'], ['status']),
  rt('', 'v1', 'pods', 'Pod', true, ['po'], ['status', 'eviction'], ['all']),
  rt('', 'v1', 'services', 'Service', true, ['svc'], ['status'], ['all']),
  rt('', 'v1', 'events', 'Event', true, ['ev']),
  rt('', 'v1', 'configmaps', 'ConfigMap', true, ['cm']),
  rt('apps', 'v1', 'deployments', 'Deployment', true, ['deploy'], ['status', 'scale'], ['all']),
  rt('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs'], ['status', 'scale'], ['all']),
  rt('apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts'], ['status', 'scale'], ['all']),
  rt('apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds'], ['status'], ['all']),
  rt('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true, []),
  rt('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb'], ['status']),
];

/**
 * `authorization.k8s.io/v1` SelfSubjectAccessReviews: create-only and never stored, like
 * upstream's REST storage for them (pkg/registry/authorization/selfsubjectaccessreview). Kept
 * out of {@link RESOURCES}, which lists what the store holds, watches and deletes.
 */
export const SELF_SUBJECT_ACCESS_REVIEWS: ResourceType = {
  ...rt(
    'authorization.k8s.io',
    'v1',
    'selfsubjectaccessreviews',
    'SelfSubjectAccessReview',
    false,
    [],
  ),
  verbs: ['create'],
};

/** Every resource served over HTTP: the stored ones and the create-only reviews. */
export const SERVED: readonly ResourceType[] = [...RESOURCES, SELF_SUBJECT_ACCESS_REVIEWS];

const byKey = new Map(SERVED.map((r) => [r.key, r]));

/** The served resource with this key (`pods`, `apps/deployments`); throws for an unknown key. */
export function resourceType(key: string): ResourceType {
  const found = byKey.get(key);
  if (!found) throw new Error(`unknown resource ${key}`);
  return found;
}

/** The served resource at `/{group}/{version}/{resource}`, if any. */
export function findResource(
  group: string,
  version: string,
  resource: string,
): ResourceType | undefined {
  const found = byKey.get(group === '' ? resource : `${group}/${resource}`);
  return found && found.version === version ? found : undefined;
}

/** The served resource of a kind, for ownerReferences and scenarios. */
export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCES.find(
    (r) =>
      r.kind === kind && (r.group === '' ? r.version : `${r.group}/${r.version}`) === apiVersion,
  );
}
