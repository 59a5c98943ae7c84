import type { Diagnosis, Remedy, RetryView, StuckItem } from '@/lib/domain/retries';
import type { BudgetView } from '@/lib/domain/views';

import { compareText, inOrder } from './compare-text';
import { english, type WordsT } from './english';
import { timeOf } from './format-time';
import type { LiveState } from './live-state';
import type { Tone } from './pod-status';

/** The `RetryWords` messages in the interface's language (`useTranslations('RetryWords')`). */
export type RetryT = WordsT<'RetryWords'>;

/** English, for callers outside React and for tests: the same messages as the interface. */
export const RETRY_ENGLISH = english('RetryWords');

/** A retry entry's state in one word and its colour (ui.md's one map). */
export interface RetryStatus {
  readonly label: string;
  readonly tone: Tone;
}

/**
 * The words and colour of a retry state: pending waits on a budget (amber), an eviction that
 * went through is done (green), one that gave up or failed is red, the rest inactive (grey).
 */
export function retryStatus(state: RetryView['state'], t: RetryT = RETRY_ENGLISH): RetryStatus {
  const label = t(`status.${state}`);
  switch (state) {
    case 'pending':
      return { label, tone: 'waiting' };
    case 'evicted':
      return { label, tone: 'healthy' };
    case 'gone':
    case 'replaced':
    case 'cancelled':
      return { label, tone: 'inactive' };
    case 'failed':
    case 'expired':
      return { label, tone: 'failed' };
    default: {
      const unknown: never = state;
      throw new Error(`unknown retry state ${String(unknown)}`);
    }
  }
}

/** What a pending entry waits on now. */
export type RetryWait =
  /** An attempt is in flight. */
  | { readonly kind: 'attempting' }
  /**
   * Its budget allows no disruption in the live model: a change of the budget wakes it; the
   * timer (`at`, epoch ms, when known) still tries again meanwhile.
   */
  | { readonly kind: 'budget'; readonly budget: string; readonly at: number | null }
  /** The timer wakes it at `at` (epoch ms). */
  | { readonly kind: 'timer'; readonly at: number }
  /** Finished, or no next attempt known. */
  | { readonly kind: 'none' };

/** Budgets by `namespace/name`, as retry entries name them. */
export type BudgetsByName = ReadonlyMap<string, BudgetView>;

export function budgetsByName(budgets: Iterable<BudgetView>): BudgetsByName {
  return new Map([...budgets].map((b) => [`${b.namespace}/${b.name}`, b]));
}

/** What the entry waits on: the attempt in flight, its budget at 0, or the timer. */
export function retryWait(entry: RetryView, budgets: BudgetsByName): RetryWait {
  if (entry.state !== 'pending') return { kind: 'none' };
  if (entry.inFlight) return { kind: 'attempting' };
  const budget =
    entry.budget === null ? undefined : budgets.get(`${entry.namespace}/${entry.budget}`);
  const at = timeOf(entry.nextAttemptAt);
  if (budget !== undefined && budget.disruptionsAllowed === 0) {
    return { kind: 'budget', budget: budget.name, at };
  }
  return at === null ? { kind: 'none' } : { kind: 'timer', at };
}

/** The stuck monitor's findings about one retry entry, from every item naming it. */
export interface RetryStuck {
  readonly diagnoses: readonly Diagnosis[];
  readonly remedies: readonly Remedy[];
}

/** The stuck findings by retry id; an entry named by several items gets all their findings, once each. */
export function stuckByRetry(items: readonly StuckItem[]): ReadonlyMap<number, RetryStuck> {
  const byId = new Map<number, { diagnoses: Diagnosis[]; remedies: Remedy[] }>();
  for (const item of items) {
    if (item.retryId === null) continue;
    const found = byId.get(item.retryId) ?? { diagnoses: [], remedies: [] };
    // A budget's item may name the entry it blocks and repeat the entry's own diagnosis.
    for (const diagnosis of item.diagnoses) {
      if (!found.diagnoses.some((d) => d.code === diagnosis.code && d.text === diagnosis.text)) {
        found.diagnoses.push(diagnosis);
      }
    }
    for (const remedy of item.remedies) {
      if (!found.remedies.some((r) => r.code === remedy.code && r.title === remedy.title)) {
        found.remedies.push(remedy);
      }
    }
    byId.set(item.retryId, found);
  }
  return byId;
}

/** One retry entry as the Retries view shows it. */
export interface RetryRow {
  readonly entry: RetryView;
  /** `namespace/pod`, the row's name in its controls' labels. */
  readonly ref: string;
  /** The cluster's own cause when it gave one, else our words for the last answer. */
  readonly message: string | null;
  readonly wait: RetryWait;
  /** null when the stuck monitor has nothing on this entry. */
  readonly stuck: RetryStuck | null;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
}

/** The Retries view's rows: pending (longest waiting first) and finished (newest first). */
export interface RetryRows {
  readonly pending: readonly RetryRow[];
  readonly finished: readonly RetryRow[];
}

const inNamespace = (namespace: string | null) => (o: { namespace: string | null }) =>
  namespace === null || o.namespace === null || o.namespace === namespace;

function toRow(entry: RetryView, budgets: BudgetsByName, stuck: ReadonlyMap<number, RetryStuck>) {
  return {
    entry,
    ref: `${entry.namespace}/${entry.pod}`,
    message: entry.lastAnswer?.cause ?? entry.lastAnswer?.message ?? null,
    wait: retryWait(entry, budgets),
    stuck: stuck.get(entry.id) ?? null,
    createdAt: timeOf(entry.createdAt),
    updatedAt: timeOf(entry.updatedAt),
  } satisfies RetryRow;
}

const oldestFirst = (a: RetryRow, b: RetryRow) => (a.createdAt ?? 0) - (b.createdAt ?? 0);
const newestFirst = (a: RetryRow, b: RetryRow) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0);

/**
 * The retry entries of `namespace` (all when null) as rows. Pending ones come oldest first,
 * as the longest wait is the likeliest to need a hand; finished ones newest first.
 */
export function retryRows(
  state: Pick<LiveState, 'retries' | 'stuck'>,
  budgets: BudgetsByName,
  namespace: string | null,
): RetryRows {
  const stuck = stuckByRetry(state.stuck);
  const rows = [...state.retries.values()]
    .filter(inNamespace(namespace))
    .map((entry) => toRow(entry, budgets, stuck));
  const tie = (a: RetryRow, b: RetryRow) => compareText(a.ref, b.ref) || a.entry.id - b.entry.id;
  return {
    pending: rows.filter((r) => r.entry.state === 'pending').sort(inOrder(oldestFirst, tie)),
    finished: rows
      .filter((r) => r.entry.state !== 'pending')
      .sort(inOrder(newestFirst, (a, b) => b.entry.id - a.entry.id)),
  };
}

/** The stuck items of `namespace` (all when null; items of no namespace, nodes, always shown). */
export function stuckInScope(items: readonly StuckItem[], namespace: string | null): StuckItem[] {
  return items.filter(inNamespace(namespace));
}

/** Pending entries and stuck items of a scope, for the Overview. */
export interface RetryGlance {
  readonly pending: number;
  readonly stuck: number;
}

export function glanceRetries(
  state: Pick<LiveState, 'retries' | 'stuck'>,
  namespace: string | null,
): RetryGlance {
  let pending = 0;
  for (const entry of state.retries.values()) {
    if (entry.state === 'pending' && inNamespace(namespace)(entry)) pending++;
  }
  return { pending, stuck: stuckInScope(state.stuck, namespace).length };
}
