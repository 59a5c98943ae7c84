/**
 * Wire shapes of `meta.k8s.io/v1` `Table`, the server-side printing kubectl asks for with
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`.
 */
import type { KObject, ObjectMeta } from '../../store/types';

/** A cell as kube-apiserver's printers emit it: strings, int64s and the odd bool. */
export type Cell = string | number | boolean;

/** One column; kubectl shows `priority` 0 columns always and the rest only with `-o wide`. */
export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: `string`, `integer`, `boolean`, `date`. */
  type: string;
  /** `name` marks the resource-name column; empty otherwise (never omitted on the wire). */
  format: string;
  description: string;
  priority: number;
}

/** Set on pod rows whose phase is terminal, as upstream's printPod does. */
export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** `includeObject=Metadata`: what kubectl reads namespace and labels from for `-A`, `-L`. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  object?: KObject | PartialObjectMetadata;
}

export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** A `meta.k8s.io/v1` `Table` as JSON. */
export interface TableJson {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: TableListMeta;
  /** Absent for watch events after the first (`noHeaders`). */
  columnDefinitions?: TableColumnDefinition[];
  rows: TableRow[];
}

/** The cells (and conditions) one printer derives from one object. */
export interface PrintedRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
}

/** A resource's server-side printer: its columns and how to fill them. */
export interface Printer {
  columns: TableColumnDefinition[];
  /** Always the wide row: kube-apiserver prints with `Wide: true`, kubectl drops columns. */
  row(obj: KObject, now: number): PrintedRow;
}

/** Builds a column definition; `format` and `priority` default as the Go zero values do. */
export function column(
  name: string,
  type: string,
  description: string,
  opts: { priority?: number; format?: string } = {},
): TableColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}
