/**
 * The string helpers upstream's printers share: label sets and selectors as
 * k8s.io/apimachinery/pkg/labels prints them, container lists, and "+ N more" lists.
 */
import { list, rec, str, strMap, strings } from './read';

/** `labels.Set.String()`: `k=v` pairs sorted by key, comma-joined. */
export function labelSetString(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join(',');
}

/** `labels.FormatLabels`: a label map, `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const s = labelSetString(strMap(labels));
  return s === '' ? '<none>' : s;
}

interface Requirement {
  key: string;
  op: 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** `labels.Requirement.String()`; multi-value sets print sorted, as `safeSort` does. */
function requirementString(r: Requirement): string {
  const values = r.values.length === 1 ? (r.values[0] ?? '') : [...r.values].sort().join(',');
  switch (r.op) {
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'Equals':
      return `${r.key}=${values}`;
    case 'In':
      return `${r.key} in (${values})`;
    case 'NotIn':
      return `${r.key} notin (${values})`;
  }
}

const EXPRESSION_OPS: Record<string, Requirement['op']> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
};

/** The value counts `labels.NewRequirement` insists on for each operator. */
function validValueCount(op: Requirement['op'], n: number): boolean {
  if (op === 'In' || op === 'NotIn') return n > 0;
  if (op === 'Exists' || op === 'DoesNotExist') return n === 0;
  return n === 1;
}

/**
 * `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key (as
 * `internalSelector.Add` does), `''` for a nil or empty selector, undefined where Go errors.
 */
export function labelSelectorString(selector: unknown): string | undefined {
  const sel = rec(selector);
  const reqs: Requirement[] = Object.entries(strMap(sel.matchLabels)).map(([key, v]) => ({
    key,
    op: 'Equals',
    values: [v],
  }));
  for (const expr of list(sel.matchExpressions)) {
    const op = EXPRESSION_OPS[str(expr.operator)];
    const values = strings(expr.values);
    if (op === undefined || !validValueCount(op, values.length)) return undefined;
    reqs.push({ key: str(expr.key), op, values });
  }
  // Array.prototype.sort is stable, so matchLabels stay ahead of expressions on equal keys.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map(requirementString).join(',');
}

/** `metav1.FormatLabelSelector`: `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const s = labelSelectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** `layoutContainerCells`: container names and images, each comma-joined. */
export function layoutContainerCells(containers: unknown): { names: string; images: string } {
  const cs = list(containers);
  return {
    names: cs.map((c) => str(c.name)).join(','),
    images: cs.map((c) => str(c.image)).join(','),
  };
}

/** `listWithMoreString`: the first `max` items, then `+ N more...`; `<unset>` when empty. */
export function listWithMore(items: string[], max = 3): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** `intstr.IntOrString.String()`: ints in decimal, strings (percentages) as they are. */
export function intOrString(v: unknown): string {
  return typeof v === 'number' ? String(Math.trunc(v)) : str(v);
}
