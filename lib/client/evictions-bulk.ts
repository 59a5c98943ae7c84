import { EvictionOutcomeSchema } from '@/lib/domain/eviction-outcome';

import type { PodTarget } from './evictions-request';
import { EVICT_ENGLISH, type ActionAnswer, type EvictT } from './evictions-words';

/** Where one pod of a bulk eviction stands. */
export type BulkItem =
  | { readonly state: 'sending' }
  | { readonly state: 'answered'; readonly answer: ActionAnswer }
  /** No answer of the contract's shape (the network failed, or the server broke it). */
  | { readonly state: 'failed'; readonly message: string }
  /** Not sent: the pod may not be evicted (missing permission, options invalid…). */
  | { readonly state: 'skipped'; readonly message: string };

/**
 * Evicts each pod with its own request, at once, and reports each pod's result as it comes
 * (`onItem`), so that one refusal never hides or cancels the others — never all-or-nothing,
 * unlike `Promise.all`. Resolves when every pod has its result.
 */
export async function evictEach(
  targets: readonly PodTarget[],
  send: (target: PodTarget) => Promise<ActionAnswer>,
  onItem: (uid: string, item: BulkItem) => void,
): Promise<ReadonlyMap<string, BulkItem>> {
  const results = new Map<string, BulkItem>();
  const report = (uid: string, item: BulkItem) => {
    results.set(uid, item);
    onItem(uid, item);
  };
  for (const target of targets) report(target.uid, { state: 'sending' });
  await Promise.all(
    targets.map(async (target) => {
      try {
        report(target.uid, { state: 'answered', answer: await send(target) });
      } catch (e) {
        report(target.uid, {
          state: 'failed',
          message: e instanceof Error ? e.message : String(e),
        });
      }
    }),
  );
  return results;
}

/** The summary's order: the outcomes' own order, then the pods without an answer. */
const SUMMARY_ORDER = [...EvictionOutcomeSchema.options, 'failed', 'skipped', 'sending'] as const;

type SummaryKey = (typeof SUMMARY_ORDER)[number];

/** How many of a bulk eviction's pods came to each outcome, e.g. "1 evicted, 2 blocked". */
export function bulkSummary(items: Iterable<BulkItem>, t: EvictT = EVICT_ENGLISH): string {
  const counts = new Map<SummaryKey, number>();
  for (const item of items) {
    const key = item.state === 'answered' ? item.answer.outcome : item.state;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return SUMMARY_ORDER.flatMap((key) => {
    const count = counts.get(key);
    return count === undefined ? [] : [t(`summary.${key}`, { count: String(count) })];
  }).join(t('summary.separator'));
}
