import { parseAllDocuments } from 'yaml';
import type { Registry } from '../api/registry';
import { resourceForKind } from '../store/resources';
import type { KObject } from '../store/types';

/** Parses multi-document YAML (or JSON) into objects; `kind: List` documents are flattened. */
export function parseManifests(text: string): KObject[] {
  const out: KObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0]?.message ?? ''}`);
    const value = doc.toJS() as KObject | null;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || typeof value.kind !== 'string') {
      throw new Error('every manifest needs apiVersion and kind');
    }
    if (value.kind.endsWith('List') && Array.isArray(value.items))
      out.push(...(value.items as KObject[]));
    else out.push(value);
  }
  return out;
}

/** Creation order, so that what an object needs exists before it: namespaces first, pods last. */
const ORDER = [
  'Namespace',
  'Node',
  'ConfigMap',
  'Service',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Pod',
];

function rank(obj: KObject): number {
  const i = ORDER.indexOf(obj.kind);
  return i < 0 ? ORDER.length : i;
}

/** Creates manifests in dependency order, as `kubectl create -f` of a sorted bundle would. */
export function applyManifests(registry: Registry, objects: KObject[]): KObject[] {
  const sorted = [...objects].sort((a, b) => rank(a) - rank(b));
  return sorted.map((obj) => {
    const rt = resourceForKind(obj.apiVersion, obj.kind);
    if (!rt) throw new Error(`the embedded cluster does not serve ${obj.apiVersion} ${obj.kind}`);
    return registry.create(rt, obj.metadata?.namespace ?? 'default', obj);
  });
}
