import type { StuckItem } from '@/lib/domain/retries';
import { STUCK_KIND_LABELS } from '@/lib/client/retry-rows';
import { timeOf } from '@/lib/client/format-time';

import { Age } from '../ui/age';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';
import { StuckFindings } from './stuck-findings';

/** "Retry shop/web-1", "Node node-1": the kind and the object, naming the item's article. */
export function stuckItemName(item: StuckItem): string {
  const object = item.namespace === null ? item.name : `${item.namespace}/${item.name}`;
  return `${STUCK_KIND_LABELS[item.kind]} ${object}`;
}

function StuckEntry({ item }: { item: StuckItem }) {
  return (
    <li>
      <article
        aria-label={stuckItemName(item)}
        className="space-y-2 rounded-md border border-state-failed/60 px-3 py-2"
      >
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <StatusBadge tone="failed" label="Stuck" detail={STUCK_KIND_LABELS[item.kind]} />
          <span className="font-mono">
            {item.namespace === null ? item.name : `${item.namespace}/${item.name}`}
          </span>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            for <Age since={timeOf(item.since)} />
          </span>
        </p>
        <h3 className="text-sm font-medium">{item.title}</h3>
        <StuckFindings diagnoses={item.diagnoses} remedies={item.remedies} />
      </article>
    </li>
  );
}

/**
 * Everything the stuck monitor finds stuck: retries, budgets, terminating pods and cordoned
 * nodes, each with its diagnosis and remedies.
 */
export function StuckSection({ items }: { items: readonly StuckItem[] }) {
  return (
    <section aria-labelledby="stuck-heading" className="space-y-3">
      <h2 id="stuck-heading" className="text-lg font-semibold">
        Stuck
      </h2>
      {items.length === 0 ? (
        <Notice tone="healthy" title="Nothing is stuck">
          No retry, budget, terminating pod or cordoned node has been held up past its threshold.
        </Notice>
      ) : (
        <ul aria-label="Stuck items" className="space-y-2">
          {items.map((item) => (
            <StuckEntry key={item.key} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
