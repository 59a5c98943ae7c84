import type { Parsed } from './parsed';
import type { LabelSelectorView } from './views';

type Labels = Readonly<Record<string, string>>;
type Requirement = LabelSelectorView['matchExpressions'][number];

function hasLabel(labels: Labels, key: string): boolean {
  return Object.hasOwn(labels, key);
}

function meets(labels: Labels, req: Requirement): boolean {
  switch (req.operator) {
    case 'In':
      return hasLabel(labels, req.key) && req.values.includes(labels[req.key] ?? '');
    case 'NotIn':
      return !hasLabel(labels, req.key) || !req.values.includes(labels[req.key] ?? '');
    case 'Exists':
      return hasLabel(labels, req.key);
    case 'DoesNotExist':
      return !hasLabel(labels, req.key);
    default: {
      const unknown: never = req.operator;
      throw new Error(`unknown selector operator ${String(unknown)}`);
    }
  }
}

/**
 * Whether `selector` selects an object with `labels`: every `matchLabels` pair and every
 * `matchExpressions` requirement must hold. As for a policy/v1 PodDisruptionBudget, a null
 * selector selects nothing and an empty one selects everything.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#arbitrary-controllers-and-selectors
 */
export function selectorMatches(selector: LabelSelectorView | null, labels: Labels): boolean {
  if (selector === null) return false;
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!hasLabel(labels, key) || labels[key] !== value) return false;
  }
  return selector.matchExpressions.every((req) => meets(labels, req));
}

/** A label key: an optional DNS-subdomain prefix and `/`, then a name of up to 63 characters. */
const KEY =
  /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const SET = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/;
const EQUALITY = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/;

/** Splits at the commas that are not inside a set's parentheses. */
function terms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((t) => t.trim());
}

function requirement(term: string): Requirement | string {
  const set = SET.exec(term);
  const equality = EQUALITY.exec(term);
  let req: Requirement;
  if (set !== null) {
    const values = (set[3] ?? '').split(',').map((v) => v.trim());
    req = { key: set[1] ?? '', operator: set[2] === 'in' ? 'In' : 'NotIn', values };
  } else if (equality !== null) {
    const operator = equality[2] === '!=' ? 'NotIn' : 'In';
    req = { key: equality[1] ?? '', operator, values: [equality[3] ?? ''] };
  } else if (/[\s()]/.test(term.replace(/^!\s*/, ''))) {
    return `"${term}" is not a requirement: key, !key, key=value, key!=value, key in (…), key notin (…)`;
  } else if (term.startsWith('!')) {
    req = { key: term.slice(1).trim(), operator: 'DoesNotExist', values: [] };
  } else {
    req = { key: term, operator: 'Exists', values: [] };
  }
  if (!KEY.test(req.key)) return `"${req.key}" is not a valid label key`;
  const bad = req.values.find((v) => !VALUE.test(v));
  return bad === undefined ? req : `"${bad}" is not a valid label value`;
}

/**
 * Parses a selector written as for `kubectl get -l`: comma-separated `key=value`,
 * `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`, `key` and `!key`, all of
 * which must hold. Empty text selects everything. Fails with a message naming the bad term.
 */
export function parseLabelSelector(text: string): Parsed<LabelSelectorView> {
  const matchExpressions: Requirement[] = [];
  if (text.trim() === '') return { ok: true, value: { matchLabels: {}, matchExpressions } };
  for (const term of terms(text)) {
    if (term === '') return { ok: false, message: 'an empty term (two commas in a row?)' };
    const req = requirement(term);
    if (typeof req === 'string') return { ok: false, message: req };
    matchExpressions.push(req);
  }
  return { ok: true, value: { matchLabels: {}, matchExpressions } };
}

function formatRequirement(req: Requirement): string {
  switch (req.operator) {
    case 'In':
      return req.values.length === 1
        ? `${req.key}=${req.values[0]}`
        : `${req.key} in (${req.values.join(',')})`;
    case 'NotIn':
      return req.values.length === 1
        ? `${req.key}!=${req.values[0]}`
        : `${req.key} notin (${req.values.join(',')})`;
    case 'Exists':
      return req.key;
    case 'DoesNotExist':
      return `!${req.key}`;
    default: {
      const unknown: never = req.operator;
      return unknown;
    }
  }
}

/**
 * A selector written as `kubectl get -l` reads it (`app=web,tier in (a,b),!canary`), which
 * `parseLabelSelector` reads back; `{}` for the empty selector and `null` for none.
 */
export function formatSelector(selector: LabelSelectorView | null): string {
  if (selector === null) return 'null';
  const labels = Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`);
  const terms = [...labels, ...selector.matchExpressions.map(formatRequirement)];
  return terms.length === 0 ? '{}' : terms.join(',');
}
