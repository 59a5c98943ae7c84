import { SERVED } from '../store/resources';
import type { ResourceType } from '../store/types';

/** The Kubernetes version the embedded cluster reports, matching the kubectl it is tested with. */
export const VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-drainboard',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-28T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  group?: string;
  version?: string;
  shortNames?: string[];
  categories?: string[];
}

function groupVersions(): Map<string, ResourceType[]> {
  const out = new Map<string, ResourceType[]>();
  for (const rt of SERVED) {
    const gv = rt.group === '' ? rt.version : `${rt.group}/${rt.version}`;
    out.set(gv, [...(out.get(gv) ?? []), rt]);
  }
  return out;
}

function entries(rt: ResourceType): APIResource[] {
  const main: APIResource = {
    name: rt.resource,
    singularName: rt.singular,
    namespaced: rt.namespaced,
    kind: rt.kind,
    verbs: rt.verbs,
  };
  if (rt.shortNames.length > 0) main.shortNames = rt.shortNames;
  if (rt.categories) main.categories = rt.categories;
  const out = [main];
  if (rt.subresources.includes('status')) {
    out.push({
      name: `${rt.resource}/status`,
      singularName: '',
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: ['get', 'patch', 'update'],
    });
  }
  if (rt.subresources.includes('eviction')) {
    // The body kind lives in group policy, so the entry names its group and version.
    out.push({
      name: `${rt.resource}/eviction`,
      singularName: '',
      namespaced: rt.namespaced,
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
      verbs: ['create'],
    });
  }
  if (rt.subresources.includes('scale')) {
    out.push({
      name: `${rt.resource}/scale`,
      singularName: '',
      namespaced: rt.namespaced,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
  }
  return out;
}

/** `GET /api`: the legacy core group's versions. */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(name: string, version: string): object {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [gv], preferredVersion: gv };
}

/** `GET /apis`: every named group (legacy discovery, which kubectl reads without warnings). */
export function apiGroupList(): object {
  const groups = [...groupVersions().keys()]
    .filter((gv) => gv.includes('/'))
    .map((gv) => {
      const [name = '', version = ''] = gv.split('/');
      return apiGroup(name, version);
    });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** `GET /apis/{group}`, or undefined when the group is not served. */
export function apiGroupDoc(group: string): object | undefined {
  const gv = [...groupVersions().keys()].find((k) => k.startsWith(`${group}/`));
  if (!gv) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, gv.slice(group.length + 1)) };
}

/** `GET /api/v1` or `/apis/{group}/{version}`, or undefined when not served. */
export function apiResourceList(groupVersion: string): object | undefined {
  const types = groupVersions().get(groupVersion);
  if (!types) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: types.flatMap(entries),
  };
}
