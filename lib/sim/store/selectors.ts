/**
 * Label and field selectors as kube-apiserver parses and applies them
 * (k8s.io/apimachinery/pkg/labels/selector.go, pkg/fields/selector.go, and each resource's
 * field-label conversion and selectable-fields functions). Error messages are upstream's, since
 * kubectl prints them verbatim after `Error from server (BadRequest):`.
 */
import { fieldInvalid, goQuote, isQualifiedName, isValidLabelValue } from '../api/validation';

/** selection.Operator values, spelled as upstream spells them. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** Parsed requirements (all must hold), or `'nothing'`: labels.Nothing(), which matches no object. */
export type LabelSelection = readonly LabelRequirement[] | 'nothing';

const BINARY_OPS = 'in, notin, =, ==, !=, gt, lt';
const OPS: Record<string, LabelOperator> = {
  in: 'in',
  notin: 'notin',
  '=': '=',
  '==': '==',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
};
const SPECIAL = '=!(),><';
const SYMBOLS = new Set([...SPECIAL, '==', '!=']);
const SPACE = ' \t\r\n';
/** A token: `kind` is `id`, `end`, `in`, `notin`, or the symbol itself (`(`, `!=`, ...). */
type Tok = { kind: string; lit: string };
const END: Tok = { kind: 'end', lit: '' };

/** labels.Lexer: identifiers run until whitespace or a special symbol; symbols are greedy. */
function lex(s: string): Tok[] {
  const toks: Tok[] = [];
  for (let i = 0; ;) {
    while (i < s.length && SPACE.includes(s.charAt(i))) i++;
    if (i >= s.length) return [...toks, END];
    const start = i;
    if (SPECIAL.includes(s.charAt(i))) {
      while (i < s.length && SYMBOLS.has(s.slice(start, i + 1))) i++;
    } else {
      while (i < s.length && !SPECIAL.includes(s.charAt(i)) && !SPACE.includes(s.charAt(i))) i++;
    }
    const lit = s.slice(start, i);
    const keyword = lit === 'in' || lit === 'notin' || SYMBOLS.has(lit);
    toks.push({ kind: keyword ? lit : 'id', lit });
  }
}

/** An aggregate of field errors prints as its one message, or `[a, b]` (deduplicated). */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}

/** Go's %#v of a []string, as field.Invalid prints NewRequirement's bad values list. */
function goStrings(values: string[]): string {
  return values.length === 0 ? '[]string(nil)' : `[]string{${values.map(goQuote).join(', ')}}`;
}

/** strconv.ParseInt(v, 10, 64) succeeds. */
function isInt64(v: string): boolean {
  return /^[+-]?\d+$/.test(v) && BigInt.asIntN(64, BigInt(v)) === BigInt(v);
}

/** labels.NewRequirement: key syntax, operator arity, Gt/Lt integers, label values; throws. */
function newRequirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const keyErrs = isQualifiedName(key);
  const errs = keyErrs.length > 0 ? [fieldInvalid('key', key, keyErrs.join('; ')).message] : [];
  const badArity = (detail: string) => `values: Invalid value: ${goStrings(values)}: ${detail}`;
  if ((operator === 'in' || operator === 'notin') && values.length === 0) {
    errs.push(badArity("for 'in', 'notin' operators, values set can't be empty"));
  } else if ((operator === 'exists' || operator === '!') && values.length > 0) {
    errs.push(badArity('values set must be empty for exists and does not exist'));
  } else if (operator === 'gt' || operator === 'lt') {
    values.forEach((v, i) => {
      if (isInt64(v)) return;
      const detail = "for 'Gt', 'Lt' operators, the value must be an integer";
      errs.push(fieldInvalid(`values[${i}]`, v, detail).message);
    });
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0)
      errs.push(fieldInvalid(`values[${i}][${key}]`, v, msgs.join('; ')).message);
  });
  if (errs.length > 0) throw new Error(aggregate(errs));
  return { key, operator, values };
}

/** labels.Parser, one method per grammar rule; errors are upstream's, word for word. */
class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}
  /** In a values context `in` and `notin` are plain identifiers (`x in (in)`). */
  peek(values = true): Tok {
    const t = this.toks[this.pos] ?? END;
    return values && (t.kind === 'in' || t.kind === 'notin') ? { kind: 'id', lit: t.lit } : t;
  }
  next(values = true): Tok {
    const t = this.peek(values);
    this.pos++;
    return t;
  }
  requirement(): LabelRequirement {
    let t = this.next();
    const negated = t.kind === '!';
    if (negated) t = this.next();
    if (t.kind !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const keyErrs = isQualifiedName(t.lit);
    if (keyErrs.length > 0)
      throw new Error(fieldInvalid('<nil>', t.lit, keyErrs.join('; ')).message);
    if (negated) return newRequirement(t.lit, '!', []);
    const after = this.peek().kind;
    if (after === 'end' || after === ',') return newRequirement(t.lit, 'exists', []);
    const op = this.next(false);
    const operator = OPS[op.kind];
    if (operator === undefined) throw new Error(`found '${op.lit}', expected: ${BINARY_OPS}`);
    const values = operator === 'in' || operator === 'notin' ? this.set() : this.exact();
    return newRequirement(t.lit, operator, [...new Set(values)].sort());
  }
  /** `(a,b)`; `()`, `(,a)`, `(a,,b)` and `(a,)` each include the empty value. */
  set(): string[] {
    const open = this.next();
    if (open.kind !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const first = this.peek();
    if (first.kind === ')') return (this.next(), ['']);
    if (first.kind !== 'id' && first.kind !== ',') {
      throw new Error(`found '${first.lit}', expected: ',', ')' or identifier`);
    }
    const values: string[] = [];
    for (let t = this.next(), ahead = this.peek(); ; t = this.next(), ahead = this.peek()) {
      if (t.kind === 'id') {
        values.push(t.lit);
        if (ahead.kind === ')') break;
        if (ahead.kind !== ',') throw new Error(`found '${ahead.lit}', expected: ',' or ')'`);
      } else if (t.kind === ',') {
        if (values.length === 0 || ahead.kind === ',' || ahead.kind === ')') values.push('');
        if (ahead.kind === ')') break;
      } else {
        throw new Error(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
    this.next(); // the ')' both loop exits stopped at
    return values;
  }
  exact(): string[] {
    const ahead = this.peek().kind;
    if (ahead === 'end' || ahead === ',') return [''];
    const t = this.next();
    if (t.kind !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    return [t.lit];
  }
}

/**
 * labels.Parse: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a`, `!a`, `a>1`, `a<1`,
 * comma-separated (AND). Keys must be qualified names and values label values. Throws with
 * upstream's message; an empty string yields no requirements (matches everything).
 */
export function parseLabelSelector(s: string): LabelRequirement[] {
  const p = new Parser(lex(s));
  const reqs: LabelRequirement[] = [];
  for (let t = p.peek(); t.kind !== 'end'; t = p.peek()) {
    if (t.kind !== 'id' && t.kind !== '!') {
      throw new Error(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
    }
    try {
      reqs.push(p.requirement());
    } catch (e) {
      throw new Error(`unable to parse requirement: ${(e as Error).message}`);
    }
    const sep = p.next();
    if (sep.kind === 'end') break;
    if (sep.kind !== ',') throw new Error(`found '${sep.lit}', expected: ',' or 'end of string'`);
    const n = p.peek();
    if (n.kind !== 'id' && n.kind !== '!') {
      throw new Error(`found '${n.lit}', expected: identifier after ','`);
    }
  }
  // Upstream sorts by key so that equal selectors print and compare equally.
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A metav1.LabelSelector as it travels on the wire. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

const EXPRESSION_OPS: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector: `null`/`undefined` is labels.Nothing() (`'nothing'`, as
 * policy/v1 PodDisruptionBudget reads an absent selector); `{}` matches everything (`[]`).
 * Throws for an invalid selector: In/NotIn without values, Exists/DoesNotExist with values,
 * an unknown operator, or bad keys and values.
 */
export function labelSelectorFromObject(
  sel: LabelSelectorObject | null | undefined,
): LabelSelection {
  if (sel == null) return 'nothing';
  // Go ranges over matchLabels in random order; sorting makes the first error deterministic.
  const fromLabels = Object.entries(sel.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => newRequirement(k, '=', [v]));
  const fromExpressions = (sel.matchExpressions ?? []).map((e) => {
    const op = EXPRESSION_OPS[e.operator];
    if (op === undefined)
      throw new Error(`${goQuote(e.operator)} is not a valid label selector operator`);
    return newRequirement(e.key, op, [...(e.values ?? [])]);
  });
  return [...fromLabels, ...fromExpressions];
}

function matchesRequirement(r: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key] ?? '';
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value);
    case 'notin':
    case '!=':
      // NotIn and != also match objects that lack the label entirely.
      return !has || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      const bound = r.values[0];
      if (!has || bound === undefined || !isInt64(value) || !isInt64(bound)) return false;
      return r.operator === 'gt' ? BigInt(value) > BigInt(bound) : BigInt(value) < BigInt(bound);
    }
  }
}

/** Selector.Matches: every requirement holds; `'nothing'` matches no labels at all. */
export function matchesLabels(
  sel: LabelSelection,
  labels: Record<string, string> | undefined,
): boolean {
  if (sel === 'nothing') return false;
  const ls = labels ?? {};
  return sel.every((r) => matchesRequirement(r, ls));
}
