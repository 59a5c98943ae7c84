/**
 * printNode, printNamespace, printConfigMap and printPodDisruptionBudget of upstream's
 * printers.go.
 */
import type { KObject } from '../../store/types';
import { configMapDataDoc, metaDoc, nodeDoc } from './docs';
import { translateTimestampSince } from './duration';
import { intOrString } from './format';
import { int, isSet, list, rec, str } from './read';
import { column, type Printer } from './types';

const nameColumn = column('Name', 'string', metaDoc.name, { format: 'name' });
const ageColumn = column('Age', 'string', metaDoc.creationTimestamp);

function age(obj: KObject, now: number): string {
  return translateTimestampSince(obj.metadata.creationTimestamp, now);
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** `findNodeRoles`: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (k === ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

/** `Ready` / `NotReady` from the Ready condition (`Unknown` without one), then cordoning. */
function nodeStatus(node: KObject): string {
  const ready = list(rec(node.status).conditions)
    .filter((c) => c.type === 'Ready')
    .at(-1); // conditionMap keeps the last condition of a type
  const status = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (rec(node.spec).unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/** The first address of a type, `<none>` when the node reports none. */
function nodeAddress(node: KObject, type: string): string {
  const addr = list(rec(node.status).addresses).find((a) => a.type === type);
  return addr === undefined ? '<none>' : str(addr.address);
}

function orUnknown(s: string): string {
  return s === '' ? '<unknown>' : s;
}

/** Nodes: Name, Status, Roles, Age, Version; wide addresses, OS image, kernel, runtime. */
export const nodePrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', nodeDoc.kubeletVersion),
    column('Internal-IP', 'string', nodeDoc.addresses, { priority: 1 }),
    column('External-IP', 'string', nodeDoc.addresses, { priority: 1 }),
    column('OS-Image', 'string', nodeDoc.osImage, { priority: 1 }),
    column('Kernel-Version', 'string', nodeDoc.kernelVersion, { priority: 1 }),
    column('Container-Runtime', 'string', nodeDoc.containerRuntimeVersion, { priority: 1 }),
  ],
  row(node, now) {
    const info = rec(rec(node.status).nodeInfo);
    const roles = nodeRoles(node.metadata.labels).join(',');
    return {
      cells: [
        node.metadata.name ?? '',
        nodeStatus(node),
        roles === '' ? '<none>' : roles,
        age(node, now),
        str(info.kubeletVersion),
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        orUnknown(str(info.osImage)),
        orUnknown(str(info.kernelVersion)),
        orUnknown(str(info.containerRuntimeVersion)),
      ],
    };
  },
};

/** Namespaces: Name, Status (the phase), Age. */
export const namespacePrinter: Printer = {
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  row(ns, now) {
    return { cells: [ns.metadata.name ?? '', str(rec(ns.status).phase), age(ns, now)] };
  },
};

/** ConfigMaps: Name, Data (keys in `data` plus `binaryData`), Age. */
export const configMapPrinter: Printer = {
  columns: [nameColumn, column('Data', 'string', configMapDataDoc), ageColumn],
  row(cm, now) {
    const keys = Object.keys(rec(cm.data)).length + Object.keys(rec(cm.binaryData)).length;
    return { cells: [cm.metadata.name ?? '', keys, age(cm, now)] };
  },
};

/** PodDisruptionBudgets: Name, Min Available, Max Unavailable, Allowed Disruptions, Age. */
export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column(
      'Allowed Disruptions',
      'integer',
      'Calculated number of pods that may be disrupted at this time.',
    ),
    ageColumn,
  ],
  row(pdb, now) {
    const spec = rec(pdb.spec);
    const bound = (v: unknown): string => (isSet(v) ? intOrString(v) : 'N/A');
    return {
      cells: [
        pdb.metadata.name ?? '',
        bound(spec.minAvailable),
        bound(spec.maxUnavailable),
        int(rec(pdb.status).disruptionsAllowed),
        age(pdb, now),
      ],
    };
  },
};
