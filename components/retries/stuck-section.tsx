import { useTranslations } from 'next-intl';

import type { StuckItem } from '@/lib/domain/retries';
import { timeOf } from '@/lib/client/format-time';
import { stuckTitle } from '@/lib/client/stuck-words';

import { Age } from '../ui/age';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';
import { StuckFindings } from './stuck-findings';
import { useStuckSay } from './use-stuck-say';

function StuckEntry({ item }: { item: StuckItem }) {
  const t = useTranslations('Retries');
  const say = useStuckSay();
  const kind = t(`kinds.${item.kind}`);
  const object = item.namespace === null ? item.name : `${item.namespace}/${item.name}`;
  return (
    <li>
      <article
        aria-label={`${kind} ${object}`}
        className="space-y-2 rounded-md border border-state-failed/60 px-3 py-2"
      >
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <StatusBadge tone="failed" label={t('stuck')} detail={kind} />
          <span className="font-mono">{object}</span>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            {t('for')} <Age since={timeOf(item.since)} />
          </span>
        </p>
        <h3 className="text-sm font-medium">{stuckTitle(item, say)}</h3>
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
  const t = useTranslations('Retries');
  return (
    <section aria-labelledby="stuck-heading" className="space-y-3">
      <h2 id="stuck-heading" className="text-lg font-semibold">
        {t('stuck')}
      </h2>
      {items.length === 0 ? (
        <Notice tone="healthy" title={t('nothingStuck')}>
          {t('nothingStuckBody')}
        </Notice>
      ) : (
        <ul aria-label={t('stuckItems')} className="space-y-2">
          {items.map((item) => (
            <StuckEntry key={item.key} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
