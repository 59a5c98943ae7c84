/**
 * Server-side printing: turns stored objects into the `meta.k8s.io/v1` `Table` kube-apiserver
 * answers when kubectl sends `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Columns
 * and cells follow pkg/printers/internalversion/printers.go; resources without a printer
 * get the default table convertor's Name / Created At (k8s.io/apiserver registry/rest).
 */
import type { KObject } from '../store/types';
import {
  configMapPrinter,
  namespacePrinter,
  nodePrinter,
  podDisruptionBudgetPrinter,
} from './tables/cluster';
import { metaDoc } from './tables/docs';
import { eventPrinter } from './tables/events';
import { endpointSlicePrinter, servicePrinter } from './tables/network';
import { podPrinter } from './tables/pods';
import { timeMs } from './tables/read';
import {
  column,
  type PrintedRow,
  type Printer,
  type TableJson,
  type TableListMeta,
  type TableRow,
} from './tables/types';
import {
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from './tables/workloads';

export { humanDuration, translateTimestampSince } from './tables/duration';
export type {
  Cell,
  PartialObjectMetadata,
  TableColumnDefinition,
  TableJson,
  TableListMeta,
  TableRow,
  TableRowCondition,
} from './tables/types';

const printers: Record<string, Printer> = {
  pods: podPrinter,
  nodes: nodePrinter,
  services: servicePrinter,
  events: eventPrinter,
  namespaces: namespacePrinter,
  configmaps: configMapPrinter,
  'apps/deployments': deploymentPrinter,
  'apps/replicasets': replicaSetPrinter,
  'apps/statefulsets': statefulSetPrinter,
  'apps/daemonsets': daemonSetPrinter,
  'discovery.k8s.io/endpointslices': endpointSlicePrinter,
  'policy/poddisruptionbudgets': podDisruptionBudgetPrinter,
};

/** Resource keys with a dedicated printer; every other key gets Name / Created At. */
export const tableResourceKeys: string[] = Object.keys(printers);

/** `metav1.Time` as `Time.UTC().Format(time.RFC3339)`: whole seconds, Go's zero time if unset. */
function rfc3339(timestamp: unknown): string {
  const ms = timeMs(timestamp);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The default table convertor, used for resources upstream registers no printer for. */
const defaultPrinter: Printer = {
  columns: [
    column('Name', 'string', metaDoc.name, { format: 'name' }),
    column('Created At', 'date', metaDoc.creationTimestamp),
  ],
  row(obj) {
    return { cells: [obj.metadata.name ?? '', rfc3339(obj.metadata.creationTimestamp)] };
  },
};

/** Options of one Table response. */
export interface ToTableOptions {
  /** `?includeObject=`; kube-apiserver treats an absent parameter as `Metadata`. */
  includeObject: 'None' | 'Metadata' | 'Object';
  /** Omit the column definitions, as watch events after the first do. */
  noHeaders?: boolean;
  /** The list's metadata (a single object's resourceVersion for a get). */
  listMeta?: TableListMeta;
}

/** What `asTable` in the apiserver's handlers puts in `row.object` for each includeObject. */
function rowObject(
  obj: KObject,
  includeObject: ToTableOptions['includeObject'],
): TableRow['object'] {
  switch (includeObject) {
    case 'None':
      return undefined;
    case 'Metadata':
      return {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: obj.metadata,
      };
    case 'Object':
      return obj;
  }
}

function toRow(printed: PrintedRow, object: TableRow['object']): TableRow {
  const row: TableRow = { cells: printed.cells };
  if (printed.conditions !== undefined) row.conditions = printed.conditions;
  if (object !== undefined) row.object = object;
  return row;
}

/** The list metadata as ListMeta serialises it: unset fields left out. */
function tableMetadata(listMeta: TableListMeta | undefined): TableListMeta {
  const out: TableListMeta = {};
  if (listMeta?.resourceVersion !== undefined) out.resourceVersion = listMeta.resourceVersion;
  if (listMeta?.continue !== undefined && listMeta.continue !== '')
    out.continue = listMeta.continue;
  if (listMeta?.remainingItemCount !== undefined) {
    out.remainingItemCount = listMeta.remainingItemCount;
  }
  return out;
}

/**
 * Prints `objects` of the resource `resourceKey` (`pods`, `apps/deployments`, …) as a Table,
 * ages measured at `now` (epoch ms). Rows always carry the wide (priority 1) cells; kubectl
 * hides those columns unless asked for `-o wide`.
 */
export function toTable(
  resourceKey: string,
  objects: KObject[],
  now: number,
  opts: ToTableOptions,
): TableJson {
  const printer = printers[resourceKey] ?? defaultPrinter;
  // Copies, so a caller editing one response cannot change the next one's columns.
  const columns =
    opts.noHeaders === true ? {} : { columnDefinitions: printer.columns.map((c) => ({ ...c })) };
  const table: TableJson = {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: tableMetadata(opts.listMeta),
    ...columns,
    rows: objects.map((obj) => toRow(printer.row(obj, now), rowObject(obj, opts.includeObject))),
  };
  return table;
}
