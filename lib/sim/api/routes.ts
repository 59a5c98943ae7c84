import { findResource } from '../store/resources';
import type { ResourceType } from '../store/types';

export type Route =
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; groupVersion: string }
  | { kind: 'openapi'; path: string }
  | ResourceRoute;

export interface ResourceRoute {
  kind: 'resource';
  rt: ResourceType;
  /** The URL's namespace; undefined for cluster-scoped paths and all-namespaces lists. */
  namespace?: string;
  name?: string;
  subresource?: string;
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** Maps a request path to what it addresses, or undefined when nothing is served there (404). */
export function route(pathname: string): Route | undefined {
  if (pathname === '/version' || pathname === '/version/') return { kind: 'version' };
  if (HEALTH.has(pathname)) return { kind: 'health' };
  if (pathname === '/openapi/v3' || pathname.startsWith('/openapi/v3/')) {
    return { kind: 'openapi', path: pathname.slice('/openapi/v3/'.length) };
  }
  let segs: string[];
  try {
    segs = pathname
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (segs[0] === 'api') {
    if (segs.length === 1) return { kind: 'api' };
    if (segs[1] !== 'v1') return undefined;
    return segs.length === 2
      ? { kind: 'groupVersion', groupVersion: 'v1' }
      : resourceRoute('', 'v1', segs.slice(2));
  }
  if (segs[0] === 'apis') {
    const [, group, version] = segs;
    if (group === undefined) return { kind: 'apis' };
    if (version === undefined) return { kind: 'group', group };
    if (segs.length === 3) return { kind: 'groupVersion', groupVersion: `${group}/${version}` };
    return resourceRoute(group, version, segs.slice(3));
  }
  return undefined;
}

function resourceRoute(group: string, version: string, segs: string[]): ResourceRoute | undefined {
  const [first, second, third, fourth, fifth, ...rest] = segs;
  if (rest.length > 0 || first === undefined) return undefined;
  const nested = third === undefined ? undefined : findResource(group, version, third);
  if (first === 'namespaces' && second !== undefined && nested) {
    if (!nested.namespaced) return undefined;
    return withParts({ kind: 'resource', rt: nested, namespace: second }, fourth, fifth);
  }
  if (fifth !== undefined) return undefined;
  const rt = findResource(group, version, first);
  if (!rt) return undefined;
  if (rt.namespaced && second !== undefined) return undefined;
  return withParts({ kind: 'resource', rt }, second, third);
}

function withParts(r: ResourceRoute, name?: string, subresource?: string): ResourceRoute {
  if (name !== undefined) r.name = name;
  if (subresource !== undefined) r.subresource = subresource;
  return r;
}
