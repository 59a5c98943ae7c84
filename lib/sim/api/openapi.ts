import { RESOURCES } from '../store/resources';
import type { ResourceType } from '../store/types';
import { VERSION } from './discovery';

/**
 * A minimal OpenAPI v3 surface. kubectl (`--validate=strict`, the default) reads it to learn
 * that the server validates fields itself (the `fieldValidation` query parameter on PATCH,
 * k8s.io/kubectl/pkg/util/openapi queryparams_v3.go); without it `kubectl create -f` fails with
 * "failed to download openapi". Paths carry no schemas, so kubectl apply computes its patches
 * from the types it has built in, as it does for any built-in kind.
 */
function groupVersionPath(rt: ResourceType): string {
  return rt.group === '' ? `api/${rt.version}` : `apis/${rt.group}/${rt.version}`;
}

const PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'pretty'].map((name) => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
}));

function paths(rt: ResourceType): Record<string, object> {
  const gvk = { group: rt.group, version: rt.version, kind: rt.kind };
  const ext = { 'x-kubernetes-group-version-kind': gvk };
  const base = `/${groupVersionPath(rt)}${rt.namespaced ? '/namespaces/{namespace}' : ''}/${rt.resource}`;
  const op = (action: string) => ({
    ...ext,
    'x-kubernetes-action': action,
    parameters: PARAMS,
    responses: {},
  });
  return {
    [base]: { get: op('list'), post: op('post') },
    [`${base}/{name}`]: {
      get: op('get'),
      put: op('put'),
      patch: op('patch'),
      delete: op('delete'),
    },
  };
}

/** `GET /openapi/v3`: where each group-version's document lives. */
export function openApiRoot(): object {
  const out: Record<string, { serverRelativeURL: string }> = {};
  for (const rt of RESOURCES) {
    const p = groupVersionPath(rt);
    out[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${VERSION.gitVersion}` };
  }
  return { paths: out };
}

/** `GET /openapi/v3/{api/v1 | apis/group/version}`, or undefined when not served. */
export function openApiGroupVersion(path: string): object | undefined {
  const types = RESOURCES.filter((rt) => groupVersionPath(rt) === path);
  if (types.length === 0) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: VERSION.gitVersion },
    paths: Object.assign({}, ...types.map(paths)),
    components: { schemas: {} },
  };
}
